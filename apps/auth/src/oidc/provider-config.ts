import { errors, type Configuration, type KoaContextWithOIDC, type ClientMetadata } from 'oidc-provider';
import type { JWK } from 'jose';
import type { DataSource } from 'typeorm';
import { profileClaims } from './account-claims.js';
import type { FacadeStore } from '#facade/facade-store';
import type { AccountStanding } from '../accounts/account-standing.js';
import { smartAuthEndpoints } from '#facade/security';
import type { AuthConfig } from '../auth-config.js';
import { normalizeBase, smartExtraParams } from './authorization-params.js';
import { EXTRA_CLIENT_METADATA } from './client-metadata.js';
import { facadeAdapterFactory } from './oidc-adapter.js';
import { renderOidcError } from './render-error.js';
import { absoluteFhirUser, currentGrantId, type SmartContextLookup } from './smart-context.js';
import { allowedScopes, splitScopes } from './smart-scopes.js';
import { effectiveRefreshTtl } from '../registration/token-lifetimes.js';

/** What the provider configuration needs. */
export interface ProviderConfigDeps {
  config: AuthConfig;
  store: FacadeStore;
  lookup: SmartContextLookup;
  jwks: { keys: JWK[] };
  cookieKeys: string[];
  /** HMAC key behind the internal client secrets (see client-metadata.ts). */
  pepper: string;
  /** The EHR database, for `profile` claims (optional). */
  legacy?: DataSource;
  /** Re-checks the account behind a grant (sign-in rules, patient in context) on every token issue and refresh. */
  standing: AccountStanding;
  /** The only way the server fetches client-controlled URLs (jwks_uri): libs/security/src/net/outbound-fetch.ts. */
  outboundFetch: (url: string | URL, init?: RequestInit) => Promise<Response>;
}

/** Client-assertion signature algorithms SMART asymmetric clients use (RS384/ES384 required). */
export const CLIENT_AUTH_ALGS = ['RS384', 'ES384', 'RS256', 'ES256', 'PS256', 'PS384', 'RS512', 'ES512', 'PS512'];
/** Longest accepted client-assertion lifetime (SMART: exp no more than 5 minutes ahead), plus clock slack. */
export const MAX_ASSERTION_LIFETIME_S = 300;
const CLOCK_TOLERANCE_S = 5;

type SmartClient = { clientId: string; redirectUris?: string[]; jwksUri?: string; grantTypeAllowed(t: string): boolean } & Record<string, unknown>;

function registeredScopes(client: SmartClient): string[] {
  return splitScopes(client.smart_scope as string | undefined);
}

