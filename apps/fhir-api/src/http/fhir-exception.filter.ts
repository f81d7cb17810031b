/**
 * Errors of the requests Nest still routes (everything outside the FHIR bases: health probes, unknown paths) as
 * OperationOutcomes, in the negotiated format (JSON when negotiation itself failed). The mapping is shared with
 * the FHIR front (error-outcome.ts).
 */
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestContext, type JsonLogger } from '../../../../libs/observability/src/index.js';
import { toFhirError } from './error-outcome.js';
import { responseFormat, sendResource } from './response-writer.js';

@Catch()
export class FhirExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const requestId = requestContext.getStore()?.requestId ?? headerRequestId(req);
    const error = toFhirError(exception, { method: req.method, path: req.path, requestId }, this.logger);
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
}

function headerRequestId(req: Request): string {
  const id = req.headers['x-request-id'];
  return Array.isArray(id) ? id[0] : id ?? 'unknown';
}
