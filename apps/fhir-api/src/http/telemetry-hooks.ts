/**
 * Observability of the FHIR API's Fastify server (libs/observability's Telemetry): per request a latency record
 * labelled by FHIR interaction, resource type and status class (and a refusal reason for 4xx/429/503), a server
 * span when tracing (W3C `traceparent` continued; the route template and request id as attributes, never the URL),
 * and `GET /metrics` in the Prometheus text format behind the `METRICS_TOKEN` bearer secret (404 when unset).
 * Registered after configureFhirServer (fhir-server.ts): its preHandler opens the request's log context, in which
 * this module's preHandler puts the span, so the engine's statement and cache spans become its children.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MetricsSecret, requestContext, type RequestLabels, type RequestTrace, type Telemetry } from '#facade/observability';

/** Path of the Prometheus endpoint. */
export const METRICS_PATH = '/metrics';

declare module 'fastify' {
  interface FastifyRequest {
    telemetryTrace?: RequestTrace;
  }
}

const NO_TRACE: RequestTrace = { span: undefined };

/** The interaction of a route template (base prefix removed) and method. */
function interactionOf(method: string, route: string): string {
  const r = route.replace(/^\/(fhir|open)(?=\/|$)/i, '');
  if (r === '/metadata') return 'capabilities';
  if (r.startsWith('/.well-known/')) return 'discovery';
  if (r.includes('$')) return 'operation';
  const read = method === 'GET' || method === 'HEAD';
  switch (r) {
    case '/:type':
      return read ? 'search' : method === 'POST' ? 'create' : 'other';
    case '/:type/_search':
      return method === 'POST' ? 'search' : 'other';
    case '/:type/:id':
      return read ? 'read' : method === 'PUT' ? 'update' : 'other';
    case '/:type/:id/_history':
      return read ? 'history' : 'other';
    case '/:type/:id/_history/:vid':
      return read ? 'vread' : 'other';
    default:
      return 'other';
  }
}

/** Labels of a request from its route template and `type` parameter (a registered type, else `other`). */
export function requestLabelsOf(method: string, route: string | undefined, typeParam: string | undefined, resourceTypes: ReadonlySet<string>): RequestLabels {
  if (route === undefined) return { interaction: 'other', resourceType: '-' };
  const interaction = interactionOf(method, route);
  // `/fhir/DocumentReference/$docref`: the type is part of the template.
  const type = typeParam ?? route.split('/')[2];
  if (interaction === 'capabilities' || interaction === 'discovery') return { interaction, resourceType: '-' };
  return { interaction, resourceType: type !== undefined && resourceTypes.has(type) ? type : 'other' };
}

/** Labels of one route template, per method and `type` parameter (made once per combination). */
function routeLabels(route: string | undefined, resourceTypes: ReadonlySet<string>): (method: string, type: string | undefined) => RequestLabels {
  const byMethod = new Map<string, Map<string | undefined, RequestLabels>>();
  return (method, type) => {
    let byType = byMethod.get(method);
    if (!byType) byMethod.set(method, (byType = new Map()));
    let labels = byType.get(type);
    if (!labels) {
      labels = requestLabelsOf(method, route, type, resourceTypes);
      // Keys of unknown types (any case spelling) are bounded by not caching what maps to `other`.
      if (labels.resourceType !== 'other' || byType.size < 1000) byType.set(type, labels);
    }
    return labels;
  };
}

/**
 * Registers the telemetry hooks and the `/metrics` route on the FHIR API's Fastify instance, before any route is
 * added (routes get their latency record from `onRoute`) and before `ready`.
 */
export function instrumentFhirServer(fastify: FastifyInstance, telemetry: Telemetry, resourceTypes: ReadonlySet<string>): void {
  const skip = (req: FastifyRequest, route: string | undefined) => req.method === 'OPTIONS' || route === METRICS_PATH;
  const record = (req: FastifyRequest, reply: FastifyReply, labels: RequestLabels) => telemetry.endRequest(req.telemetryTrace ?? NO_TRACE, labels, reply.statusCode, reply.elapsedTime);

  fastify.decorateRequest('telemetryTrace', undefined);
  if (telemetry.tracing) {
    fastify.addHook('onRequest', (req, _reply, done) => {
      const route = req.routeOptions.url;
      if (!skip(req, route)) req.telemetryTrace = telemetry.startRequest(req.method, route ?? 'unmatched', req.headers, req.id, performance.now());
      done();
    });
    fastify.addHook('preHandler', (req, _reply, done) => {
      const store = requestContext.getStore();
      if (store && req.telemetryTrace?.span) store.span = req.telemetryTrace.span;
      done();
    });
  }
  // Each route records its requests with its template known when it is added: no `req.routeOptions` (a getter that
  // builds a new object on each access) and no label key built per request.
  fastify.addHook('onRoute', (route) => {
    if (route.url === METRICS_PATH || [route.method].flat().every((m) => m === 'OPTIONS')) return;
    const labelsOf = routeLabels(route.url, resourceTypes);
    const onResponse = (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
      if (req.method !== 'OPTIONS') record(req, reply, labelsOf(req.method, (req.params as { type?: string } | undefined)?.type));
      done();
    };
    route.onResponse = [route.onResponse ?? []].flat().concat(onResponse);
  });
  // Requests no route matched (the not-found handler's) are recorded here.
  const unmatched = routeLabels(undefined, resourceTypes);
  fastify.addHook('onResponse', (req, reply, done) => {
    if (req.is404 && req.method !== 'OPTIONS') record(req, reply, unmatched(req.method, undefined));
    done();
  });

  const secret = telemetry.metricsToken ? new MetricsSecret(telemetry.metricsToken) : undefined;
  fastify.get(METRICS_PATH, async (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    if (!secret) return reply.code(404).type('text/plain; charset=utf-8').send('Not Found\n');
    if (!secret.allows(req.headers.authorization)) {
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').type('text/plain; charset=utf-8').send('Unauthorized\n');
    }
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(await telemetry.prometheusText());
  });
  fastify.addHook('onClose', async () => telemetry.shutdown());
}
