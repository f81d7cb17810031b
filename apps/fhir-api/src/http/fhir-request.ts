/**
 * What a FHIR handler reads of a Fastify request: the ordered query (the server's query-string parser keeps
 * `URLSearchParams`, see fhir-server.ts), the form body of `POST _search`, the parameters that steer the answer
 * (`_format`, `_pretty`) and the negotiated format, remembered on the request by FhirFormatGuard.
 */
import type { FastifyRequest } from 'fastify';
import { invalid, negotiateFormat, type FhirFormat, type SummaryMode } from '#facade/fhir';
import type { Caller } from '../service/request-auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The negotiated response format (FhirFormatGuard), undefined before negotiation. */
    fhirFormat?: FhirFormat;
    /** The authenticated caller (FhirAuthGuard, through passport). */
    user?: Caller;
  }
}

/** The query of a URL without one: one shared instance (the parser's answer for ''), so it refuses changes. */
class NoQuery extends URLSearchParams {
  override append(): never {
    throw new TypeError('the empty query is shared: copy it first');
  }
  override set(): never {
    return this.append();
  }
  override delete(): never {
    return this.append();
  }
  override sort(): never {
    return this.append();
  }
}

/** The parsed query of a request without one (fhir-server.ts: no URLSearchParams made per request). */
export const NO_QUERY: URLSearchParams = new NoQuery();

/** The query parameters in URL order (`URLSearchParams`, from the server's query-string parser). */
export function queryOf(req: FastifyRequest): URLSearchParams {
  return req.query instanceof URLSearchParams ? req.query : NO_QUERY;
}

/** The name/value pairs of a form body in their order (the server's form parser keeps `URLSearchParams`). */
export function formEntries(body: unknown): [string, string][] {
  return body instanceof URLSearchParams ? [...body] : [];
}

/** A parameter that steers the answer (`_format`, `_pretty`): the URL's first value, else the form body's. */
export function answerParam(req: FastifyRequest, name: string): string | undefined {
  const v = queryOf(req).get(name) ?? (req.body instanceof URLSearchParams ? req.body.get(name) : null);
  return v ?? undefined;
}

/** Format negotiated per Accept header value (a client sends the same one on every request; 406s are not kept). */
const ACCEPTED = new Map<string, FhirFormat>();

/**
 * The response format of a request: `_format` wins over `Accept` (libs/fhir `negotiateFormat`).
 * @throws FhirError 406 when neither JSON nor XML is acceptable.
 */
export function formatOf(req: FastifyRequest): FhirFormat {
  if (req.fhirFormat !== undefined) return req.fhirFormat;
  const accept = req.headers.accept;
  const format = answerParam(req, '_format');
  if (format !== undefined || accept === undefined) return negotiateFormat(accept, format);
  let f = ACCEPTED.get(accept);
  if (f === undefined) {
    f = negotiateFormat(accept, undefined);
    if (ACCEPTED.size < 64) ACCEPTED.set(accept, f);
  }
  return f;
}

/** Whether `_pretty=true` asks for indented output. */
export function isPretty(req: FastifyRequest): boolean {
  return answerParam(req, '_pretty') === 'true';
}

const READ_SUMMARY: readonly string[] = ['true', 'false', 'text', 'data'];
const ELEMENT = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * `_summary` / `_elements` of a read (a Group without its thousands of members): undefined when neither is given.
 * @throws FhirError 400 for `_summary=count` or another unknown mode, or a malformed element name.
 */
export function readShapeOf(req: FastifyRequest): { summary?: SummaryMode; elements?: string[] } | undefined {
  const summary = answerParam(req, '_summary');
  const elements = answerParam(req, '_elements');
  if (summary === undefined && elements === undefined) return undefined;
  if (summary !== undefined && !READ_SUMMARY.includes(summary)) throw invalid(`_summary: '${summary}' is not one of ${READ_SUMMARY.join(', ')} on a read`);
  const names = elements?.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const bad = names?.find((e) => !ELEMENT.test(e));
  if (bad !== undefined) throw invalid(`_elements: '${bad}' is not an element name`);
  return { ...(summary !== undefined ? { summary: summary as SummaryMode } : {}), ...(names?.length ? { elements: names } : {}) };
}
