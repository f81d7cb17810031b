/**
 * Telemetry of an Express app (the authorization server): one latency record per request labelled by endpoint
 * group (the first path segment when it is one of the app's known groups, else `other`; never a path value) and
 * status class, refusals by reason, and `GET /metrics` behind the same `METRICS_TOKEN` bearer secret as the FHIR
 * API (404 when unset). No spans: the auth app's requests are not traced.
 */
import { MetricsSecret } from './metrics-auth.js';
import type { RequestLabels, Telemetry } from './telemetry.js';

interface Req {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}
interface Res {
  statusCode: number;
  on(event: 'finish', f: () => void): void;
  setHeader(name: string, value: string): void;
  end(body: string): void;
}

/**
 * Middleware: serves `/metrics`, records every other request.
 * @param groups first path segments that name an endpoint group (`token`, `jwks` ...) with their label
 */
export function expressTelemetry(telemetry: Telemetry, groups: Readonly<Record<string, string>>) {
  const secret = telemetry.metricsToken ? new MetricsSecret(telemetry.metricsToken) : undefined;
  const labels = new Map<string, RequestLabels>();
  const labelsOf = (path: string): RequestLabels => {
    const seg = path.split('/')[1] ?? '';
    const group = Object.hasOwn(groups, seg) ? groups[seg] : 'other';
    let l = labels.get(group);
    if (!l) labels.set(group, (l = { interaction: group, resourceType: '-' }));
    return l;
  };
  const send = (res: Res, status: number, type: string, body: string, headers: Record<string, string> = {}) => {
    res.statusCode = status;
    res.setHeader('content-type', type);
    res.setHeader('cache-control', 'no-store');
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.end(body);
  };
  return (req: Req, res: Res, next: (err?: unknown) => void): void => {
    if (req.path === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
      if (!secret) return send(res, 404, 'text/plain; charset=utf-8', 'Not Found\n');
      const auth = req.headers.authorization;
      if (!secret.allows(Array.isArray(auth) ? auth[0] : auth)) return send(res, 401, 'text/plain; charset=utf-8', 'Unauthorized\n', { 'www-authenticate': 'Bearer realm="metrics"' });
      telemetry.prometheusText().then((text) => send(res, 200, 'text/plain; version=0.0.4; charset=utf-8', text), next);
      return;
    }
    const started = performance.now();
    const path = req.path;
    res.on('finish', () => telemetry.endRequest({ span: undefined }, labelsOf(path), res.statusCode, performance.now() - started));
    next();
  };
}
