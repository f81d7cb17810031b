/**
 * Bearer authentication of the FHIR API as a passport strategy (`fhir-bearer`) through @nestjs/passport, used by
 * FhirAuthGuard. Passport keeps strategies in one process-wide registry by name, while each FHIR app has its own
 * verifier (tests run several apps in one process): so the strategy holds no state and checks the token with the
 * BearerAuthenticator that the app's guard put on the request.
 */
import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import type { Caller } from '../../service/request-auth.js';
import type { BearerAuthenticator } from './bearer-authenticator.js';
import { RequestVerifyStrategy } from './request-verify.strategy.js';

/** The passport name of the strategy. */
export const FHIR_BEARER = 'fhir-bearer';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticator of the app serving the request (set by FhirAuthGuard). */
    bearerAuthenticator?: BearerAuthenticator;
  }
}

@Injectable()
export class FhirBearerStrategy extends PassportStrategy(RequestVerifyStrategy, FHIR_BEARER) {
  validate(req: FastifyRequest): Caller | Promise<Caller> {
    const authenticator = req.bearerAuthenticator;
    if (!authenticator) throw new Error('fhir-bearer runs only behind FhirAuthGuard');
    return authenticator.callerOf(req);
  }
}
