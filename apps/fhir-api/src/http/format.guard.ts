/**
 * Content negotiation as the first guard of the FHIR interactions, so that an unacceptable `Accept`/`_format`
 * answers 406 before authentication (401): the format is remembered on the request for the handler.
 */
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { wantsNativeContent } from '../service/binary-content.js';
import { answerParam, formatOf } from './fhir-request.js';

@Injectable()
export class FhirFormatGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    // A Binary read that asks for the document itself (binary-content.ts) is negotiated against the stored bytes.
    if (isNativeBinaryRead(req)) return true;
    req.fhirFormat = formatOf(req);
    return true;
  }
}

/** `GET Binary/<id>` whose client asked for the stored bytes (no FHIR media type in `Accept`, no `_format`). */
export function isNativeBinaryRead(req: FastifyRequest): boolean {
  const params = req.params as { type?: string; id?: string } | undefined;
  return params?.type === 'Binary' && params.id !== undefined && wantsNativeContent(req.headers.accept, answerParam(req, '_format'));
}
