import type { Request, Response } from 'express';
import type { AuthenticatedAccount } from '../accounts/account.types.js';
import { LOGIN_REFUSED_MESSAGE, signInPausedMessage } from '../accounts/login-rules.js';
import type { ScreensDeps } from '../web/screens-deps.js';
import { ConsentError } from '../oidc/smart-interaction.service.js';
import { buildConsentModel, grantedScopesFromForm } from './consent-model.js';
import { audienceOf, clientSummary, requestedScopes, type RequestAudience } from './interaction-context.js';
import { pickCookie, resolveLaunchContext, type ContextDecision } from './launch-context.resolver.js';
import { validatePatientQuery } from './patient-lookup.service.js';
import { renderConsentPage } from './views/consent.view.js';
import { renderLoginPage } from './views/login.view.js';
import { renderMessagePage } from './views/message.view.js';
import { renderPortalPicker, renderProviderPicker } from './views/picker.view.js';

type Details = Awaited<ReturnType<ScreensDeps['provider']['interactionDetails']>>;

/** Pages for consent refusals that a retry cannot fix. */
const CONSENT_REFUSALS: Record<string, [string, string]> = {
  not_approved: ['This app is not approved', 'Your practice has not approved this app, so it cannot connect. Ask your practice administrator to approve it in the License Management portal.'],
  launch_invalid: ['This launch has expired', 'Open the app again from the EHR.'],
  account_mismatch: ['Different user', 'You signed in as a different user than the one who launched the app in the EHR.'],
  wrong_prompt: ['This sign-in has expired', 'Go back to the app and start again.'],
  context_refused: ['This record is not available', 'Your account cannot share this record with the app. Go back to the app and start again.'],
};

function send(res: Response, status: number, page: string): void {
  res.status(status).type('html').setHeader('Cache-Control', 'no-store').send(page);
}

/**
 * The authorization request's screens (`/interaction/:uid`): sign-in, patient picker, consent. State between steps
 * lives in oidc-provider's interaction (login) and a signed, uid-bound cookie (picked chart); every POST is
 * CSRF-checked and re-validates what it relies on.
 */
export class InteractionService {
  constructor(private readonly deps: ScreensDeps) {}

  private async details(req: Request, res: Response): Promise<Details | undefined> {
    try {
      return await this.deps.provider.interactionDetails(req, res);
    } catch {
      send(res, 400, renderMessagePage('This sign-in has expired', 'Go back to the app and start again.'));
      return undefined;
    }
  }

  private async signedInAccount(details: Details, audience: RequestAudience): Promise<AuthenticatedAccount | undefined> {
    const id = details.prompt.name === 'login' ? undefined : details.session?.accountId;
    const account = id ? await this.deps.accounts.findByAccountId(id) : undefined;
    return account && account.kind === audience.accountKind ? account : undefined;
  }

  private async begin(req: Request, res: Response): Promise<{ details: Details; audience: RequestAudience } | undefined> {
    const details = await this.details(req, res);
    if (!details) return undefined;
    const audience = audienceOf(details.params, this.deps.config);
    if (!audience) {
      send(res, 400, renderMessagePage('Unknown FHIR server', 'The app asked for a FHIR server this sign-in service does not protect.'));
      return undefined;
    }
    return { details, audience };
  }

  private async loginPage(req: Request, res: Response, details: Details, audience: RequestAudience, error?: string, loginName?: string, status = 200): Promise<void> {
    const client = await clientSummary(this.deps.provider, details.params.client_id);
    send(res, status, renderLoginPage({ uid: details.uid, csrf: this.deps.csrf.issue(req, res, details.uid), client, audience: audience.kind, error, loginName }));
  }