/** Builds oidc-provider's configuration for SMART App Launch 2.2 (see docs in SMART.md §3). */
export function buildProviderConfiguration(deps: ProviderConfigDeps): Configuration {
  const { config, store, lookup } = deps;
  const bases = [config.fhirBases.provider, config.fhirBases.patient];
  const jwtFormat = { accessTokenFormat: 'jwt' as const, jwt: { sign: { alg: 'RS256' as const } } };

  async function resourceServerInfo(ctx: KoaContextWithOIDC, resource: string, client: SmartClient) {
    const audience = normalizeBase(resource);
    if (!bases.includes(audience)) throw new errors.InvalidTarget();
    const registered = registeredScopes(client);
    if (ctx.oidc.route === 'token' && ctx.oidc.params?.grant_type === 'client_credentials') {
      const requested = splitScopes(ctx.oidc.params.scope as string | undefined).filter((s) => s.startsWith('system/'));
      const scope = allowedScopes(requested, registered);
      if (!scope.length) throw new errors.InvalidScope('request at least one system/ scope this app is registered for', 'system/*');
      return { scope: scope.join(' '), audience, accessTokenTTL: config.auth.clientCredentialsTtl, ...jwtFormat };
    }
    const e = ctx.oidc.entities;
    const candidates = [
      ...splitScopes(ctx.oidc.params?.scope as string | undefined),
      ...splitScopes(e.AuthorizationCode?.scope),
      ...splitScopes(e.RefreshToken?.scope),
      ...splitScopes(e.Grant?.getResourceScope(resource)),
    ];
    const scope = allowedScopes([...new Set(candidates)], registered).filter((s) => !s.startsWith('system/'));
    let accessTokenTTL = config.auth.accessTokenTtl;
    const grantId = currentGrantId(ctx);
    if (grantId && ctx.oidc.route === 'token') {
      const context = await lookup.context(ctx, grantId);
      const approval = context ? await lookup.approval(ctx, client.clientId, context.practiceId) : undefined;
      if (approval?.accessTokenTtl) accessTokenTTL = Math.min(approval.accessTokenTtl, 3600);
    }
    return { scope: scope.join(' '), audience, accessTokenTTL, ...jwtFormat };
  }

  return {
    adapter: facadeAdapterFactory(store, () => deps.pepper),
    jwks: deps.jwks as Configuration['jwks'],
    cookies: {
      keys: deps.cookieKeys,
      long: { httpOnly: true, sameSite: config.auth.authorizePost ? 'none' : 'lax', secure: config.auth.secureCookies },
      short: { httpOnly: true, sameSite: 'lax', secure: config.auth.secureCookies },
    },
    enableHttpPostMethods: config.auth.authorizePost,
    clientAuthMethods: ['none', 'client_secret_basic', 'private_key_jwt'],
    enabledJWA: { clientAuthSigningAlgValues: CLIENT_AUTH_ALGS as never, idTokenSigningAlgValues: ['RS256'] },
    clientDefaults: { grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], id_token_signed_response_alg: 'RS256', token_endpoint_auth_method: 'client_secret_basic' },
    extraClientMetadata: { properties: [...EXTRA_CLIENT_METADATA] },
    clockTolerance: CLOCK_TOLERANCE_S,
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'online_access', 'fhirUser', 'profile', 'launch', 'launch/patient', 'launch/encounter'],
    claims: { openid: ['sub'], fhirUser: ['fhirUser'], profile: ['name', 'given_name', 'family_name'] },
    conformIdTokenClaims: false,
    extraParams: smartExtraParams(store, bases) as never,
    responseTypes: ['code'],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: false },
      revocation: { enabled: false },
      registration: { enabled: false },
      // Userinfo is served by UserinfoController (JWT access tokens); advertised below.
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (ctx: KoaContextWithOIDC, _client: unknown, oneOf?: string[]) => {
          if (oneOf) return oneOf;
          const aud = ctx.oidc.params?.aud as string | undefined;
          return aud ? normalizeBase(aud) : config.fhirBases.provider;
        },
        useGrantedResource: async () => true,
        getResourceServerInfo: resourceServerInfo as never,
      },
    },
    interactions: { url: async (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      // Always a fresh grant per authorization: consent and the patient picker run for every launch.
      const grantId = (ctx.oidc.result as { consent?: { grantId?: string } } | undefined)?.consent?.grantId;
      return grantId ? ctx.oidc.provider.Grant.find(grantId) : undefined;
    },
    issueRefreshToken: async (_ctx: KoaContextWithOIDC, client: SmartClient, code: { scopes: Set<string> }) =>
      client.grantTypeAllowed('refresh_token') && (code.scopes.has('offline_access') || code.scopes.has('online_access')),
    expiresWithSession: async (_ctx: KoaContextWithOIDC, code: { scopes: Set<string> }) => !code.scopes.has('offline_access'),
    ttl: {
      AccessToken: (_ctx: KoaContextWithOIDC, token: { resourceServer?: { accessTokenTTL?: number } }) => token.resourceServer?.accessTokenTTL ?? config.auth.accessTokenTtl,
      ClientCredentials: () => config.auth.clientCredentialsTtl,
      AuthorizationCode: () => 60,
      IdToken: () => 3600,
      Interaction: () => 3600,
      Session: () => 12 * 3600,
      Grant: () => config.auth.refreshTokenTtl,
      RefreshToken: (ctx: KoaContextWithOIDC, token: { clientId?: string }, client?: SmartClient) => {
        const approval = lookup.memoizedApproval(ctx, token.clientId ?? '');
        const ttl = approval?.refreshTokenTtl ?? config.auth.refreshTokenTtl;
        // Patient-facing apps keep refresh tokens >= 3 months (ONC), also under approvals set before that rule.
        return effectiveRefreshTtl(client ? { backendServices: client.smart_backend_services === true, scope: String(client.smart_scope ?? '') } : undefined, ttl);
      },
    } as never,
    extraTokenClaims: async (ctx: KoaContextWithOIDC, token: { kind: string; clientId: string; grantId?: string }) => {
      if (token.kind === 'ClientCredentials') {
        const approvals = (await store.approvals.listForClient(token.clientId)).filter((a) => a.status === 'approved');
        if (!approvals.length) throw new errors.UnauthorizedClient('this app is not approved by any practice');
        // A backend app approved by several practices reaches exactly those (the FHIR API fails closed without).
        const practiceIds = [...new Set(approvals.map((a) => a.practiceId))].sort((a, b) => a - b);
        return practiceIds.length === 1 ? { practice: practiceIds[0] } : { practices: practiceIds };
      }
      if (!token.grantId) return undefined;
      const context = await lookup.context(ctx, token.grantId);
      if (!context) throw new errors.InvalidGrant('the authorization has no launch context');
      const approval = await lookup.approval(ctx, token.clientId, context.practiceId);
      if (!approval) throw new errors.InvalidGrant('this app is not approved for the practice');
      if (await store.revocations.isRevoked('grant', token.grantId)) throw new errors.InvalidGrant('the authorization was revoked');
      // The account may have been deactivated or locked, or a proxy ended, since consent: re-check at every issue.
      const standing = await deps.standing.check(context.accountId, context.patientId);
      if (!standing.ok || standing.practiceId !== context.practiceId) {
        await store.revocations.revokeGrant(token.grantId, token.clientId, context.practiceId);
        await store.oidc.revokeByGrantId(token.grantId);
        await store.audit.record('grant.revoked', { clientId: token.clientId, practiceId: context.practiceId, detail: { via: 'account_standing' } });
        throw new errors.InvalidGrant(standing.ok ? 'the account no longer belongs to the practice of this authorization' : standing.reason);
      }
      const claims: Record<string, unknown> = { practice: context.practiceId, grant: token.grantId };
      if (context.patientId !== undefined) claims.patient = String(context.patientId);
      if (context.encounterId !== undefined) claims.encounter = String(context.encounterId);
      const fhirUser = absoluteFhirUser(context);
      if (fhirUser) claims.fhirUser = fhirUser;
      return claims;
    },
    findAccount: async (ctx: KoaContextWithOIDC, sub: string, token?: { grantId?: string }) => {
      const grantId = token?.grantId ?? currentGrantId(ctx);
      const context = grantId ? await lookup.context(ctx, grantId) : undefined;
      return {
        accountId: sub,
        async claims(_use: string, scope: string) {
          const out: Record<string, unknown> = { sub };
          const fhirUser = context ? absoluteFhirUser(context) : undefined;
          if (fhirUser) out.fhirUser = fhirUser;
          if (deps.legacy && scope?.split(' ').includes('profile')) Object.assign(out, await profileClaims(deps.legacy, sub));
          return out as { sub: string };
        },
      };
    },
    assertJwtClientAuthClaimsAndHeader: async (_ctx: KoaContextWithOIDC, claims: Record<string, unknown>, header: Record<string, unknown>, client: SmartClient) => {
      if (claims.sub !== client.clientId) throw new errors.InvalidClientAuth('sub (JWT subject) must be the client_id');
      const now = Math.floor(Date.now() / 1000);
      if (typeof claims.exp !== 'number' || claims.exp - now > MAX_ASSERTION_LIFETIME_S + CLOCK_TOLERANCE_S) {
        throw new errors.InvalidClientAuth('client_assertion exp must be at most 5 minutes in the future');
      }
      if (header.jku !== undefined && header.jku !== client.jwksUri) throw new errors.InvalidClientAuth('jku must equal the registered jwks_uri');
    },
    clientBasedCORS: (_ctx: KoaContextWithOIDC, origin: string, client: SmartClient) => {
      if (origin === 'null') return false;
      const allowed = new Set<string>(Array.isArray(client.smart_allowed_origins) ? (client.smart_allowed_origins as string[]) : []);
      for (const uri of client.redirectUris ?? []) {
        try {
          allowed.add(new URL(uri).origin);
        } catch {
          // not a URL: ignore
        }
      }
      return allowed.has(origin);
    },
    // Replaces oidc-provider's own dispatcher (which let IPv4-mapped/translated and several reserved ranges through).
    fetch: (url: URL | string, options: RequestInit) => deps.outboundFetch(url, options),
    renderError: renderOidcError as never,
    discovery: {
      service_documentation: `${config.authPublicUrl}/`,
      introspection_endpoint: smartAuthEndpoints(config.authPublicUrl).introspect,
      revocation_endpoint: smartAuthEndpoints(config.authPublicUrl).revoke,
      registration_endpoint: smartAuthEndpoints(config.authPublicUrl).register,
      userinfo_endpoint: smartAuthEndpoints(config.authPublicUrl).userinfo,
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'private_key_jwt'],
      revocation_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'private_key_jwt'],
    } as never,
  } as Configuration;
}

export type { ClientMetadata };
