/**
 * Writing FHIR answers on a Fastify reply: compact JSON from the cached resources' bytes (json-text.ts, sent as
 * they are), XML and `_pretty` JSON serialised afresh; a read's validators (ETag, Last-Modified) computed once per
 * cached resource, and FHIR conditional reads (304).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentTypeFor, type FhirFormat, serialize } from '#facade/fhir';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { formatOf, isPretty } from './fhir-request.js';
import { fhirJsonBytes, isShared } from '../engine/cache/json-text.js';

/** A resource's wire form: compact JSON reuses the cached resources' bytes; XML and pretty JSON serialise afresh. */
export function renderResource(resource: FhirResource, format: FhirFormat, pretty: boolean): { body: string | Buffer; contentType: string } {
  if (format === 'json' && !pretty) return { body: fhirJsonBytes(resource), contentType: contentTypeFor('json') };
  return serialize(resource as never, format, pretty);
}

/** Sends a resource in the request's format (negotiated before: FhirFormatGuard, or JSON if negotiation failed). */
export function sendResource(req: FastifyRequest, reply: FastifyReply, status: number, resource: FhirResource, format: FhirFormat = formatOf(req)): void {
  const { body, contentType } = renderResource(resource, format, isPretty(req));
  reply.code(status).type(contentType).send(body);
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

/** The validators of a resource (`W/"<versionId>"`, `meta.lastUpdated` as an HTTP date). */
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

/**
 * Whether a conditional read answers 304 (https://hl7.org/fhir/R4/http.html#cread): `If-None-Match` naming the
 * version (weak or strong) or `*`; without `If-None-Match`, `If-Modified-Since` not older than the resource's
 * `Last-Modified` (RFC 9110 13.1.3: If-Modified-Since is ignored when If-None-Match is present).
 */
export function isNotModified(req: FastifyRequest, v: Versioned): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    if (!v.version) return false;
    const strong = `"${v.version}"`;
    for (const t of inm.split(',')) {
      const tag = t.trim();
      if (tag === '*' || tag === strong || tag === `W/${strong}`) return true;
    }
    return false;
  }
  const ims = req.headers['if-modified-since'];
  if (ims === undefined || !v.lastModified) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && Date.parse(v.lastModified) <= since;
}
