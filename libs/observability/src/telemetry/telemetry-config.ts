/**
 * Telemetry settings from the environment: the OpenTelemetry SDK's standard variables (`OTEL_*`) and the secret
 * of the Prometheus `/metrics` endpoint (`METRICS_TOKEN`). Read once at start-up; tests pass their own record.
 */

/** What a {@link Telemetry} exports, and where. */
export interface TelemetryOptions {
  /** `service.name` of the resource (`OTEL_SERVICE_NAME`, else the app's name). */
  serviceName: string;
  /** Nothing is recorded or exported (`OTEL_SDK_DISABLED=true`): every hook is a no-op. */
  disabled: boolean;
  /** OTLP/HTTP (JSON) URL of traces, when traces are exported; without it no span is ever made. */
  tracesUrl?: string;
  /** OTLP/HTTP (JSON) URL of metrics, when metrics are pushed (they are always served on `/metrics`). */
  metricsUrl?: string;
  /** Headers of OTLP requests (`OTEL_EXPORTER_OTLP_HEADERS`, `k=v,k2=v2`). */
  otlpHeaders: Record<string, string>;
  /** Interval of OTLP metric pushes (`OTEL_METRIC_EXPORT_INTERVAL`, ms; default 60000). */
  metricExportIntervalMs: number;
  /** Share of new traces sampled (`OTEL_TRACES_SAMPLER_ARG`, 0..1, default 1); a sampled parent is always followed. */
  traceSampleRatio: number;
  /** Bearer secret of `GET /metrics` (`METRICS_TOKEN`, at least 16 characters); unset: the endpoint answers 404. */
  metricsToken?: string;
}

export class TelemetryConfigError extends Error {}

const MIN_TOKEN_LENGTH = 16;

/** `<base>/v1/<signal>` from the general endpoint, or the signal's own endpoint as given (OTLP exporter spec). */
function signalUrl(env: Record<string, string | undefined>, signal: 'traces' | 'metrics'): string | undefined {
  const upper = signal.toUpperCase();
  if ((env[`OTEL_${upper}_EXPORTER`] ?? 'otlp').trim().toLowerCase() === 'none') return undefined;
  const own = env[`OTEL_EXPORTER_OTLP_${upper}_ENDPOINT`]?.trim();
  if (own) return own;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return base ? `${base.replace(/\/+$/, '')}/v1/${signal}` : undefined;
}

function headersOf(value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const i = pair.indexOf('=');
    if (i > 0) out[decodeURIComponent(pair.slice(0, i).trim())] = decodeURIComponent(pair.slice(i + 1).trim());
  }
  return out;
}

/**
 * The options from environment variables.
 * @throws TelemetryConfigError when `METRICS_TOKEN` is too short or a number is not one
 */
export function telemetryOptionsFromEnv(env: Record<string, string | undefined>, defaultServiceName: string): TelemetryOptions {
  const token = env.METRICS_TOKEN?.trim() || undefined;
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) throw new TelemetryConfigError(`METRICS_TOKEN must have at least ${MIN_TOKEN_LENGTH} characters`);
  const interval = Number(env.OTEL_METRIC_EXPORT_INTERVAL ?? 60_000);
  if (!Number.isFinite(interval) || interval < 1000) throw new TelemetryConfigError('OTEL_METRIC_EXPORT_INTERVAL must be a number of milliseconds, at least 1000');
  const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG ?? 1);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) throw new TelemetryConfigError('OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1');
  return {
    serviceName: env.OTEL_SERVICE_NAME?.trim() || defaultServiceName,
    disabled: env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true',
    tracesUrl: signalUrl(env, 'traces'),
    metricsUrl: signalUrl(env, 'metrics'),
    otlpHeaders: headersOf(env.OTEL_EXPORTER_OTLP_HEADERS),
    metricExportIntervalMs: interval,
    traceSampleRatio: ratio,
    metricsToken: token,
  };
}
