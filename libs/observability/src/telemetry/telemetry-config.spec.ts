import { describe, expect, it } from '@jest/globals';
import { rejectionReason, statusClass } from './http-labels.js';
import { MetricsSecret } from './metrics-auth.js';
import { TelemetryConfigError, telemetryOptionsFromEnv } from './telemetry-config.js';

describe('telemetry options from the environment', () => {
  it('exports nothing over OTLP by default, and serves no /metrics without a token', () => {
    const o = telemetryOptionsFromEnv({}, 'fhir-api');
    expect(o).toMatchObject({ serviceName: 'fhir-api', disabled: false, tracesUrl: undefined, metricsUrl: undefined, metricsToken: undefined, traceSampleRatio: 1, metricExportIntervalMs: 60_000 });
  });

  it('derives the signal URLs from OTEL_EXPORTER_OTLP_ENDPOINT; a signal endpoint or exporter "none" wins', () => {
    expect(telemetryOptionsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }, 'x')).toMatchObject({
      tracesUrl: 'http://collector:4318/v1/traces', metricsUrl: 'http://collector:4318/v1/metrics',
    });
    expect(telemetryOptionsFromEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://tempo:4318/v1/traces', OTEL_METRICS_EXPORTER: 'none',
    }, 'x')).toMatchObject({ tracesUrl: 'http://tempo:4318/v1/traces', metricsUrl: undefined });
  });

  it('reads the service name, headers, sampling ratio, interval and the SDK switch', () => {
    const o = telemetryOptionsFromEnv({
      OTEL_SERVICE_NAME: 'clinic-a-fhir', OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc,x-tenant=a', OTEL_TRACES_SAMPLER_ARG: '0.05', OTEL_METRIC_EXPORT_INTERVAL: '15000', OTEL_SDK_DISABLED: 'TRUE',
    }, 'fhir-api');
    expect(o).toMatchObject({ serviceName: 'clinic-a-fhir', otlpHeaders: { authorization: 'Bearer abc', 'x-tenant': 'a' }, traceSampleRatio: 0.05, metricExportIntervalMs: 15_000, disabled: true });
  });

  it('refuses a short METRICS_TOKEN and bad numbers', () => {
    expect(() => telemetryOptionsFromEnv({ METRICS_TOKEN: 'short' }, 'x')).toThrow(TelemetryConfigError);
    expect(() => telemetryOptionsFromEnv({ OTEL_TRACES_SAMPLER_ARG: '2' }, 'x')).toThrow(TelemetryConfigError);
    expect(() => telemetryOptionsFromEnv({ OTEL_METRIC_EXPORT_INTERVAL: 'soon' }, 'x')).toThrow(TelemetryConfigError);
  });
});

describe('metrics secret', () => {
  const secret = new MetricsSecret('0123456789abcdef-secret');
  it('allows exactly the bearer secret', () => {
    expect(secret.allows('Bearer 0123456789abcdef-secret')).toBe(true);
    expect(secret.allows('bearer 0123456789abcdef-secret')).toBe(true);
    expect(secret.allows('Bearer 0123456789abcdef-secreT')).toBe(false);
    expect(secret.allows('Bearer 0123456789abcdef-secret extra')).toBe(false);
    expect(secret.allows('Basic MDEyMzQ1Njc4OWFiY2RlZi1zZWNyZXQ=')).toBe(false);
    expect(secret.allows(undefined)).toBe(false);
  });
});

describe('HTTP labels', () => {
  it('classes statuses and names refusals from a closed set', () => {
    expect([200, 304, 404, 503, 42].map(statusClass)).toEqual(['2xx', '3xx', '4xx', '5xx', 'other']);
    expect([400, 401, 403, 404, 405, 406, 412, 413, 415, 422, 429, 503, 409, 500, 200].map(rejectionReason)).toEqual([
      'invalid', 'unauthenticated', 'forbidden', 'not_found', 'method_not_allowed', 'not_acceptable', 'precondition_failed', 'too_large',
      'unsupported_media_type', 'invalid', 'rate_limited', 'unavailable', 'other_4xx', undefined, undefined,
    ]);
  });
});