  /** GET /interaction/:uid: whichever step comes next. */
  async show(req: Request, res: Response): Promise<void> {
    const begun = await this.begin(req, res);
    if (!begun) return;
    const { details, audience } = begun;
    const account = await this.signedInAccount(details, audience);
    if (!account) return this.loginPage(req, res, details, audience);
    const scopes = requestedScopes(details.params);
    const decision = await resolveLaunchContext(this.deps, req, details.uid, details.params, audience, account, scopes);
    await this.renderStep(req, res, details, audience, account, scopes, decision);
  }

  private async renderStep(req: Request, res: Response, details: Details, audience: RequestAudience, account: AuthenticatedAccount,
    scopes: string[], decision: ContextDecision, error?: string): Promise<void> {
    const client = await clientSummary(this.deps.provider, details.params.client_id);
    const csrf = this.deps.csrf.issue(req, res, details.uid);
    // Every refusal offers a way back: the app gets access_denied and can start again.
    if (decision.step === 'refused') return send(res, 403, renderMessagePage(decision.title, decision.message, 'error', { href: `/interaction/${details.uid}/abort`, label: 'Return to the app', csrf }));
    if (decision.step === 'portal-picker') return send(res, 200, renderPortalPicker({ uid: details.uid, csrf, client, choices: decision.choices }));
    // A provider's practice is known before the picker: refuse an unapproved app before anyone searches charts.
    const practiceId = decision.step === 'provider-picker' ? account.practiceId : decision.practiceId;
    if (!(await this.deps.store.approvals.findActive(client.clientId, practiceId))) {
      const [title, message] = CONSENT_REFUSALS.not_approved;
      return send(res, 403, renderMessagePage(title, message, 'error', { href: `/interaction/${details.uid}/abort`, label: 'Return to the app', csrf }));
    }
    if (decision.step === 'provider-picker') {
      const { query, error: qError, empty } = validatePatientQuery(req.method === 'GET' ? (req.query as Record<string, unknown>) : {});
      const results = empty || qError ? undefined : await this.deps.patients.search(account.practiceId, query);
      return send(res, 200, renderProviderPicker({ uid: details.uid, csrf, client, query, results, error: qError }));
    }
    send(res, 200, renderConsentPage({
      uid: details.uid, csrf, client, model: buildConsentModel(scopes), audience: audience.kind, userName: account.displayName,
      patient: decision.patient, canChangePatient: decision.canChangePatient, error,
    }));
  }

  /** POST /interaction/:uid/login */
  async login(req: Request, res: Response): Promise<void> {
    const begun = await this.begin(req, res);
    if (!begun) return;
    const { details, audience } = begun;
    if (!this.deps.csrf.verify(req, details.uid)) return this.loginPage(req, res, details, audience, 'Your form expired. Please sign in again.');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const outcome = await this.deps.signIn.signIn(audience.accountKind, body.login, body.password, req.ip);
    if (!outcome.ok) {
      const name = typeof body.login === 'string' ? body.login.slice(0, 60) : undefined;
      if (outcome.throttled) {
        await this.deps.store.audit.record('login.throttled', { detail: { table: audience.accountKind } });
        res.setHeader('Retry-After', String(outcome.retryAfterSeconds));
        return this.loginPage(req, res, details, audience, signInPausedMessage(outcome.retryAfterSeconds), name, 429);
      }
      await this.deps.store.audit.record('login.refused', { detail: { table: audience.accountKind, reason: outcome.reason, row: outcome.accountRowId ?? null } });
      return this.loginPage(req, res, details, audience, LOGIN_REFUSED_MESSAGE, name);
    }
    await this.deps.store.audit.record('login.succeeded', { actor: outcome.account.accountId, practiceId: outcome.account.practiceId });
    pickCookie(this.deps).clear(res);
    res.redirect(303, await this.deps.interactions.finishLogin(details.uid, outcome.account.accountId));
  }

