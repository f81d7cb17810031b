/**
 * Content negotiation as the first guard of the FHIR interactions, so that an unacceptable `Accept`/`_format`
 * answers 406 before authentication (401): the format is remembered on the request for the handler.
 */
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { formatOf } from './fhir-request.js';

@Injectable()
export class FhirFormatGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    req.fhirFormat = formatOf(req);
    return true;
  }
}
