/**
 * The guard of the FHIR interactions: @nestjs/passport's AuthGuard running the `fhir-bearer` strategy; the
 * caller lands on `req.user`. Errors are the strategy's FhirErrors (401 + `WWW-Authenticate`), answered as
 * OperationOutcomes by FhirExceptionFilter.
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

  override canActivate(context: ExecutionContext): Promise<boolean> {
    context.switchToHttp().getRequest<FastifyRequest>().bearerAuthenticator = this.authenticator;
    return super.canActivate(context) as Promise<boolean>;
  }

  override handleRequest<TUser>(err: unknown, user: TUser): TUser {
    if (err) throw err;
    // The strategy answers a caller or throws; an empty user would be a bug, never an anonymous pass.
    if (!user) throw new Error('fhir-bearer produced no caller');
    return user;
  }
}
