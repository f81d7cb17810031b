import type { Request } from 'express';
import type { AuthenticatedAccount } from '../accounts/account.types.js';
import { SignedSession } from '../web/cookies.js';
import type { ScreensDeps } from '../web/screens-deps.js';
import { needsPatientContext } from './consent-model.js';
import type { RequestAudience } from './interaction-context.js';
import type { PatientChoice } from './views/picker.view.js';

/** The patient (and launch) context an authorization will carry, or which picker to show first. */
export type ContextDecision =
  | { step: 'ready'; practiceId: number; patient?: PatientChoice; encounterId?: number; launchId?: string; needPatientBanner: boolean; smartStyleUrl?: string; canChangePatient: boolean }
  | { step: 'provider-picker' }
  | { step: 'portal-picker'; choices: PatientChoice[] }
  | { step: 'refused'; title: string; message: string };

/** Which chart was picked for an interaction: a short-lived signed cookie bound to the interaction uid. */
export function pickCookie(deps: ScreensDeps): SignedSession<{ uid: string; patientId: number }> {
  return new SignedSession('mof_pick', deps.secrets, deps.config.auth.secureCookies, 30 * 60 * 1000);
}

/**
 * Decides the launch context of an interaction:
 * - EHR launch (`launch` parameter): the stored launch context, no picker; it must belong to this app and, when it
 *   names a user, to the signed-in user.
 * - Patient (portal) standalone: the own chart, or a picker among own + proxy charts.
 * - Provider standalone with `launch/patient` or `patient/` scopes: the practice-scoped patient picker.
 * - Provider with `user/` scopes only: no patient.
 */
export async function resolveLaunchContext(
  deps: ScreensDeps,
  req: Request,
  uid: string,
  params: Record<string, unknown>,
  audience: RequestAudience,
  account: AuthenticatedAccount,
  scopes: string[],
): Promise<ContextDecision> {
  const changing = req.method === 'GET' && req.query.change === 'patient';
  const picked = pickCookie(deps).read(req, deps.now());
  const pickedId = picked && picked.uid === uid && !changing ? picked.patientId : undefined;

  if (typeof params.launch === 'string' && params.launch) {
    const ctx = await deps.store.launches.findUsable(params.launch);
    const refused = { step: 'refused', title: 'This launch has expired', message: 'Open the app again from the EHR.' } as const;
    if (!ctx || (ctx.clientId && ctx.clientId !== params.client_id) || ctx.audience.replace(/\/+$/, '') !== audience.base.replace(/\/+$/, '')) return refused;
    if (ctx.accountId && ctx.accountId !== account.accountId) {
      return { step: 'refused', title: 'Different user', message: 'You signed in as a different user than the one who launched the app in the EHR.' };
    }
    if (ctx.practiceId !== account.practiceId && account.kind === 'ehr-user') return refused;
    const patient = ctx.patientId ? await deps.patients.findInPractice(ctx.practiceId, ctx.patientId) : undefined;
    return {
      step: 'ready', practiceId: ctx.practiceId, patient, encounterId: ctx.encounterId ?? undefined, launchId: ctx.id,
      needPatientBanner: ctx.needPatientBanner, smartStyleUrl: ctx.smartStyleUrl ?? undefined, canChangePatient: false,
    };
  }

  if (account.kind === 'portal') {
    const choices = await deps.patients.portalCharts(account.portalId!, account.ownPatientId!);
    if (choices.length === 0) return { step: 'refused', title: 'No record available', message: 'Your portal account is not linked to an active record.' };
    const chosen = pickedId !== undefined ? choices.find((c) => c.patientId === pickedId) : choices.length === 1 ? choices[0] : undefined;
    if (!chosen) return { step: 'portal-picker', choices };
    const chart = await deps.patients.portalChart(account.portalId!, account.ownPatientId!, chosen.patientId);
    if (!chart) return { step: 'portal-picker', choices };
    return { step: 'ready', practiceId: chart.practiceId, patient: chosen, needPatientBanner: true, canChangePatient: choices.length > 1 };
  }

  if (!needsPatientContext(scopes)) return { step: 'ready', practiceId: account.practiceId, needPatientBanner: true, canChangePatient: false };
  const patient = pickedId !== undefined ? await deps.patients.findInPractice(account.practiceId, pickedId) : undefined;
  if (!patient) return { step: 'provider-picker' };
  return { step: 'ready', practiceId: account.practiceId, patient, needPatientBanner: true, canChangePatient: true };
}
