/**
 * The caller of a FHIR request from its bearer token, checked by libs/security's AccessTokenVerifier for the
 * audience of the request's base (signature, `iss`, `aud`, expiry, revocation, scopes). A token the verifier has
 * already checked is answered synchronously (`authenticateCached`: no signature, no promise).
 */
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AccessTokenVerifier } from '#facade/security';
import { FhirBases } from '../../fhir-bases.js';
import { authenticate, authenticateCached, type Caller } from '../../service/request-auth.js';

@Injectable()
export class BearerAuthenticator {
  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly bases: FhirBases,
  ) {}

  /**
   * The caller, or a promise of it when the token is not cached yet.
   * @throws FhirError 401 with `WWW-Authenticate: Bearer ...` (RFC 6750) when the token is missing or invalid.
   */
  /**
   * The caller when the request's token was already verified for this base (still expiry- and revocation-checked),
   * else undefined.
   * @throws FhirError 401 when that token has since expired or been revoked.
   */
  cachedCallerOf(req: FastifyRequest): Caller | undefined {
    const { base, url } = this.bases.of(req.url);
    return authenticateCached(this.verifier, req.headers.authorization, base, url);
  }

  callerOf(req: FastifyRequest): Caller | Promise<Caller> {
    const { base, url } = this.bases.of(req.url);
    const authorization = req.headers.authorization;
    return authenticateCached(this.verifier, authorization, base, url) ?? authenticate(this.verifier, authorization, base, url);
  }
}
