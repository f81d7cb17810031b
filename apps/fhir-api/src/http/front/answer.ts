/**
 * Writing answers of the FHIR front: one `writeHead(status, headers)` and one `end(body)` with its
 * Content-Length, the CORS and request-id headers on every answer, conditional reads (304) with the same rules
 * as the former controller plus Express's `fresh` check, and CORS preflights.
 */
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { contentTypeFor, type FhirFormat } from '../../../../../libs/fhir/src/format/negotiate.js';
import { serialize } from '../../../../../libs/fhir/src/format/serialize.js';
import type { FhirResource } from '../../engine/registry/resource-definition.js';
import { fhirJsonBytes, isShared } from '../json-text.js';
import { CORS_EXPOSED_HEADERS, CORS_METHODS } from '../lean-middleware.js';

/** A resource's wire form: compact JSON reuses the cached resources' texts (json-text.ts); XML and pretty JSON serialise afresh. */
export function renderResource(resource: FhirResource, format: FhirFormat, pretty: boolean): { body: string | Buffer; contentType: string } {
  // Bytes: a searchset is assembled from its cached entries' UTF-8 bytes (json-text.ts fhirJsonBytes).
  if (format === 'json' && !pretty) return { body: fhirJsonBytes(resource), contentType: contentTypeFor('json') };
  return serialize(resource as never, format, pretty);
}

/** The headers every FHIR answer starts with. */
export function answerHeaders(requestId: string): OutgoingHttpHeaders {
  return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': CORS_EXPOSED_HEADERS, 'X-Request-Id': requestId };
}

/** Writes a complete answer (no body for 304, and none on the wire for HEAD: node drops it, the length stays). */
export function writeAnswer(res: ServerResponse, status: number, headers: OutgoingHttpHeaders, body?: string | Buffer, contentType?: string): void {
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
    headers['Content-Length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  }
  res.writeHead(status, headers);
  res.end(body);
}

/** A CORS preflight, answered for any FHIR path before routing (as the `staticCors` middleware does). */
export function writePreflight(req: IncomingMessage, res: ServerResponse): void {
  const headers: OutgoingHttpHeaders = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': CORS_EXPOSED_HEADERS,
    'Access-Control-Allow-Methods': CORS_METHODS,
  };
  const requested = req.headers['access-control-request-headers'];
  if (requested) {
    headers['Access-Control-Allow-Headers'] = requested;
    headers.Vary = 'Access-Control-Request-Headers';
  }
  headers['Content-Length'] = '0';
  res.writeHead(204, headers);
  res.end();
}

/** The validators of a served resource version, and its compact JSON bytes (both computed once per cached resource). */
export interface Versioned {
  version?: string;
  etag?: string;
  lastModified?: string;
  json?: Buffer;
}

// Keyed by the engine's cached resource objects, which are never mutated (the json-text.ts contract). Resources
// that are not shared (cache off or full) are not served again: their validators and bytes are not kept.
const versions = new WeakMap<object, Versioned>();

export function versionedOf(resource: FhirResource): Versioned {
  let v = versions.get(resource);
  if (!v) {
    const version = resource.meta?.versionId;
    const lastUpdated = resource.meta?.lastUpdated;
    v = { version, etag: version ? `W/"${version}"` : undefined, lastModified: lastUpdated ? new Date(lastUpdated).toUTCString() : undefined };
    if (isShared(resource)) versions.set(resource, v);
  }
  return v;
}

/** The compact JSON bytes of a read resource, kept with its validators. */
export function jsonBytesOf(resource: FhirResource, v: Versioned): Buffer {
  return (v.json ??= fhirJsonBytes(resource));
}

const NO_CACHE = /(?:^|,)\s*?no-cache\s*?(?:,|$)/;

/**
 * Whether a read answers 304. First the controller's rule (an `If-None-Match` entity tag equal to the version,
 * weak or strong, or `*`), then Express's `fresh` rule that `res.send` applied to every 200 (notably
 * `If-Modified-Since` not older than `Last-Modified`, unless `Cache-Control: no-cache`).
 */
export function isNotModified(headers: IncomingHttpHeaders, v: Versioned): boolean {
  const inm = headers['if-none-match'];
  const ims = headers['if-modified-since'];
  if (inm === undefined && ims === undefined) return false;
  if (v.version && inm) {
    const strong = `"${v.version}"`;
    for (const t of inm.split(',')) {
      const tag = t.trim();
      if (tag === '*' || tag.replace(/^W\//, '') === strong) return true;
    }
  }
  const cacheControl = headers['cache-control'];
  if (cacheControl && NO_CACHE.test(cacheControl)) return false;
  if (inm && inm !== '*') {
    if (!v.etag) return false;
    const etag = v.etag;
    if (!inm.split(/[ ,]+/).some((m) => m !== '' && (m === etag || `W/${m}` === etag || m === `W/${etag}`))) return false;
  }
  if (ims) {
    if (!v.lastModified || !(Date.parse(v.lastModified) <= Date.parse(ims))) return false;
  }
  return !!(inm || ims);
}
