/**
 * The two pieces of HTTP plumbing every request outside the FHIR bases passes through (the FHIR front writes the
 * same CORS answers itself), kept cheap: CORS headers written as constants
 * (the same answers as the `cors` package with `origin: '*'`, without its per-request option handling) and body
 * parsing only for requests that can carry a body (the FHIR API reads bodies only for `POST [type]/_search`).
 */
import express from 'express';

type Req = { method: string; headers: Record<string, string | string[] | undefined> };
type Res = { setHeader(name: string, value: string): unknown; statusCode: number; end(): void };
type Next = (err?: unknown) => void;

/** Response headers a browser app may read, and the methods a preflight allows (shared with the FHIR front). */
export const CORS_EXPOSED_HEADERS = 'ETag, Last-Modified, Location, X-Request-Id';
export const CORS_METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE';

/**
 * CORS for any origin without credentials: `Access-Control-Allow-Origin: *` and the exposed headers on every
 * answer; a preflight (`OPTIONS`) is answered 204 with the allowed methods and the requested headers echoed.
 */
export function staticCors() {
  return (req: Req, res: Res, next: Next): void => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSED_HEADERS);
    if (req.method !== 'OPTIONS') {
      next();
      return;
    }
    res.setHeader('Access-Control-Allow-Methods', CORS_METHODS);
    const requested = req.headers['access-control-request-headers'];
    if (requested) {
      res.setHeader('Access-Control-Allow-Headers', Array.isArray(requested) ? requested.join(',') : requested);
      res.setHeader('Vary', 'Access-Control-Request-Headers');
    }
    res.statusCode = 204;
    res.setHeader('Content-Length', '0');
    res.end();
  };
}

/**
 * JSON and form (`extended`, as Nest's default parsers) body parsing, skipped for GET and HEAD, which carry no
 * body here; so a read or a GET search never runs the parsers.
 */
export function bodyParsingExceptGet() {
  const json = express.json();
  const form = express.urlencoded({ extended: true });
  return (req: Req, res: Res, next: Next): void => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      next();
      return;
    }
    json(req as never, res as never, (err?: unknown) => (err ? next(err) : form(req as never, res as never, next)));
  };
}
