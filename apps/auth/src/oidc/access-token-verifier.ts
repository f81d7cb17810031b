import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type Provider from 'oidc-provider';
import type { FacadeStore } from '#facade/facade-store';
import type { AccessTokenClaims } from '#facade/security';
import type { AuthConfig } from '../auth-config.js';
import { normalizeBase } from './authorization-params.js';
import { RETIRED_KEY_PUBLISH_MS } from './signing-keys.js';

/** An access token that verified and is still in force. */
export type ActiveAccessToken = AccessTokenClaims & JWTPayload;

const JWKS_REFRESH_MS = 60_000;

/**
 * Verifies this server's JWT access tokens the way the FHIR API does (signature, issuer, audience, expiry) and
 * additionally that they were not revoked: jti, grant, practice approval, the grant itself, the client.
 */
export class AccessTokenVerifier {
  private jwks?: { set: ReturnType<typeof createLocalJWKSet>; at: number };

  constructor(private readonly config: AuthConfig, private readonly store: FacadeStore, private readonly provider: Provider, private readonly now: () => number = Date.now) {}

  /** The active token's claims, or undefined (malformed, bad signature, expired, revoked...). */
  async verify(token: string): Promise<ActiveAccessToken | undefined> {
    if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) return undefined;
    let payload: JWTPayload;
    const options = { issuer: this.config.authPublicUrl, typ: 'at+jwt', algorithms: ['RS256'], currentDate: new Date(this.now()) };
    try {
      ({ payload } = await jwtVerify(token, await this.keySet(), options));
    } catch (err) {
      // A key rotated in by another instance: reload the keys once (at most every few seconds) and retry.
      if ((err as { code?: string }).code !== 'ERR_JWKS_NO_MATCHING_KEY' || !this.jwks || this.now() - this.jwks.at < 5_000) return undefined;
      this.jwks = undefined;
      try {
        ({ payload } = await jwtVerify(token, await this.keySet(), options));
      } catch {
        return undefined;
      }
    }
    const claims = payload as ActiveAccessToken;
    const bases = [this.config.fhirBases.provider, this.config.fhirBases.patient];
    const auds = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!auds.some((a) => bases.includes(normalizeBase(String(a))))) return undefined;
    if (typeof claims.jti !== 'string' || typeof claims.client_id !== 'string') return undefined;
    return (await this.stillInForce(claims)) ? claims : undefined;
  }

  private async stillInForce(c: ActiveAccessToken): Promise<boolean> {
    if (await this.store.revocations.isRevoked('jti', c.jti)) return false;
    if (!(await this.store.clients.find(c.client_id))) return false;
    if (c.grant) {
      if (await this.store.revocations.isRevoked('grant', c.grant)) return false;
      if (!(await this.provider.Grant.find(c.grant))) return false;
    }
    if (typeof c.practice === 'number') return (await this.store.approvals.findActive(c.client_id, c.practice)) !== undefined;
    const approvals = await this.store.approvals.listForClient(c.client_id);
    return approvals.some((a) => a.status === 'approved');
  }

  private async keySet() {
    if (!this.jwks || this.now() - this.jwks.at > JWKS_REFRESH_MS) {
      const rows = await this.store.keys.listPublishable(RETIRED_KEY_PUBLISH_MS);
      const set: JSONWebKeySet = { keys: rows.map((r) => JSON.parse(r.publicJwk)) };
      this.jwks = { set: createLocalJWKSet(set), at: this.now() };
    }
    return this.jwks.set;
  }
}
