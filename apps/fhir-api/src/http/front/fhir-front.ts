/**
 * The FHIR front: every request under `/fhir` and `/open` is served here directly on node's request/response,
 * without Express or Nest routing (Nest stays the application host: DI, lifecycle, health probes, 404s elsewhere).
 * Per request: the URL is split once, the route found by splitting the path (router.ts), the token checked
 * synchronously when the verifier has it cached, the service called, and the answer written with one
 * `writeHead` + `end` (answer.ts). Errors become OperationOutcomes through the same mapping as Nest's filter
 * (error-outcome.ts). Request id, CORS headers and the one access-log line are the same as on the Express side.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { methodNotAllowed, notFound, invalid } from '../../../../../libs/fhir/src/errors/fhir-error.js';
import { negotiateFormat, type FhirFormat } from '../../../../../libs/fhir/src/format/negotiate.js';
import type { MapperContext } from '../../../../../libs/mappers/src/mapper-context.js';
import { logAccess, requestContext, requestIdFrom, type JsonLogger } from '../../../../../libs/observability/src/index.js';
import type { FhirResource } from '../../engine/registry/resource-definition.js';
import type { FhirApiDeps } from '../../fhir-api.deps.js';
import type { RequestScope } from '../../service/fhir.service.js';
import { authenticate, authenticateCached, type FhirBase } from '../../service/request-auth.js';
import { smartConfigurationForBase } from '../../../../../libs/security/src/tokens/smart-configuration-per-base.js';
import { httpError, toFhirError } from '../error-outcome.js';
import { answerHeaders, isNotModified, jsonBytesOf, renderResource, versionedOf, writeAnswer, writePreflight } from './answer.js';
import { mediaType, readForm } from './body.js';
import { queryOf, routeOf, type FhirRoute } from './router.js';

/** One request in flight (one object, no per-request closures). */
class Exchange {
  /** Query parameters, parsed on first use ('' query: none). */
  private params: URLSearchParams | undefined;
  /** The form body of a POST search. */
  form: [string, string][] | undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly requestId: string,
    readonly path: string,
    readonly base: FhirBase,
    readonly started: number,
  ) {}

  query(): URLSearchParams {
    return (this.params ??= new URLSearchParams(queryOf(this.req.url ?? '')));
  }

  /** A parameter that steers the answer (`_format`, `_pretty`): the URL's first value, else the form's. */
  param(name: string): string | undefined {
    if ((this.req.url ?? '').indexOf('?') >= 0) {
      const v = this.query().get(name);
      if (v !== null) return v;
    }
    return this.form?.find(([k]) => k === name)?.[1];
  }

  format(): FhirFormat {
    const accept = this.req.headers.accept;
    const format = this.param('_format');
    if (format !== undefined) return negotiateFormat(accept, format);
    if (accept === undefined) return 'json';
    // A client sends the same Accept on every request: remember the answer for the few distinct values seen.
    let f = ACCEPTED.get(accept);
    if (f === undefined) {
      f = negotiateFormat(accept, undefined);
      if (ACCEPTED.size < 64) ACCEPTED.set(accept, f);
    }
    return f;
  }
}

/** Format negotiated per Accept header value (406s are not remembered: they throw before `set`). */
const ACCEPTED = new Map<string, FhirFormat>();

const LENIENT = /(^|[,;\s])handling\s*=\s*lenient\b/i;

export class FhirFront {
  private readonly baseUrls: Record<FhirBase, string>;
  private readonly contexts: Record<FhirBase, MapperContext>;
  /** Per base: each advertises what it serves (libs/security smartConfigurationForBase). */
  private readonly smartConfiguration: Record<FhirBase, Buffer>;

  constructor(
    private readonly deps: FhirApiDeps,
    private readonly logger: JsonLogger,
  ) {
    const fhir = `${deps.config.fhirPublicUrl}/fhir`;
    const open = `${deps.config.fhirPublicUrl}/open`;
    this.baseUrls = { fhir, open };
    this.contexts = { fhir: deps.mapperContext(fhir), open: deps.mapperContext(open) };
    const smart = (b: FhirBase) => Buffer.from(JSON.stringify(smartConfigurationForBase(deps.smartConfiguration, b)));
    this.smartConfiguration = { fhir: smart('fhir'), open: smart('open') };
  }

  /** Serves a request whose path (`path`, from router.ts `pathOf`) is under the FHIR base `base`. */
  serve(req: IncomingMessage, res: ServerResponse, path: string, base: FhirBase): void {
    if (req.method === 'OPTIONS') {
      writePreflight(req, res);
      return;
    }
    const requestId = requestIdFrom(req.headers['x-request-id']);
    const x = new Exchange(req, res, requestId, path, base, performance.now());
    // The context carries the request id to every log line written while the request is served.
    requestContext.run({ requestId }, this.dispatch, x);
  }

  private readonly dispatch = (x: Exchange): void => {
    void this.answer(x, routeOf(x.req.method ?? 'GET', x.path, x.base));
  };

