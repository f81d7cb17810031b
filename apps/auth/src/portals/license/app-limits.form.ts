/**
 * The request limits a practice administrator sets for one approved app in `/admin` (issue 12): requests per
 * minute and requests at once, at this practice; blank = the deployment default. The FHIR API reads them from the
 * facade store (cached 30 s) and answers 429 beyond them.
 */
import type { AppRequestLimits, FacadeStore } from '#facade/facade-store';
import { field } from '../portal-session.js';

export const RATE_RANGE = { min: 1, max: 100_000 } as const;
export const CONCURRENT_RANGE = { min: 1, max: 1000 } as const;

/** Parses the two inputs: blank = default (null); anything else must be a whole number in range. */
export function parseAppLimits(form: Record<string, unknown>): AppRequestLimits | string {
  const rate = field(form, 'ratePerMinute', 10);
  const conc = field(form, 'concurrent', 10);
  const rateN = rate === '' ? null : Number(rate);
  const concN = conc === '' ? null : Number(conc);
  if (rateN !== null && (!Number.isInteger(rateN) || rateN < RATE_RANGE.min || rateN > RATE_RANGE.max)) {
    return `Requests per minute must be a whole number between ${RATE_RANGE.min} and ${RATE_RANGE.max}, or blank for the default.`;
  }
  if (concN !== null && (!Number.isInteger(concN) || concN < CONCURRENT_RANGE.min || concN > CONCURRENT_RANGE.max)) {
    return `Requests at once must be a whole number between ${CONCURRENT_RANGE.min} and ${CONCURRENT_RANGE.max}, or blank for the default.`;
  }
  return { ratePerMinute: rateN, concurrent: concN };
}

/** Saves the limits of an approved app; the notice or the error to show. */
export async function saveAppLimits(
  store: FacadeStore,
  practiceId: number,
  actor: string,
  app: { clientId: string; name: string },
  form: Record<string, unknown>,
): Promise<{ notice: string } | { error: string }> {
  if (!(await store.approvals.findActive(app.clientId, practiceId))) return { error: 'Approve the app first.' };
  const limits = parseAppLimits(form);
  if (typeof limits === 'string') return { error: limits };
  await store.appLimits.set(app.clientId, practiceId, limits, actor);
  await store.audit.record('approval.limits', { actor, clientId: app.clientId, practiceId, detail: { ...limits } });
  return { notice: `Request limits of “${app.name}” were saved.` };
}
