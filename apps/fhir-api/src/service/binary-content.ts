/**
 * Binary reads answered with the document itself (https://hl7.org/fhir/R4/binary.html#rest): when the client's
 * `Accept` names no FHIR media type and there is no `_format`, `GET Binary/<id>` returns the stored bytes with their
 * own content type; otherwise the FHIR Binary resource (base64 `data`) in the negotiated format. No `Accept` at all
 * gets the FHIR resource (the server's default, as for every read).
 */
import { notAcceptable } from '#facade/fhir';
import type { FhirResource } from '../engine/registry/resource-definition.js';

/** What the HTTP layer writes for a native-content Binary read: bytes, their type, extra headers, the resource's version. */
export interface RawContent {
  body: Buffer;
  contentType: string;
  /** Headers that make stored HTML/XML inert in a browser (no sniffing, sandboxed, no scripts). */
  headers: Record<string, string>;
  /** The Binary resource (for ETag / Last-Modified / vread). */
  resource: FhirResource;
}

const FHIR_MEDIA_TYPES = new Set([
  'application/fhir+json', 'application/json', 'application/json+fhir', 'text/json',
  'application/fhir+xml', 'application/xml', 'application/xml+fhir', 'text/xml',
]);

const RAW_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "sandbox; default-src 'none'",
};

/** The media ranges of an Accept header with q > 0 (lower-cased, without parameters). */
function acceptedRanges(accept: string): string[] {
  const out: string[] = [];
  for (const part of accept.split(',')) {
    const [type, ...params] = part.split(';');
    const range = type.trim().toLowerCase();
    if (!range) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)).find((m) => m);
    if (q && !(Number(q[1]) > 0)) continue;
    out.push(range);
  }
  return out;
}

/** Whether a Binary read asks for the document's own bytes: no `_format`, and an `Accept` without any FHIR media type. */
export function wantsNativeContent(accept: string | undefined, format: string | undefined): boolean {
  if (format !== undefined && format !== '') return false;
  if (!accept || !accept.trim()) return false;
  const ranges = acceptedRanges(accept);
  return ranges.length > 0 && !ranges.some((r) => FHIR_MEDIA_TYPES.has(r));
}

/**
 * The raw answer of a Binary resource for `accept`.
 * @throws FhirError 406 when `accept` does not admit the document's content type.
 */
export function rawContentOf(resource: FhirResource, accept: string): RawContent {
  const contentType = String(resource.contentType ?? 'application/octet-stream');
  const media = contentType.split(';')[0].trim().toLowerCase();
  const family = `${media.split('/')[0]}/*`;
  if (!acceptedRanges(accept).some((r) => r === '*/*' || r === family || r === media)) {
    throw notAcceptable(`Binary/${resource.id} is ${media}: Accept does not include it (application/fhir+json gives the Binary resource)`);
  }
  const data = typeof resource.data === 'string' ? resource.data : '';
  return { body: Buffer.from(data, 'base64'), contentType, headers: { ...RAW_HEADERS }, resource };
}
