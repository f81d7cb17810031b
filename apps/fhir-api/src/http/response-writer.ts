/** Writes FHIR resources from Express handlers in the negotiated format (Accept / `_format`, `_pretty`). */
import type { Request, Response } from 'express';
import { negotiateFormat, type FhirFormat } from '../../../../libs/fhir/src/format/negotiate.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { renderResource } from './front/answer.js';

function queryValue(req: Request, name: string): string | undefined {
  const v = (req.query as Record<string, unknown>)[name] ?? (req.body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
}

/** The response format of a request. @throws FhirError 406 when neither JSON nor XML is acceptable. */
export function responseFormat(req: Request): FhirFormat {
  return negotiateFormat(req.headers.accept, queryValue(req, '_format'));
}

/** Sends a resource with a status and extra headers. */
export function sendResource(req: Request, res: Response, status: number, resource: FhirResource, format: FhirFormat = responseFormat(req)): void {
  const { body, contentType } = renderResource(resource, format, queryValue(req, '_pretty') === 'true');
  res.status(status).setHeader('Content-Type', contentType);
  res.send(body);
}
