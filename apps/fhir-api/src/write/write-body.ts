/**
 * Checks of a create/update body before anything else: a FHIR resource object (JSON or XML, parsed by the server's
 * content-type parsers, which refuse DTDs/entities and `__proto__`), no `constructor`/`prototype` keys, at most
 * {@link MAX_DEPTH} levels, the URL's type; and the `If-Match` header of an update.
 */
import { FhirError, invalid } from '#facade/fhir';

/** Nesting limit of a written resource (US Core resources need < 10 levels). */
export const MAX_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function checkNode(node: unknown, depth: number, path: string): void {
  if (node === null || typeof node !== 'object') return;
  if (depth > MAX_DEPTH) throw invalid(`The resource is nested deeper than ${MAX_DEPTH} levels`, { messageCode: 'WRITE_TOO_DEEP', expression: path });
  for (const key of Object.keys(node)) {
    if (FORBIDDEN_KEYS.has(key)) throw FhirError.of(400, { code: 'structure', messageCode: 'WRITE_FORBIDDEN_KEY', diagnostics: `The key '${key}' is not allowed`, expression: path });
    checkNode((node as Record<string, unknown>)[key], depth + 1, Array.isArray(node) ? `${path}[${key}]` : `${path}.${key}`);
  }
}

/**
 * The body as a resource of `type`.
 * @throws FhirError 400 (`structure`/`invalid`) for a missing or non-resource body, forbidden keys, too deep, another type.
 */
export function resourceBody(body: unknown, type: string): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body) || body instanceof URLSearchParams) {
    throw FhirError.of(400, { code: 'structure', messageCode: 'WRITE_NO_RESOURCE', diagnostics: 'The body must be a FHIR resource (application/fhir+json or application/fhir+xml)' });
  }
  checkNode(body, 1, type);
  const resource = body as Record<string, unknown>;
  if (resource.resourceType !== type) {
    throw invalid(`The body is a ${String(resource.resourceType)}, the URL names ${type}`, { messageCode: 'WRITE_TYPE_MISMATCH', expression: `${type}.resourceType` });
  }
  return resource;
}

const ETAG = /^(?:W\/)?"([1-9][0-9]{0,9})"$/;

/**
 * The version an `If-Match` header names (`W/"3"` or `"3"`).
 * @throws FhirError 428 `required` when absent, 400 when malformed.
 */
export function expectedVersion(header: string | string[] | undefined): number {
  if (header === undefined || header === '') {
    throw FhirError.of(428, { code: 'required', messageCode: 'WRITE_IF_MATCH_REQUIRED', diagnostics: 'An update needs an If-Match header with the version read (ETag, e.g. W/"3")', expression: 'If-Match' });
  }
  const m = typeof header === 'string' ? ETAG.exec(header.trim()) : null;
  if (!m || Number(m[1]) > 2_147_483_647) throw invalid('If-Match must be one ETag of this server, e.g. W/"3"', { messageCode: 'WRITE_IF_MATCH_INVALID', expression: 'If-Match' });
  return Number(m[1]);
}
