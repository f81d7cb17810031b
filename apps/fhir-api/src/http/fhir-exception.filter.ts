/**
 * The one place errors become responses: every error is an OperationOutcome with its status, in the negotiated
 * format (JSON when negotiation itself failed). Unexpected errors become a generic 500 with the request's
 * correlation id; the stack goes to the log only.
 */
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FhirError, isFhirError } from '../../../../libs/fhir/src/errors/fhir-error.js';
import type { IssueCode } from '../../../../libs/fhir/src/errors/operation-outcome.js';
import { requestContext, type JsonLogger } from '../../../../libs/observability/src/index.js';
import { responseFormat, sendResource } from './response-writer.js';

const ISSUE_BY_STATUS: Record<number, IssueCode> = {
  400: 'invalid', 401: 'login', 403: 'forbidden', 404: 'not-found', 405: 'not-supported', 406: 'not-supported',
  409: 'conflict', 410: 'deleted', 413: 'too-costly', 415: 'not-supported', 429: 'throttled',
};

@Catch()
export class FhirExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const error = this.toFhirError(exception, req);
    if (res.headersSent) return;
    for (const [k, v] of Object.entries(error.headers)) res.setHeader(k, v);
    let format;
    try {
      format = responseFormat(req);
    } catch {
      format = 'json' as const;
    }
    sendResource(req, res, error.status, error.outcome as never, format);
  }

  private toFhirError(exception: unknown, req: Request): FhirError {
    if (isFhirError(exception)) return exception;
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      const diagnostics = status === 404 ? `No route for ${req.method} ${req.path}` : exception.message;
      return FhirError.of(status, { code: ISSUE_BY_STATUS[status] ?? 'invalid', messageCode: `HTTP_${status}`, diagnostics });
    }
    const requestId = requestContext.getStore()?.requestId ?? String(res(req));
    const err = exception instanceof Error ? exception : new Error(String(exception));
    // Error messages may carry SQL values; only the name and stack frames are logged.
    this.logger.error('unhandled_error', { error: err.name, stack: err.stack?.split('\n').slice(1, 12).join('\n') });
    return FhirError.of(500, {
      code: 'exception',
      messageCode: 'INTERNAL_ERROR',
      diagnostics: `An unexpected error occurred. Quote correlation id ${requestId} when reporting it.`,
    });
  }
}

function res(req: Request): string {
  const id = req.headers['x-request-id'];
  return Array.isArray(id) ? id[0] : id ?? 'unknown';
}