  private async answer(x: Exchange, r: FhirRoute): Promise<void> {
    try {
      switch (r.kind) {
        case 'read':
        case 'vread':
          return await this.read(x, r);
        case 'search':
          return await this.search(x, r, x.query());
        case 'search-post':
          return await this.searchPost(x, r);
        case 'metadata':
          return this.send(x, 200, this.deps.capabilityStatement(this.baseUrls[r.base]), x.format());
        case 'smart-configuration':
          // SMART: always application/json, whatever the Accept header.
          return this.finish(x, 200, answerHeaders(x.requestId), this.smartConfiguration[x.base], 'application/json; charset=utf-8');
        case 'unsupported':
          throw methodNotAllowed(`${x.req.method} ${x.path.replace(/^\/(fhir|open)/, '')} is not supported by this server`);
        case 'bad-param':
          throw httpError(400, `Failed to decode param '${r.raw}'`);
        default:
          throw httpError(404, `No route for ${x.req.method} ${x.path}`);
      }
    } catch (e) {
      try {
        this.fail(x, e);
      } catch {
        // Writing the error failed too (a broken socket): end the exchange rather than leave a rejected promise.
        x.res.destroy();
      }
    }
  }

  /** The caller's scope, synchronously when the token is cached (no promise turn on the hot path). */
  private scopeCached(x: Exchange): RequestScope | undefined {
    const baseUrl = this.baseUrls[x.base];
    const caller = authenticateCached(this.deps.verifier, x.req.headers.authorization, x.base, baseUrl);
    return caller && { caller, baseUrl, ctx: this.contexts[x.base] };
  }

  private async scope(x: Exchange): Promise<RequestScope> {
    const baseUrl = this.baseUrls[x.base];
    const caller = await authenticate(this.deps.verifier, x.req.headers.authorization, x.base, baseUrl);
    return { caller, baseUrl, ctx: this.contexts[x.base] };
  }

  private async read(x: Exchange, r: FhirRoute): Promise<void> {
    const format = x.format();
    const resource = await this.deps.service.read(this.scopeCached(x) ?? (await this.scope(x)), r.type, r.id);
    const v = versionedOf(resource);
    // Only the current version is kept by the EHR: older version ids are unknown.
    if (r.kind === 'vread' && v.version !== r.vid) throw notFound(r.type, `${r.id}/_history/${r.vid}`, { messageCode: 'MSG_VERSION_NOT_FOUND' });
    const headers = answerHeaders(x.requestId);
    if (v.etag) headers.ETag = v.etag;
    if (v.lastModified) headers['Last-Modified'] = v.lastModified;
    if (isNotModified(x.req.headers, v)) return this.finish(x, 304, headers);
    if (format === 'json' && x.param('_pretty') !== 'true') return this.finish(x, 200, headers, jsonBytesOf(resource, v), 'application/fhir+json; charset=utf-8');
    const { body, contentType } = renderResource(resource, format, x.param('_pretty') === 'true');
    this.finish(x, 200, headers, body, contentType);
  }

  private async search(x: Exchange, r: FhirRoute, query: Iterable<[string, string]>): Promise<void> {
    const format = x.format();
    const rs = this.scopeCached(x) ?? (await this.scope(x));
    const { bundle } = await this.deps.service.search(rs, r.type, query, LENIENT.test(String(x.req.headers.prefer ?? '')));
    this.send(x, 200, bundle as FhirResource, format);
  }

  private async searchPost(x: Exchange, r: FhirRoute): Promise<void> {
    if (mediaType(x.req.headers['content-type']) !== 'application/x-www-form-urlencoded') {
      throw invalid('POST _search needs an application/x-www-form-urlencoded body', { messageCode: 'SEARCH_POST_FORM' });
    }
    x.form = await readForm(x.req);
    // URL parameters first, then the form's (both are the search).
    await this.search(x, r, [...x.query(), ...x.form]);
  }

  private send(x: Exchange, status: number, resource: FhirResource, format: FhirFormat): void {
    const { body, contentType } = renderResource(resource, format, x.param('_pretty') === 'true');
    this.finish(x, status, answerHeaders(x.requestId), body, contentType);
  }

  /** Writes the answer and its access line. */
  private finish(x: Exchange, status: number, headers: ReturnType<typeof answerHeaders>, body?: string | Buffer, contentType?: string): void {
    writeAnswer(x.res, status, headers, body, contentType);
    logAccess(this.logger, x.req.method ?? 'GET', x.path, status, x.started);
  }

  /** Any error as its OperationOutcome, in the negotiated format (JSON when negotiation itself failed). */
  private fail(x: Exchange, e: unknown): void {
    const error = toFhirError(e, { method: x.req.method ?? 'GET', path: x.path, requestId: x.requestId }, this.logger);
    if (x.res.headersSent) return;
    let format: FhirFormat;
    try {
      format = x.format();
    } catch {
      format = 'json';
    }
    const headers = answerHeaders(x.requestId);
    Object.assign(headers, error.headers);
    const { body, contentType } = renderResource(error.outcome as never, format, x.param('_pretty') === 'true');
    this.finish(x, error.status, headers, body, contentType);
  }
}
