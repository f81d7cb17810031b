import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AccessTokenClaims, RevocationFeed } from './access-token-claims.js';
import { InvalidTokenError, RevocationsUnavailableError } from './token-errors.js';

export { InvalidTokenError, RevocationsUnavailableError };

/** Options of {@link AccessTokenVerifier}. */
export interface AccessTokenVerifierOptions {
  /** Expected `iss`: AUTH_PUBLIC_URL. */
  issuer: string;
  /** Key set; default: the auth app's JWKS at `<issuer>/jwks` (cached, refetched when an unknown `kid` arrives). */
  keys?: JWTVerifyGetKey;
  /** Where revocations come from; default: none. */
  revocations?: RevocationFeed;
  /** Poll period of the revocation feed (revoked tokens stop within twice this). Default 15 s. */
  pollMs?: number;
  /**
   * Once polling has started, how long after the last successful poll tokens are still accepted; beyond it every
   * check throws {@link RevocationsUnavailableError} (fail closed). Default twice `pollMs`, at least 10 s.
   */
  maxStaleMs?: number;
  /** Clock (epoch ms), for tests. */
  now?: () => number;
  /** Maximum number of verified tokens remembered (a signature check per request is avoided). */
  cacheSize?: number;
}

/** The no-op feed used until the auth app's store-backed feed is injected. */
export const noRevocations: RevocationFeed = { revokedSince: async () => ({ jtis: [], grants: [], approvals: [] }) };

/**
 * Verifies SMART access tokens locally: signature against the auth app's JWKS, `iss`, `aud` (the FHIR base the
 * request came to) and `exp`, with no network round trip per request. Revocations are polled from a
 * {@link RevocationFeed}; a revoked token, grant or app approval stops working at the next poll.
 */
export class AccessTokenVerifier {
  private readonly keys: JWTVerifyGetKey;
  private readonly feed: RevocationFeed;
  private readonly now: () => number;
  /**
   * Verified tokens: by audience, then by the token's last {@link FINGERPRINT} characters (the end of its signature).
   * Keyed by the whole token, a look-up would hash its ~800 characters (and join them to the audience) on every
   * request: ~10k machine instructions of a ~240k cached read. The entry keeps the whole token, and only an
   * identical token is answered from it; a token that merely ends the same way is verified in full.
   */
  private readonly cache = new Map<string, Map<string, CachedToken>>();
  private readonly revokedJtis = new Set<string>();
  private readonly revokedGrants = new Set<string>();
  private readonly revokedApprovals = new Map<string, number>();
  private lastPoll = 0;
  private timer: NodeJS.Timeout | undefined;
  /** When the revocations were last known complete (set while polling; undefined = no freshness check). */
  private freshAt: number | undefined;

