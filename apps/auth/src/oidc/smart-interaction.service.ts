import { Inject, Injectable } from '@nestjs/common';
import type Provider from 'oidc-provider';
import type { FacadeStore, LaunchContextRow } from '#facade/facade-store';
import type { AccountId, SmartGrantContext } from '../contracts.js';
import type { AuthConfig } from '../auth-config.js';
import { AUTH_CONFIG, FACADE_STORE, OIDC_RUNTIME } from '../tokens.js';
import { normalizeBase } from './authorization-params.js';
import type { OidcRuntime } from './provider-factory.js';
import { CONTEXT_SCOPES, allowedScopes, isContextScope, parseResourceScope, splitScopes } from './smart-scopes.js';

/** What the login / picker / consent screens decided. */
export interface SmartConsentDecision {
  accountId: AccountId;
  practiceId: number;
  /** Relative fhirUser (`Practitioner/12`, `Patient/40`). */
  fhirUser?: string;
  /** Exactly the scopes left selected (granular scopes may replace requested resource-level ones). */
  grantedScopes: string[];
  /** Patient chosen in the picker (ignored for an EHR launch: the launch context decides). */
  patientId?: number;
  encounterId?: number;
  needPatientBanner?: boolean;
}

/** Why a consent cannot be completed yet (the screen shows the picker or an error). */
export class ConsentError extends Error {
  constructor(readonly code: 'patient_required' | 'not_approved' | 'launch_invalid' | 'account_mismatch' | 'context_refused' | 'no_scope' | 'wrong_prompt', message: string) {
    super(message);
    this.name = 'ConsentError';
  }
}

// Every static (non-resource) scope oidc-provider knows: it checks them as OIDC scopes of the grant.
const OIDC_SCOPES = new Set<string>(CONTEXT_SCOPES);

/**
 * Completes oidc-provider interactions for SMART: login, then consent (creating a fresh Grant carrying exactly the
 * selected scopes, the launch context, and rewriting the interaction's `scope` so granular scopes survive).
 *
 * The `uid` methods do NOT check the browser: call them only after `provider.interactionDetails(req, res)`
 * returned that uid for this request (it checks the interaction cookie). Each returns the URL to redirect
 * the browser to (303).
 */
