/**
 * Content negotiation (https://hl7.org/fhir/R4/http.html#mime-type): `_format` wins over `Accept`; the result is
 * `json` or `xml`, or a 406. Responses always use the FHIR media types with `charset=utf-8`.
 */
import { notAcceptable, unsupportedMediaType } from '../errors/fhir-error.js';

/** The wire formats this server speaks. */
export type FhirFormat = 'json' | 'xml';

/** `Content-Type` of a response in each format. */
export const CONTENT_TYPES: Readonly<Record<FhirFormat, string>> = Object.freeze({
  json: 'application/fhir+json; charset=utf-8',
  xml: 'application/fhir+xml; charset=utf-8',
});

/** Content-Type header value for a format. */
export function contentTypeFor(format: FhirFormat): string {
  return CONTENT_TYPES[format];
}

const MEDIA_TYPES: ReadonlyMap<string, FhirFormat> = new Map([
  ['application/fhir+json', 'json'],
  ['application/json', 'json'],
  ['application/json+fhir', 'json'], // DSTU2 name, still sent by old clients
  ['text/json', 'json'],
  ['application/fhir+xml', 'xml'],
  ['application/xml', 'xml'],
  ['application/xml+fhir', 'xml'],
  ['text/xml', 'xml'],
]);

const FORMAT_SHORT: ReadonlyMap<string, FhirFormat> = new Map([
  ['json', 'json'],
  ['xml', 'xml'],
]);

interface MediaRange {
  type: string;
  q: number;
  order: number;
}

function parseAccept(accept: string): MediaRange[] {
  const out: MediaRange[] = [];
  let order = 0;
  for (const part of accept.split(',')) {
    const [typeText, ...params] = part.split(';');
    const type = typeText.trim().toLowerCase();
    if (!type) continue;
    let q = 1;
    let acceptableVersion = true;
    for (const p of params) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      const name = p.slice(0, eq).trim().toLowerCase();
      const value = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
      if (name === 'q') {
        const n = Number(value);
        q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(value) && Number.isFinite(n) ? n : 0;
      } else if (name === 'fhirversion') {
        acceptableVersion = value === '4.0' || value.startsWith('4.0.');
      }
    }
    if (acceptableVersion && q > 0) out.push({ type, q, order: order++ });
  }
  return out;
}

function formatOfRange(type: string): FhirFormat | undefined {
  const exact = MEDIA_TYPES.get(type);
  if (exact) return exact;
  if (type === '*/*' || type === 'application/*') return 'json';
  if (type === 'text/*') return 'xml';
  return undefined;
}

/**
 * Picks the response format.
 *
 * - `_format` (`json`, `xml` or any of the JSON/XML media types; a `+` decoded to a space is accepted) decides
 *   when present.
 * - Otherwise the `Accept` media range with the highest `q` that we can produce wins (ties: first listed);
 *   `*\/*` and `application/*` give JSON, `text/*` XML; `fhirVersion` other than 4.0 or `q=0` excludes a range.
 * - No `Accept` (or empty): JSON.
 *
 * @throws FhirError 406 (`FORMAT_NOT_ACCEPTABLE`) when nothing acceptable can be produced.
 */
export function negotiateFormat(acceptHeader?: string | null, formatParam?: string | null): FhirFormat {
  if (formatParam !== undefined && formatParam !== null && formatParam !== '') {
    const key = formatParam.trim().toLowerCase().replace(/ /g, '+').split(';')[0].trim();
    const f = FORMAT_SHORT.get(key) ?? MEDIA_TYPES.get(key);
    if (!f) throw notAcceptable(`_format '${formatParam}' is not supported (use json or xml)`, { expression: '_format' });
    return f;
  }
  if (!acceptHeader || !acceptHeader.trim()) return 'json';
  let best: { format: FhirFormat; q: number; order: number } | undefined;
  for (const range of parseAccept(acceptHeader)) {
    const format = formatOfRange(range.type);
    if (!format) continue;
    if (!best || range.q > best.q) best = { format, q: range.q, order: range.order };
  }
  if (!best) throw notAcceptable(`None of the media types in Accept can be produced (use application/fhir+json or application/fhir+xml)`);
  return best.format;
}

/**
 * The format of a request body from its `Content-Type` (for create / update).
 * @throws FhirError 415 for a missing or unsupported media type or a charset other than UTF-8.
 */
export function requestBodyFormat(contentType?: string | null): FhirFormat {
  if (!contentType) throw unsupportedMediaType('A request body needs a Content-Type (application/fhir+json or application/fhir+xml)');
  const [typeText, ...params] = contentType.split(';');
  const format = MEDIA_TYPES.get(typeText.trim().toLowerCase());
  if (!format) throw unsupportedMediaType(`Content-Type '${typeText.trim()}' is not supported`);
  for (const p of params) {
    const [name, value] = p.split('=').map((s) => s?.trim().toLowerCase().replace(/^"|"$/g, ''));
    if (name === 'charset' && value !== 'utf-8' && value !== 'utf8') throw unsupportedMediaType(`charset '${value}' is not supported (use UTF-8)`);
  }
  return format;
}