  constructor(private readonly options: AccessTokenVerifierOptions) {
    this.keys = options.keys ?? createRemoteJWKSet(new URL(`${options.issuer.replace(/\/+$/, '')}/jwks`), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
    this.feed = options.revocations ?? noRevocations;
    this.now = options.now ?? Date.now;
  }

  /** Starts polling the revocation feed. */
  start(): void {
    if (this.timer) return;
    // The start is the first reference point: a store that is down at start-up stops tokens after maxStaleMs.
    this.freshAt = this.now();
    void this.pollRevocations().catch(() => undefined);
    this.timer = setInterval(() => void this.pollRevocations().catch(() => undefined), this.options.pollMs ?? 15_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.freshAt = undefined;
  }

  /** Fetches revocations since the last poll (also callable directly, e.g. by tests). */
  async pollRevocations(): Promise<void> {
    const since = this.lastPoll;
    const started = this.now();
    const r = await this.feed.revokedSince(since);
    r.jtis.forEach((j) => this.revokedJtis.add(j));
    r.grants.forEach((g) => this.revokedGrants.add(g));
    for (const a of r.approvals) this.revokedApprovals.set(`${a.clientId}\u0000${a.practiceId}`, a.revokedAt);
    // Overlap by a minute so a revocation written during the previous poll is never missed.
    this.lastPoll = Math.max(0, started - 60_000);
    if (this.freshAt !== undefined) this.freshAt = Math.max(this.freshAt, started);
  }

  /**
   * Verifies a bearer token for one audience (the absolute base URL of `/fhir` or `/open`).
   * @throws InvalidTokenError naming what is wrong (never the token itself).
   */
  async verify(token: string, audience: string): Promise<AccessTokenClaims> {
    const cached = this.verifyCached(token, audience);
    if (cached) return cached;
    const claims = await this.verifySignature(token, audience);
    let tokens = this.cache.get(audience);
    if (!tokens) this.cache.set(audience, (tokens = new Map()));
    if (tokens.size >= (this.options.cacheSize ?? 10_000)) tokens.delete(tokens.keys().next().value!);
    const key = fingerprint(token);
    tokens.set(key, { token, claims });
    return this.checkLive(claims, tokens, key);
  }

  /**
   * The synchronous path of {@link verify} for a token whose signature was already checked for this audience:
   * its cached claims after the expiry and revocation checks, or `undefined` when the token is not cached (then
   * call `verify`). Lets a request skip a promise turn when its token is known.
   * @throws InvalidTokenError `expired` or `revoked`.
   */
  verifyCached(token: string, audience: string): AccessTokenClaims | undefined {
    // The token never leaves this process (the cache is memory only); no digest of it is needed.
    const tokens = this.cache.get(audience);
    if (!tokens) return undefined;
    const key = fingerprint(token);
    const hit = tokens.get(key);
    return hit !== undefined && hit.token === token ? this.checkLive(hit.claims, tokens, key) : undefined;
  }

  private checkLive(claims: AccessTokenClaims, tokens: Map<string, CachedToken>, key: string): AccessTokenClaims {
    if (claims.exp * 1000 <= this.now()) {
      tokens.delete(key);
      throw new InvalidTokenError('expired', 'The access token has expired');
    }
    this.assertFresh();
    this.assertNotRevoked(claims);
    return claims;
  }

  private assertFresh(): void {
    if (this.freshAt === undefined) return;
    const pollMs = this.options.pollMs ?? 15_000;
    const maxStale = this.options.maxStaleMs ?? Math.max(2 * pollMs, 10_000);
    if (this.now() - this.freshAt > maxStale) throw new RevocationsUnavailableError();
  }

  private assertNotRevoked(c: AccessTokenClaims): void {
    if (this.revokedJtis.has(c.jti) || (c.grant && this.revokedGrants.has(c.grant))) throw new InvalidTokenError('revoked', 'The access token has been revoked');
    if (this.revokedApprovals.size === 0) return;
    if (c.practice !== undefined) this.assertApprovalLive(c, c.practice);
    for (const practice of c.practices ?? []) this.assertApprovalLive(c, practice);
  }

  private assertApprovalLive(c: AccessTokenClaims, practice: number): void {
    const at = this.revokedApprovals.get(`${c.client_id}\u0000${practice}`);
    if (at !== undefined && c.iat * 1000 <= at) throw new InvalidTokenError('revoked', 'The app approval behind this token has been revoked');
  }

  private async verifySignature(token: string, audience: string): Promise<AccessTokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        audience,
        currentDate: new Date(this.now()),
        clockTolerance: 30,
        requiredClaims: ['exp', 'iat', 'jti', 'scope', 'client_id', 'sub'],
      });
      if (typeof payload.scope !== 'string') throw new InvalidTokenError('claims', 'The access token has no scope');
      if (payload.patient !== undefined && typeof payload.patient !== 'string') throw new InvalidTokenError('claims', 'The patient claim must be a string');
      if (payload.practice !== undefined && typeof payload.practice !== 'number') throw new InvalidTokenError('claims', 'The practice claim must be a number');
      if (payload.practices !== undefined && !(Array.isArray(payload.practices) && payload.practices.every((p) => Number.isSafeInteger(p)))) {
        throw new InvalidTokenError('claims', 'The practices claim must be a list of practice ids');
      }
      return payload as unknown as AccessTokenClaims;
    } catch (e) {
      throw toInvalidToken(e);
    }
  }
}

/** A verified token and its claims. */
interface CachedToken {
  token: string;
  claims: AccessTokenClaims;
}

/** Characters of a token's end that key the cache: the last 32 of a JWS are its signature's (192 bits). */
const FINGERPRINT = 32;

function fingerprint(token: string): string {
  return token.length <= FINGERPRINT ? token : token.slice(-FINGERPRINT);
}

function toInvalidToken(e: unknown): InvalidTokenError {
  if (e instanceof InvalidTokenError) return e;
  if (e instanceof joseErrors.JWTExpired) return new InvalidTokenError('expired', 'The access token has expired');
  if (e instanceof joseErrors.JWTClaimValidationFailed) {
    if (e.claim === 'iss') return new InvalidTokenError('issuer', 'The access token was not issued by this deployment');
    if (e.claim === 'aud') return new InvalidTokenError('audience', 'The access token is not for this endpoint');
    return new InvalidTokenError('claims', `The access token's ${e.claim} claim is invalid`);
  }
  if (e instanceof joseErrors.JWSSignatureVerificationFailed || e instanceof joseErrors.JWKSNoMatchingKey) {
    return new InvalidTokenError('signature', 'The access token signature is invalid');
  }
  if (e instanceof joseErrors.JOSEError) return new InvalidTokenError('malformed', 'The access token is malformed');
  return new InvalidTokenError('malformed', 'The access token could not be verified');
}
