/**
 * The caller of a FHIR request from its bearer token, checked by libs/security's AccessTokenVerifier for the
 * audience of the request's base (signature, `iss`, `aud`, expiry, revocation, scopes). A token the verifier has
 * already checked is answered synchronously (`authenticateCached`: no signature, no promise). Every check's outcome
 * is counted (Telemetry `auth_token_verifications_total{outcome}`).
 */
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { FhirError } from '#facade/fhir';
import { Telemetry, TOKEN_OUTCOMES, type TokenOutcome } from '#facade/observability';
import { AccessTokenVerifier } from '#facade/security';
import { FhirBases } from '../../fhir-bases.js';
import { authenticate, authenticateCached, type Caller } from '../../service/request-auth.js';

/** The outcome of a refused token from the 401's message code (`TOKEN_EXPIRED` ...; none: no usable header). */
function refusalOf(e: unknown): TokenOutcome {
  if (!(e instanceof FhirError) || e.status !== 401) return 'error';
  if (!e.messageCode.startsWith('TOKEN_')) return 'missing';
  const code = e.messageCode.slice(6).toLowerCase() as TokenOutcome;
  return TOKEN_OUTCOMES.includes(code) ? code : 'error';
}

@Injectable()
export class BearerAuthenticator {
  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly bases: FhirBases,
    private readonly telemetry: Telemetry,
  ) {}

  /**
   * The caller when the request's token was already verified for this base (still expiry- and revocation-checked),
   * else undefined (then {@link callerOf}).
   * @throws FhirError 401 when that token has since expired or been revoked.
   */
  cachedCallerOf(req: FastifyRequest): Caller | undefined {
    const { base, url } = this.bases.of(req.url);
    let cached;
    try {
      cached = authenticateCached(this.verifier, req.headers.authorization, base, url);
    } catch (e) {
      this.telemetry.tokenChecked(refusalOf(e));
      throw e;
    }
    if (cached) this.telemetry.tokenChecked('valid_cached');
    return cached;
  }

  /**
   * The caller, or a promise of it when the token is not cached yet.
   * @throws FhirError 401 with `WWW-Authenticate: Bearer ...` (RFC 6750) when the token is missing or invalid.
   */
  callerOf(req: FastifyRequest): Caller | Promise<Caller> {
    const { base, url } = this.bases.of(req.url);
    const cached = this.cachedCallerOf(req);
    if (cached) return cached;
    const authorization = req.headers.authorization;
    return authenticate(this.verifier, authorization, base, url).then(
      (caller) => {
        this.telemetry.tokenChecked('valid');
        return caller;
      },
      (e: unknown) => {
        this.telemetry.tokenChecked(refusalOf(e));
        throw e;
      },
    );
  }
}
