import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import type { DataSource } from 'typeorm';
import type { FacadeStore } from '#facade/facade-store';
import type { AuthConfig } from '../auth-config.js';
import { AccountService } from '../accounts/account.service.js';
import { AccountStanding } from '../accounts/account-standing.js';
import { PatientLookupService } from '../interactions/patient-lookup.service.js';
import { AccessTokenVerifier } from './access-token-verifier.js';
import { EndpointClientAuth } from './endpoint-client-auth.js';
import { FacadeGrantContextStore } from './grant-context.store.js';
import { buildProviderConfiguration } from './provider-config.js';
import { SigningKeyService } from './signing-keys.js';
import { SmartContextLookup } from './smart-context.js';
import { smartTokenResponse } from './token-response.middleware.js';
import { createOutboundFetch } from '#facade/security/src/net/outbound-fetch.js';

/** Everything the protocol core builds at start-up. */
export interface OidcRuntime {
  provider: Provider;
  grantContexts: FacadeGrantContextStore;
  lookup: SmartContextLookup;
  keys: SigningKeyService;
  /** HMAC key behind the internal client secrets. */
  pepper: string;
  /** Verifies this server's access tokens, revocations included. */
  verifier: AccessTokenVerifier;
  /** Client authentication of the NestJS token endpoints (introspection, revocation). */
  endpointAuth: EndpointClientAuth;
  /** Re-checks an account against the EHR's tables (consent, every token issue and refresh). */
  standing: AccountStanding;
}

/**
 * Creates the oidc-provider instance: signing keys and cookie keys from the facade store (created on first
 * start, shared by every instance), SMART configuration, token-response post-processing.
 */
export async function createOidcRuntime(config: AuthConfig, store: FacadeStore, legacy: DataSource): Promise<OidcRuntime> {
  const keys = new SigningKeyService(store, config.auth.keyEncryptionSecret);
  const jwks = await keys.loadOrCreate();
  const cookieKeys = JSON.parse(await store.settings.getOrCreate('oidc.cookie_keys', () => JSON.stringify([randomBytes(32).toString('base64url')]))) as string[];
  const pepper = await store.settings.getOrCreate('oidc.client_secret_pepper', () => randomBytes(32).toString('base64url'));
  const grantContexts = new FacadeGrantContextStore(store);
  const lookup = new SmartContextLookup(store, grantContexts);
  const standing = new AccountStanding(new AccountService(legacy), new PatientLookupService(legacy, config.legacyTimeZone));
  const outboundFetch = createOutboundFetch({ allowPrivate: config.auth.allowPrivateJwksUri });
  const provider = new Provider(config.authPublicUrl, buildProviderConfiguration({ config, store, lookup, jwks, cookieKeys, pepper, legacy, standing, outboundFetch }));
  // Host and scheme are pinned to AUTH_PUBLIC_URL before the provider runs (web/public-origin.ts); it reads them there.
  provider.proxy = true;
  provider.use(smartTokenResponse(lookup));
  const verifier = new AccessTokenVerifier(config, store, provider);
  const endpointAuth = new EndpointClientAuth(config, store, verifier, outboundFetch);
  return { provider, grantContexts, lookup, keys, pepper, verifier, endpointAuth, standing };
}

/** Paths served by oidc-provider itself (everything else is NestJS). */
export function isProviderPath(path: string): boolean {
  return /^\/(auth(\/[^/]+)?|token|request|session\/end(\/confirm|\/success)?|\.well-known\/openid-configuration)$/.test(path);
}
