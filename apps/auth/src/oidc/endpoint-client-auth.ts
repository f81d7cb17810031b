import { createHash } from 'node:crypto';
import { createLocalJWKSet, createRemoteJWKSet, customFetch, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import type { FacadeStore } from '#facade/facade-store';
import type { AuthConfig } from '../auth-config.js';
import type { AccessTokenVerifier } from './access-token-verifier.js';
import { verifyBasicClient } from './client-secret.middleware.js';
import { isPrivateHost } from './private-host.js';
import { CLIENT_AUTH_ALGS, MAX_ASSERTION_LIFETIME_S } from './provider-config.js';

/** Who called the introspection / revocation endpoint. */
export type EndpointCaller =
  | { kind: 'client'; clientId: string; authenticated: true }
  | { kind: 'public'; clientId: string; authenticated: false }
  | { kind: 'bearer'; clientId: string; authenticated: true };

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * Authenticates callers of the NestJS-served introspection and revocation endpoints: HTTP Basic (hashed
 * secret), private_key_jwt (same rules as the token endpoint, jti replay shared), a SMART bearer token
 * (introspection), or a bare `client_id` for public clients (revocation).
 */
export class EndpointClientAuth {
  private readonly remote = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  constructor(
    private readonly config: AuthConfig,
    private readonly store: FacadeStore,
    private readonly tokens: AccessTokenVerifier,
    /** Fetches jwks_uri (public https addresses only, see libs/security/src/net/outbound-fetch.ts). */
    private readonly outboundFetch: (url: string | URL, init?: RequestInit) => Promise<Response>,
  ) {}

  async authenticate(headers: Record<string, string | string[] | undefined>, body: Record<string, unknown>, endpointUrl: string, allow: { bearer: boolean; publicClient: boolean }): Promise<EndpointCaller | undefined> {
    const authorization = typeof headers.authorization === 'string' ? headers.authorization : undefined;
    if (authorization && /^bearer /i.test(authorization)) {
      if (!allow.bearer) return undefined;
      const at = await this.tokens.verify(authorization.slice(7).trim());
      return at ? { kind: 'bearer', clientId: at.client_id, authenticated: true } : undefined;
    }
    if (authorization && /^basic /i.test(authorization)) {
      const clientId = await verifyBasicClient(this.store, authorization);
      return clientId ? { kind: 'client', clientId, authenticated: true } : undefined;
    }
    if (body.client_assertion_type !== undefined || body.client_assertion !== undefined) {
      if (body.client_assertion_type !== JWT_BEARER || typeof body.client_assertion !== 'string') return undefined;
      const clientId = await this.verifyAssertion(body.client_assertion, endpointUrl);
      return clientId ? { kind: 'client', clientId, authenticated: true } : undefined;
    }
    if (allow.publicClient && typeof body.client_id === 'string') {
      const client = await this.store.clients.find(body.client_id);
      if (client?.authMethod === 'none') return { kind: 'public', clientId: client.clientId, authenticated: false };
    }
    return undefined;
  }

  private async verifyAssertion(assertion: string, endpointUrl: string): Promise<string | undefined> {
    let iss: string | undefined;
    try {
      iss = decodeJwt(assertion).iss;
    } catch {
      return undefined;
    }
    const client = iss ? await this.store.clients.find(iss) : undefined;
    if (!client || client.authMethod !== 'private_key_jwt') return undefined;
    if (!client.jwks && (!client.jwksUri || (isPrivateHost(client.jwksUri) && !this.config.auth.allowPrivateJwksUri))) return undefined;
    const keys = client.jwks ? createLocalJWKSet(client.jwks as JSONWebKeySet) : this.remoteSet(client.jwksUri as string);
    try {
      const audiences = [endpointUrl, `${this.config.authPublicUrl}/token`, this.config.authPublicUrl];
      const { payload } = await jwtVerify(assertion, keys, { issuer: client.clientId, subject: client.clientId, audience: audiences, algorithms: CLIENT_AUTH_ALGS, clockTolerance: 5 });
      const now = Math.floor(Date.now() / 1000);
      if (typeof payload.exp !== 'number' || payload.exp - now > MAX_ASSERTION_LIFETIME_S + 5 || typeof payload.jti !== 'string') return undefined;
      // Same replay record id as oidc-provider's ReplayDetection, so a jti is single-use across endpoints.
      const id = createHash('sha256').update(`${client.clientId}${payload.jti}`).digest('base64url');
      if (!(await this.store.oidc.insertReplay(client.clientId, id, (payload.exp + 5) * 1000))) return undefined;
      return client.clientId;
    } catch {
      return undefined;
    }
  }

  private remoteSet(uri: string) {
    let set = this.remote.get(uri);
    if (!set) {
      set = createRemoteJWKSet(new URL(uri), { cacheMaxAge: 60_000, [customFetch]: (url, init) => this.outboundFetch(url, init as RequestInit) });
      this.remote.set(uri, set);
    }
    return set;
  }
}
