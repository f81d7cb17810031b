import { describe, expect, it } from '@jest/globals';
import { Telemetry } from './telemetry.js';
import { telemetryOptionsFromEnv } from './telemetry-config.js';

const line = (text: string, prefix: string) => text.split('\n').find((l) => l.startsWith(prefix));

describe('Telemetry metrics (Prometheus text)', () => {
  it('keeps cumulative histograms with inclusive upper bounds, per label combination', async () => {
    const t = new Telemetry(telemetryOptionsFromEnv({}, 'svc'));
    const read = { interaction: 'read', resourceType: 'Patient' };
    t.endRequest({ span: undefined }, read, 200, 0.5); // 0.0005 s: on the first bound
    t.endRequest({ span: undefined }, read, 200, 0.6);
    t.endRequest({ span: undefined }, read, 201, 20_000);
    t.endRequest({ span: undefined }, read, 404, 1);
    const text = await t.prometheusText();
    const ok = 'fhir_interaction="read",fhir_resource_type="Patient",http_status_class="2xx"';
    expect(line(text, `http_server_request_duration_bucket{${ok},le="0.0005"}`)).toMatch(/ 1$/);
    expect(line(text, `http_server_request_duration_bucket{${ok},le="0.001"}`)).toMatch(/ 2$/);
    expect(line(text, `http_server_request_duration_bucket{${ok},le="10"}`)).toMatch(/ 2$/);
    expect(line(text, `http_server_request_duration_bucket{${ok},le="+Inf"}`)).toMatch(/ 3$/);
    expect(Number(line(text, `http_server_request_duration_sum{${ok}}`)!.split(' ')[1])).toBeCloseTo(20.0011, 6);
    expect(line(text, 'http_server_request_duration_count{fhir_interaction="read",fhir_resource_type="Patient",http_status_class="4xx"}')).toMatch(/ 1$/);
    expect(line(text, 'http_server_rejected_requests_total{reason="not_found"}')).toMatch(/ 1$/);
    await t.shutdown();
  });

  it('counts statements per kind (one series per database system and kind), cache results and token outcomes', async () => {
    const t = new Telemetry(telemetryOptionsFromEnv({}, 'svc'));
    const a = t.engineObserver('postgresql');
    const b = t.engineObserver('postgresql');
    a.statement('versions', performance.now());
    b.statement('versions', performance.now());
    a.statement('rows', performance.now());
    a.cacheLookup(3, 1, 0);
    t.tokenChecked('expired');
    const text = await t.prometheusText();
    expect(text.split('\n').filter((l) => l.startsWith('legacy_db_statement_duration_count{db_system_name="postgresql",db_operation_name="versions"}'))).toEqual([
      expect.stringMatching(/ 2$/),
    ]);
    expect(line(text, 'legacy_db_statement_duration_count{db_system_name="postgresql",db_operation_name="rows"}')).toMatch(/ 1$/);
    expect(line(text, 'resource_cache_lookups_total{result="hit"}')).toMatch(/ 3$/);
    expect(line(text, 'resource_cache_lookups_total{result="miss"}')).toMatch(/ 1$/);
    expect(line(text, 'auth_token_verifications_total{outcome="expired"}')).toMatch(/ 1$/);
    expect(text).not.toContain('outcome="valid"');
    await t.shutdown();
  });

  it('reports the audit writer: batch commit time, events, requests and batches by outcome', async () => {
    const t = new Telemetry(telemetryOptionsFromEnv({}, 'svc'));
    const w = t.auditWriter();
    expect(t.auditWriter()).toBe(w);
    w.batch(16, 12, performance.now() - 2, true);
    w.batch(4, 4, performance.now(), true);
    const text = await t.prometheusText();
    expect(line(text, 'audit_write_duration_count{outcome="ok"}')).toMatch(/ 2$/);
    expect(Number(line(text, 'audit_write_duration_sum{outcome="ok"}')!.split(' ')[1])).toBeGreaterThanOrEqual(0.002);
    expect(line(text, 'audit_events_total{outcome="ok"}')).toMatch(/ 20$/);
    expect(line(text, 'audit_requests_total{outcome="ok"}')).toMatch(/ 16$/);
    expect(line(text, 'audit_batches_total{outcome="ok"}')).toMatch(/ 2$/);
    expect(text).not.toContain('outcome="failed"');
    w.batch(3, 2, performance.now(), false);
    expect(line(await t.prometheusText(), 'audit_batches_total{outcome="failed"}')).toMatch(/ 1$/);
    await t.shutdown();
  });

  it('records and serves nothing when the SDK is disabled', async () => {
    const t = new Telemetry(telemetryOptionsFromEnv({ OTEL_SDK_DISABLED: 'true', METRICS_TOKEN: '0123456789abcdef0' }, 'svc'));
    t.endRequest({ span: undefined }, { interaction: 'read', resourceType: 'Patient' }, 200, 1);
    expect(t.metricsToken).toBeUndefined();
    expect(t.tracing).toBe(false);
    expect(await t.prometheusText()).toBe('');
  });
});
