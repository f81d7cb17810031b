/**
 * The form body of `POST [type]/_search`, read the way `express.urlencoded({ extended: true })` did before the
 * front replaced Express on the FHIR paths: 100 kb limit (413), UTF-8 or ISO-8859-1 (other charsets 415),
 * identity/gzip/deflate/br content encodings (others 415), at most 1,000 parameters (413), `+` as space and
 * percent-decoding that keeps a malformed escape as written. Repeated names are grouped in first-seen order.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { httpError } from '../error-outcome.js';

/** body-parser's default `limit` (100 kb) and `parameterLimit`. */
export const FORM_LIMIT_BYTES = 100 * 1024;
const PARAMETER_LIMIT = 1000;

/** True when the request announces a body (what `type-is` checks): a Transfer-Encoding or a Content-Length. */
export function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || !Number.isNaN(Number(req.headers['content-length']));
}

/** The media type of a Content-Type header, lower case without parameters ('' when absent). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function charsetOf(contentType: string | undefined): string {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m ? m[1].toLowerCase() : 'utf-8';
}

function decodedStream(req: IncomingMessage): Readable {
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase();
  switch (encoding) {
    case 'identity':
      return req;
    case 'gzip':
      return req.pipe(createGunzip());
    case 'deflate':
      return req.pipe(createInflate());
    case 'br':
      return req.pipe(createBrotliDecompress());
    default:
      throw httpError(415, `unsupported content encoding "${encoding}"`);
  }
}

/** Reads the whole (decoded) body, refusing more than the limit. */
async function readText(req: IncomingMessage, latin1: boolean): Promise<string> {
  const identity = req.headers['content-encoding'] === undefined || String(req.headers['content-encoding']).toLowerCase() === 'identity';
  const declared = Number(req.headers['content-length']);
  if (identity && declared > FORM_LIMIT_BYTES) throw httpError(413, 'request entity too large');
  const stream = decodedStream(req);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > FORM_LIMIT_BYTES) throw httpError(413, 'request entity too large');
      chunks.push(chunk as Buffer);
    }
  } catch (e) {
    if ((e as { status?: number }).status === 413) throw e;
    throw httpError(400, identity ? 'request aborted' : 'invalid compressed body');
  } finally {
    // Leave nothing unread behind a refused body, so the connection can be reused.
    if (size > FORM_LIMIT_BYTES) req.resume();
  }
  if (identity && !Number.isNaN(declared) && size !== declared) throw httpError(400, 'request size did not match content length');
  return Buffer.concat(chunks).toString(latin1 ? 'latin1' : 'utf8');
}

function decodeComponent(text: string, latin1: boolean): string {
  const plain = text.indexOf('+') < 0 ? text : text.replace(/\+/g, ' ');
  if (plain.indexOf('%') < 0) return plain;
  if (latin1) return plain.replace(/%[0-9a-f]{2}/gi, (h) => String.fromCharCode(parseInt(h.slice(1), 16)));
  try {
    return decodeURIComponent(plain);
  } catch {
    return plain;
  }
}

/**
 * Name/value pairs of an `application/x-www-form-urlencoded` text, grouped by name in first-seen order (as the
 * `qs` object did). `a[]=x` and `a[0]=x` add to `a`; other bracket forms (nested objects, which no FHIR parameter
 * is) become `[object Object]`, as the former `String(value)` of the parsed object did.
 */
export function parseForm(text: string, latin1 = false): [string, string][] {
  if (text.split('&').length > PARAMETER_LIMIT) throw httpError(413, 'too many parameters');
  const groups = new Map<string, string[]>();
  const nested = new Set<string>();
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf(']=') >= 0 ? part.indexOf(']=') + 1 : part.indexOf('=');
    let name = decodeComponent(eq < 0 ? part : part.slice(0, eq), latin1);
    const value = eq < 0 ? '' : decodeComponent(part.slice(eq + 1), latin1);
    const bracket = name.indexOf('[');
    let isNested = false;
    if (bracket > 0 && name.endsWith(']')) {
      isNested = !/^\[\d*\]$/.test(name.slice(bracket));
      name = name.slice(0, bracket);
    }
    if (name === '') continue;
    let values = groups.get(name);
    if (!values) groups.set(name, (values = []));
    if (isNested) {
      if (!nested.has(name)) values.push('[object Object]');
      nested.add(name);
    } else values.push(value);
  }
  const out: [string, string][] = [];
  for (const [name, values] of groups) for (const v of values) out.push([name, v]);
  return out;
}

/**
 * The form parameters of a request with an `application/x-www-form-urlencoded` Content-Type ([] without a body).
 * @throws FhirError 413 (too large, too many parameters), 415 (charset, encoding), 400 (truncated body)
 */
export async function readForm(req: IncomingMessage): Promise<[string, string][]> {
  if (!hasBody(req)) return [];
  const charset = charsetOf(req.headers['content-type']);
  if (charset !== 'utf-8' && charset !== 'iso-8859-1') throw httpError(415, `unsupported charset "${charset.toUpperCase()}"`);
  return parseForm(await readText(req, charset === 'iso-8859-1'), charset === 'iso-8859-1');
}
