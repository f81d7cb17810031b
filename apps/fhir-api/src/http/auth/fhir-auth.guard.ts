/**
 * The guard of the FHIR interactions: @nestjs/passport's AuthGuard running the `fhir-bearer` strategy; the
 * caller lands on `req.user`. Errors are the strategy's FhirErrors (401 + `WWW-Authenticate`), answered as
 * OperationOutcomes by FhirExceptionFilter.
 * A token the verifier has already checked for this base is answered here, synchronously (BearerAuthenticator
 * `cachedCallerOf`: expiry and revocation still checked), without a passport round (a promise, a strategy
 * instance and a callback per request); a token seen for the first time goes through passport.
 */
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { BearerAuthenticator } from './bearer-authenticator.js';
import { FHIR_BEARER } from './fhir-bearer.strategy.js';

@Injectable()
export class FhirAuthGuard extends AuthGuard(FHIR_BEARER) {
  constructor(private readonly authenticator: BearerAuthenticator) {
    super();
  }

  override canActivate(context: ExecutionContext): true | Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const cached = this.authenticator.cachedCallerOf(req);
    if (cached) {
      req.user = cached;
      return true;
    }
    req.bearerAuthenticator = this.authenticator;
    return super.canActivate(context) as Promise<boolean>;
  }

  override handleRequest<TUser>(err: unknown, user: TUser): TUser {
    if (err) throw err;
    // The strategy answers a caller or throws; an empty user would be a bug, never an anonymous pass.
    if (!user) throw new Error('fhir-bearer produced no caller');
    return user;
  }
}
