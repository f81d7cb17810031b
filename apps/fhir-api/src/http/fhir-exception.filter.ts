/**
 * Every error of the FHIR API as an OperationOutcome, in the negotiated format (JSON when negotiation itself
 * failed): errors of Nest's handlers and guards, Nest's 404 for unknown paths, and Fastify's own errors (body
 * limits, media types, malformed URLs), which reach Nest's exception handler or `frameworkErrors`
 * (fhir-server.ts). The mapping is error-outcome.ts `toFhirError`.
 */
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestContext, type JsonLogger } from '#facade/observability';
import type { FhirFormat } from '#facade/fhir';
import { toFhirError } from './error-outcome.js';
import { formatOf } from './fhir-request.js';
import { sendResource } from './fhir-reply.js';

/** Answers `exception` on `reply` (nothing when the answer has already started). */
export function sendError(exception: unknown, req: FastifyRequest, reply: FastifyReply, logger: JsonLogger): void {
  const path = req.url.split('?')[0];
  const error = requestContext.run({ requestId: req.id }, () => toFhirError(exception, { method: req.method, path, requestId: req.id }, logger));
  if (reply.sent || reply.raw.headersSent) return;
  let format: FhirFormat;
  try {
    format = formatOf(req);
  } catch {
    format = 'json';
  }
  reply.headers(error.headers);
  sendResource(req, reply, error.status, error.outcome as never, format);
}

@Catch()
export class FhirExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}