  /** POST /interaction/:uid/patient: a chart picked in either picker. */
  async pickPatient(req: Request, res: Response): Promise<void> {
    const begun = await this.begin(req, res);
    if (!begun) return;
    const { details, audience } = begun;
    const account = await this.signedInAccount(details, audience);
    if (!account) return this.loginPage(req, res, details, audience);
    const patientId = Number((req.body as Record<string, unknown> | undefined)?.patient);
    if (!this.deps.csrf.verify(req, details.uid) || !Number.isInteger(patientId) || patientId <= 0) {
      return send(res, 400, renderMessagePage('Could not select that record', 'The form expired or was incomplete. Go back and try again.', 'error', { href: `/interaction/${details.uid}`, label: 'Back' }));
    }
    const allowed = account.kind === 'portal'
      ? await this.deps.patients.portalChart(account.portalId!, account.ownPatientId!, patientId)
      : await this.deps.patients.findInPractice(account.practiceId, patientId);
    if (!allowed) return send(res, 403, renderMessagePage('Record not available', 'You cannot open that record.', 'error', { href: `/interaction/${details.uid}`, label: 'Back' }));
    pickCookie(this.deps).write(res, { uid: details.uid, patientId }, this.deps.now());
    res.redirect(303, `/interaction/${details.uid}`);
  }

  /** POST /interaction/:uid/abort (login "Cancel", refusal pages): ends the request with access_denied. */
  async abort(req: Request, res: Response): Promise<void> {
    const details = await this.details(req, res);
    if (!details) return;
    if (!this.deps.csrf.verify(req, details.uid)) {
      return send(res, 400, renderMessagePage('Your form expired', 'Go back to the app and start again.'));
    }
    pickCookie(this.deps).clear(res);
    res.redirect(303, await this.deps.interactions.abort(details.uid, 'access_denied', 'The request was cancelled or is not allowed.'));
  }

  /** POST /interaction/:uid/consent */
  async consent(req: Request, res: Response): Promise<void> {
    const begun = await this.begin(req, res);
    if (!begun) return;
    const { details, audience } = begun;
    const account = await this.signedInAccount(details, audience);
    if (!account) return this.loginPage(req, res, details, audience);
    const scopes = requestedScopes(details.params);
    const decision = await resolveLaunchContext(this.deps, req, details.uid, details.params, audience, account, scopes);
    if (!this.deps.csrf.verify(req, details.uid)) return this.renderStep(req, res, details, audience, account, scopes, decision, 'Your form expired. Please review and submit again.');
    if (decision.step !== 'ready') return this.renderStep(req, res, details, audience, account, scopes, decision);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const clientId = String(details.params.client_id);
    pickCookie(this.deps).clear(res);
    if (body.decision !== 'allow') {
      await this.deps.store.audit.record('consent.denied', { actor: account.accountId, clientId, practiceId: decision.practiceId });
      return res.redirect(303, await this.deps.interactions.abort(details.uid, 'access_denied', 'The user denied access.'));
    }
    const granted = grantedScopesFromForm(buildConsentModel(scopes), body);
    try {
      const next = await this.deps.interactions.finishConsent(details.uid, {
        accountId: account.accountId, practiceId: decision.practiceId, fhirUser: account.fhirUser, grantedScopes: granted,
        patientId: decision.patient?.patientId, encounterId: decision.encounterId, needPatientBanner: decision.needPatientBanner,
      });
      res.redirect(303, next);
    } catch (err) {
      if (!(err instanceof ConsentError)) throw err;
      const retry = err.code === 'patient_required' || err.code === 'no_scope';
      if (retry) {
        const message = err.code === 'no_scope' ? 'Choose at least one kind of information to share, or deny access.' : 'A patient must be selected for this access.';
        return this.renderStep(req, res, details, audience, account, scopes, decision, message);
      }
      const [title, message] = CONSENT_REFUSALS[err.code] ?? CONSENT_REFUSALS.wrong_prompt;
      const csrf = this.deps.csrf.issue(req, res, details.uid);
      send(res, 403, renderMessagePage(title, message, 'error', { href: `/interaction/${details.uid}/abort`, label: 'Return to the app', csrf }));
    }
  }
}