@Injectable()
export class SmartInteractionService {
  private readonly provider: Provider;
  constructor(
    @Inject(OIDC_RUNTIME) private readonly rt: OidcRuntime,
    @Inject(FACADE_STORE) private readonly store: FacadeStore,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {
    this.provider = rt.provider;
  }

  /** The usable EHR launch context named by the interaction's `launch` parameter, if any. */
  async launchContext(uid: string): Promise<LaunchContextRow | undefined> {
    const interaction = await this.find(uid);
    const launch = interaction.params.launch as string | undefined;
    return launch ? this.store.launches.findUsable(launch) : undefined;
  }

  /** Records the signed-in account (login prompt done). */
  async finishLogin(uid: string, accountId: AccountId): Promise<string> {
    return this.result(uid, { login: { accountId } });
  }

  /** Ends the authorization with an OAuth error redirect to the app (e.g. `access_denied`). */
  async abort(uid: string, error: string, description: string): Promise<string> {
    return this.result(uid, { error, error_description: description }, false);
  }

  /**
   * Completes consent. Throws {@link ConsentError} when the app is not approved by the account's practice, the
   * EHR launch is unusable or was for another user, a patient scope was granted without a patient, or the account
   * may not (or no longer) authorize for the given practice or patient (re-derived here from the EHR's tables).
   */
  async finishConsent(uid: string, d: SmartConsentDecision): Promise<string> {
    const interaction = await this.find(uid);
    if (interaction.prompt.name !== 'consent') throw new ConsentError('wrong_prompt', 'the interaction is not waiting for consent');
    const accountId = interaction.session?.accountId;
    if (accountId !== d.accountId) throw new ConsentError('account_mismatch', 'consent must be given by the signed-in account');
    const clientId = interaction.params.client_id as string;
    const approval = await this.store.approvals.findActive(clientId, d.practiceId);
    if (!approval) throw new ConsentError('not_approved', 'this app is not approved by your practice');
    const client = await this.store.clients.find(clientId);
    const requested = splitScopes(interaction.params.scope as string | undefined);
    const granted = allowedScopes(splitScopes(d.grantedScopes.join(' ')), splitScopes(client?.scope))
      .filter((s) => !s.startsWith('system/'))
      .filter((s) => !isContextScope(s) || requested.includes(s));
    if (!granted.some((s) => parseResourceScope(s) || s === 'openid')) throw new ConsentError('no_scope', 'nothing was granted');
    const audience = normalizeBase(interaction.params.aud as string);
    // EHR users reach the provider API, portal accounts the patient API: never the other way round.
    const expectedBase = d.accountId.startsWith('portal:') ? this.config.fhirBases.patient : this.config.fhirBases.provider;
    if (audience !== normalizeBase(expectedBase)) throw new ConsentError('account_mismatch', 'this kind of account cannot authorize apps for this FHIR server');

    let patientId = d.patientId;
    let encounterId = d.encounterId;
    let needPatientBanner = d.needPatientBanner ?? true;
    let smartStyleUrl: string | undefined = `${this.config.authPublicUrl}/smart-style.json`;
    const launchId = interaction.params.launch as string | undefined;
    if (launchId) {
      const launch = await this.store.launches.findUsable(launchId);
      if (!launch) throw new ConsentError('launch_invalid', 'the EHR launch expired or was already used');
      if (launch.accountId && launch.accountId !== d.accountId) throw new ConsentError('account_mismatch', 'the EHR launch was started by another user');
      if (launch.practiceId !== d.practiceId) throw new ConsentError('account_mismatch', 'the EHR launch belongs to another practice');
      patientId = launch.patientId ?? undefined;
      encounterId = launch.encounterId ?? undefined;
      needPatientBanner = launch.needPatientBanner;
      smartStyleUrl = launch.smartStyleUrl ?? undefined;
    }
    if (patientId === undefined && granted.some((s) => parseResourceScope(s)?.context === 'patient')) {
      throw new ConsentError('patient_required', 'patient/ scopes need a patient in context: pick one');
    }
    // Never trust the caller's practice and patient: re-derive them from the account (a chart of the user's
    // practice; the portal account's own chart or a current proxy chart, whose practice the grant binds).
    const standing = await this.rt.standing.check(d.accountId, patientId);
    if (!standing.ok) throw new ConsentError('context_refused', standing.reason);
    if (standing.practiceId !== d.practiceId) throw new ConsentError('context_refused', "the practice is not the signed-in account's");
    if (launchId && !(await this.store.launches.consume(launchId))) throw new ConsentError('launch_invalid', 'the EHR launch was already used');

    // The grant bounds the whole authorization: as long as the practice's refresh-token lifetime for this app.
    const expiresIn = approval.refreshTokenTtl ?? this.config.auth.refreshTokenTtl;
    const grant = new this.provider.Grant({ accountId: d.accountId, clientId, expiresIn } as never);
    const oidcScopes = granted.filter((s) => OIDC_SCOPES.has(s));
    if (oidcScopes.length) grant.addOIDCScope(oidcScopes.join(' '));
    // Context scopes are also resource scopes, so they appear in the access token and token response `scope`.
    grant.addResourceScope(audience, granted.join(' '));
    const grantId = await grant.save();

    const context: SmartGrantContext = {
      accountId: d.accountId, practiceId: d.practiceId, patientId, encounterId, fhirUser: d.fhirUser, grantedScopes: granted,
      needPatientBanner, smartStyleUrl, audience,
    };
    await this.rt.grantContexts.save(grantId, context, clientId);
    // The code's scope is (grant ∩ interaction params): make the params carry exactly the granted set.
    interaction.params.scope = granted.join(' ');
    await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
    await this.store.audit.record('grant.created', { actor: d.accountId, clientId, practiceId: d.practiceId, detail: { grantId, scopes: granted.length } });
    return this.result(uid, { consent: { grantId } });
  }

  private async find(uid: string) {
    const interaction = await this.provider.Interaction.find(uid);
    if (!interaction) throw new ConsentError('wrong_prompt', 'the sign-in request expired; start again from the app');
    return interaction;
  }

  private async result(uid: string, result: Record<string, unknown>, merge = true): Promise<string> {
    const interaction = await this.find(uid);
    interaction.result = merge ? { ...interaction.lastSubmission, ...result } : result;
    await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
    return interaction.returnTo;
  }
}
