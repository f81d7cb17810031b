/**
 * The HTTP server of the FHIR API: Fastify through @nestjs/platform-fastify. Routing by Fastify's router
 * (case-insensitive, optional trailing slash), request ids from `genReqId` (a well-formed `X-Request-Id` is kept
 * and echoed), CORS by @fastify/cors, form bodies by @fastify/formbody, FHIR JSON/XML bodies by content-type
 * parsers with size limits (XML without DTDs or entities), one access-log line per request from `onResponse`
 * (path without query string), and every error through FhirExceptionFilter's `sendError`.
 */
import fastifyCors from '@fastify/cors';
import fastifyFormbody from '@fastify/formbody';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions, onResponseHookHandler, RequestPayload } from 'fastify';
import { parseBody, requestBodyFormat } from '#facade/fhir';
import { logAccess, requestContext, requestIdFrom, type JsonLogger } from '#facade/observability';
import { httpError } from './error-outcome.js';
import { sendError } from './fhir-exception.filter.js';
import { NO_QUERY } from './fhir-request.js';

/** Limits of request bodies: a search form (body-parser's former default), and FHIR resources. */
export const FORM_LIMIT_BYTES = 100 * 1024;
export const RESOURCE_LIMIT_BYTES = 1024 * 1024;
/** At most this many parameters in a search form (413 beyond). */
export const FORM_PARAMETER_LIMIT = 1000;

/** Response headers a browser app may read, and the methods a preflight allows. */
export const CORS_EXPOSED_HEADERS = 'ETag, Last-Modified, Location, X-Request-Id';
export const CORS_METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE';

/** Options of the Fastify instance (given to the FastifyAdapter). */
export function fhirServerOptions(logger: JsonLogger): FastifyServerOptions {
  return {
    logger: false,
    bodyLimit: RESOURCE_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: (req) => requestIdFrom(req.headers['x-request-id']),
    routerOptions: {
      caseSensitive: false,
      ignoreTrailingSlash: true,
      // The query in URL order (a search's links keep it as sent); see fhir-request.ts `queryOf`.
      // A URL without a query (the common read) shares one read-only empty instance.
      querystringParser: (query) => (query.length === 0 ? NO_QUERY : new URLSearchParams(query)) as unknown as Record<string, unknown>,
    },
    // A malformed URL is answered by the router before any hook: same OperationOutcome, CORS and request id.
    frameworkErrors: (error, req, reply) => {
      reply.headers({ 'access-control-allow-origin': '*', 'access-control-expose-headers': CORS_EXPOSED_HEADERS, 'x-request-id': req.id });
      sendError(error, req as FastifyRequest, reply as FastifyReply, logger);
    },
  };
}

/** Parses FHIR JSON (`fromJson`) and XML (`fromXml`: no DOCTYPE, no entities) bodies, UTF-8 only (415 otherwise). */
function addFhirBodyParsers(fastify: FastifyInstance): void {
  const parse = (req: FastifyRequest, text: string) => {
    const format = requestBodyFormat(req.headers['content-type']);
    return parseBody(text, format);
  };
  const types = ['application/fhir+json', 'application/json', 'application/fhir+xml', 'application/xml'];
  fastify.addContentTypeParser(types, { parseAs: 'string', bodyLimit: RESOURCE_LIMIT_BYTES }, (req, body: string, done) => done(null, parse(req, body)));
}

/** A search form as `URLSearchParams` (ordered), at most FORM_PARAMETER_LIMIT parameters. */
function parseForm(text: string): URLSearchParams {
  let n = 1;
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) if (++n > FORM_PARAMETER_LIMIT) throw httpError(413, 'too many parameters');
  return new URLSearchParams(text);
}

/** Refuses bodies the parsers cannot read as sent: a content encoding (415), a form in another charset than UTF-8 (415). */
function refuseUnreadableBodies(req: FastifyRequest, _reply: FastifyReply, payload: RequestPayload, done: (err: Error | null, payload?: RequestPayload) => void): void {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return done(httpError(415, `unsupported content encoding "${encoding}"`));
  const contentType = req.headers['content-type'];
  const charset = contentType && /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1].toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') return done(httpError(415, `unsupported charset "${charset.toUpperCase()}"`));
  done(null, payload);
}

/**
 * Registers the plugins, body parsers and hooks on the app's Fastify instance (before `app.init()`).
 * Preflights (`OPTIONS`) are answered by @fastify/cors and not logged.
 */
export async function configureFhirServer(app: NestFastifyApplication, logger: JsonLogger): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await app.register(fastifyCors, {
    origin: '*',
    methods: CORS_METHODS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    strictPreflight: false,
  });
  fastify.removeAllContentTypeParsers();
  await app.register(fastifyFormbody, { bodyLimit: FORM_LIMIT_BYTES, parser: parseForm as never });
  addFhirBodyParsers(fastify);
  fastify.decorateRequest('fhirFormat', undefined);
  fastify.decorateRequest('user', undefined);
  fastify.decorateRequest('bearerAuthenticator', undefined);
  // One hook for the headers every answer carries: the request id and, as every answer may carry PHI, no caching and
  // no sniffing (public documents replace Cache-Control in their handler). Written into Fastify's header object:
  // a header set on the raw response instead makes node validate and copy every header again in writeHead.
  fastify.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id).header('cache-control', 'no-store').header('pragma', 'no-cache').header('x-content-type-options', 'nosniff');
    done();
  });
  // Only routes that take a body (Fastify reads none for GET and HEAD): a GET pays no preParsing hook.
  fastify.addHook('onRoute', (route) => {
    if ([route.method].flat().every((m) => m === 'GET' || m === 'HEAD')) return;
    route.preParsing = [route.preParsing ?? []].flat().concat(refuseUnreadableBodies);
  });
  // Log lines written while the request is served carry its id (the body, if any, has been read by now).
  fastify.addHook('preHandler', (req, _reply, done) => requestContext.run({ requestId: req.id }, done));
  // The access line is an `info` line (the logger's level is fixed): below that level no hook at all.
  if (logger.enabled('info')) fastify.addHook('onResponse', accessLogHook(logger));
}

/** The `onResponse` hook writing each answer's access line (not preflights). */
function accessLogHook(logger: JsonLogger): onResponseHookHandler {
  return (req, reply, done) => {
    if (req.method !== 'OPTIONS') {
      const q = req.url.indexOf('?');
      const started = performance.now() - reply.elapsedTime;
      requestContext.run({ requestId: req.id }, () => logAccess(logger, req.method, q < 0 ? req.url : req.url.slice(0, q), reply.statusCode, started));
    }
    done();
  };
}
