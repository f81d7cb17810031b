/**
 * The one mapping from anything thrown while serving a request to the FhirError that is sent (used by
 * FhirExceptionFilter for Nest's handlers, guards and Fastify's errors alike). FhirErrors pass through; HTTP
 * errors below 500 (Nest's HttpExceptions such as its 404, Fastify's body and URL errors: 400/413/415, which
 * carry `statusCode`) keep their status with an `HTTP_<status>` message code; anything else is a generic 500
 * naming the request id, its stack going to the log only.
 */
import { HttpException } from '@nestjs/common';
import { FhirError, isFhirError, type IssueCode } from '#facade/fhir';
import type { JsonLogger } from '#facade/observability';
import { classifyLegacyError, legacyFaultError } from '../protect/legacy-faults.js';

const ISSUE_BY_STATUS: Record<number, IssueCode> = {
  400: 'invalid', 401: 'login', 403: 'forbidden', 404: 'not-found', 405: 'not-supported', 406: 'not-supported',
  409: 'conflict', 410: 'deleted', 413: 'too-costly', 415: 'not-supported', 429: 'throttled',
};

/** An OperationOutcome error for a plain HTTP condition (no route, body too large ...). */
export function httpError(status: number, diagnostics: string): FhirError {
  return FhirError.of(status, { code: ISSUE_BY_STATUS[status] ?? 'invalid', messageCode: `HTTP_${status}`, diagnostics });
}

/** What the mapping needs to know of the request. */
export interface ErrorRequest {
  method: string;
  /** The URL path without the query string. */
  path: string;
  requestId: string;
}

/** The FhirError to answer for `exception`. Unexpected errors are logged (name and stack frames only). */
export function toFhirError(exception: unknown, req: ErrorRequest, logger: JsonLogger): FhirError {
  if (isFhirError(exception)) return exception;
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    const status = exception.getStatus();
    return httpError(status, status === 404 ? `No route for ${req.method} ${req.path}` : exception.message);
  }
  const fastifyStatus = (exception as { statusCode?: unknown } | null)?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500 && exception instanceof Error) {
    return httpError(fastifyStatus, fastifyMessage(exception));
  }
  // A database timeout or outage that did not pass through the statement gate (SQLite's synchronous path): 504 / 503.
  const fault = classifyLegacyError(exception);
  if (fault) return legacyFaultError(fault);
  const err = exception instanceof Error ? exception : new Error(String(exception));
  // Error messages may carry SQL values; only the name and stack frames are logged.
  logger.error('unhandled_error', { error: err.name, stack: err.stack?.split('\n').slice(1, 12).join('\n') });
  return FhirError.of(500, {
    code: 'exception',
    messageCode: 'INTERNAL_ERROR',
    diagnostics: `An unexpected error occurred. Quote correlation id ${req.requestId} when reporting it.`,
  });
}

/** Fastify's client-error messages, except those that would echo the request (a URL may carry an id). */
function fastifyMessage(e: Error & { code?: string }): string {
  if (e.code === 'FST_ERR_BAD_URL') return 'The URL is not validly percent-encoded';
  return e.message;
}
