/**
 * Routing of the FHIR bases by splitting the path (no regex per route). It reproduces what the Express 5 router
 * did with the former Nest controller, so that clients see the same answers:
 * - the bases `/fhir` and `/open`, literals (`metadata`, `_search`, `_history` ...) case-insensitive; one optional
 *   trailing slash; an empty segment (`//`) or a dot segment (`..`) matches no route (no normalisation);
 * - parameters are one raw segment each, percent-decoded; a malformed escape is a 400 (`Failed to decode param`);
 * - GET routes answer HEAD; `POST [type]/_search` searches; any other method on a FHIR interaction path is a 405;
 *   a path with no FHIR shape is a 404 (`No route for ...`).
 */
import type { FhirBase } from '../../service/request-auth.js';

/** What a request asks for. */
export type RouteKind = 'metadata' | 'smart-configuration' | 'search' | 'search-post' | 'read' | 'vread' | 'unsupported' | 'no-route' | 'bad-param';

export interface FhirRoute {
  kind: RouteKind;
  base: FhirBase;
  /** Decoded path parameters ('' when absent). */
  type: string;
  id: string;
  vid: string;
  /** For `bad-param`: the raw segment that could not be decoded. */
  raw: string;
}

/** The path of a request URL (origin-form or absolute-form), without query string or fragment. */
export function pathOf(url: string): string {
  let end = url.length;
  const q = url.indexOf('?');
  if (q >= 0) end = q;
  const hash = url.indexOf('#');
  if (hash >= 0 && hash < end) end = hash;
  let start = 0;
  if (url.charCodeAt(0) !== 47 /* / */) {
    // Absolute-form (`http://host/path`): the path starts at the first slash after the authority.
    const scheme = url.indexOf('://');
    const slash = scheme >= 0 ? url.indexOf('/', scheme + 3) : -1;
    if (slash < 0 || slash > end) return '/';
    start = slash;
  }
  return start === 0 && end === url.length ? url : url.slice(start, end);
}

/** The query string of a request URL (without `?`; '' when none). A fragment is not part of it. */
export function queryOf(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return '';
  const hash = url.indexOf('#');
  if (hash >= 0 && hash < q) return '';
  return hash > q ? url.slice(q + 1, hash) : url.slice(q + 1);
}

/** The FHIR base a path belongs to (`/fhir...` or `/open...`, any case), or undefined. */
export function fhirBaseOf(path: string): FhirBase | undefined {
  if (path.length < 5 || (path.length > 5 && path.charCodeAt(5) !== 47)) return undefined;
  // Every request passes here: compare char codes, lower-cased by setting bit 0x20 (only 'X' and 'x' map to 'x').
  const a = path.charCodeAt(1) | 0x20;
  const b = path.charCodeAt(2) | 0x20;
  const c = path.charCodeAt(3) | 0x20;
  const d = path.charCodeAt(4) | 0x20;
  if (a === 0x66 && b === 0x68 && c === 0x69 && d === 0x72) return 'fhir';
  if (a === 0x6f && b === 0x70 && c === 0x65 && d === 0x6e) return 'open';
  return undefined;
}

function same(segment: string, literal: string): boolean {
  return segment.length === literal.length && (segment === literal || segment.toLowerCase() === literal);
}

class DecodeError {
  constructor(readonly raw: string) {}
}

function decode(segment: string): string {
  if (segment.indexOf('%') < 0) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new DecodeError(segment);
  }
}

/**
 * The route of a request to a FHIR base.
 * @param method upper-case HTTP method (OPTIONS is answered before routing)
 * @param path the URL path, already known to start with a FHIR base ({@link fhirBaseOf})
 */
export function routeOf(method: string, path: string, base: FhirBase): FhirRoute {
  const route: FhirRoute = { kind: 'no-route', base, type: '', id: '', vid: '', raw: '' };
  let rest = path.slice(5);
  if (rest.length > 1 && rest.charCodeAt(rest.length - 1) === 47) rest = rest.slice(0, -1);
  if (rest.length <= 1) return route;
  const seg = rest.slice(1).split('/');
  for (const s of seg) if (s === '') return route;
  const get = method === 'GET' || method === 'HEAD';
  try {
    switch (seg.length) {
      case 1:
        if (get && same(seg[0], 'metadata')) route.kind = 'metadata';
        else {
          route.type = decode(seg[0]);
          route.kind = get ? 'search' : 'unsupported';
        }
        break;
      case 2:
        if (get && same(seg[0], '.well-known') && same(seg[1], 'smart-configuration')) route.kind = 'smart-configuration';
        else {
          route.type = decode(seg[0]);
          route.id = decode(seg[1]);
          route.kind = method === 'POST' && same(seg[1], '_search') ? 'search-post' : get ? 'read' : 'unsupported';
        }
        break;
      case 3:
        if (same(seg[2], '_history')) {
          route.type = decode(seg[0]);
          route.id = decode(seg[1]);
          route.kind = 'unsupported';
        }
        break;
      case 4:
        if (same(seg[2], '_history')) {
          route.type = decode(seg[0]);
          route.id = decode(seg[1]);
          route.vid = decode(seg[3]);
          route.kind = get ? 'vread' : 'unsupported';
        }
        break;
    }
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    route.kind = 'bad-param';
    route.type = route.id = route.vid = '';
    route.raw = e.raw;
  }
  return route;
}
