/**
 * Observability of the FHIR API on the real app (SQLite legacy database): `/metrics` in the Prometheus text format
 * behind its bearer secret with the request, statement, cache, refusal and token series counted right; OTLP/HTTP
 * export of traces (a server span per request continuing the caller's `traceparent`, child spans for the legacy
 * statements and the cache) and metrics to an in-test collector; and no PHI (names, birth date, patient ids,
 * query values) in anything exported.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Telemetry, telemetryOptionsFromEnv } from '#facade/observability';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';
import { peanutAllergy } from './support/write-suite.js';

const METRICS_TOKEN = 'metrics-secret-0123456789abcdef';
const PHI = ['Secretname', 'Quentina', '1987-02-20', '555-0199'];

/** The value of one series line (`name{labels} value`), or undefined. */
function seriesValue(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const m = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const have = Object.fromEntries([...(m[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[2]);
  }
  return undefined;
}

describe('FHIR API observability: /metrics', () => {
  let t: FhirTestApp;
  let amy: number;
  let other: number;
  let token: string;
  let practiceId: number;
  const http = () => request(t.server as never);

  beforeAll(async () => {
    const telemetry = new Telemetry(telemetryOptionsFromEnv({ METRICS_TOKEN }, 'fhir-api'));
    t = await startFhirTestApp({ telemetry });
    const practice = await t.factory.practice();
    practiceId = practice;
    const elsewhere = await t.factory.practice();
    amy = await t.factory.patient(practice, { PAT_ID: 734911, LAST_NAME: 'Secretname', FIRST_NAME: 'Quentina', DOB: '1987-02-20', SEX: 'F' });
    other = await t.factory.patient(elsewhere, { PAT_ID: 734912, LAST_NAME: 'Otherone' });
    expect([amy, other]).toEqual([734911, 734912]); // ids that no counter or timestamp can match by chance
    token = await t.mint({ scope: 'user/*.rs', practice });
  });
  afterAll(async () => t?.close());

  it('refuses /metrics without the secret or with a wrong one', async () => {
    const none = await http().get('/metrics').expect(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(none.text).not.toContain('http_server');
    await http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`).expect(401);
    await http().get('/metrics').set('Authorization', `Basic ${Buffer.from(`x:${METRICS_TOKEN}`).toString('base64')}`).expect(401);
  });

  it('counts requests per interaction, type and status class; statements, cache, refusals and tokens', async () => {
    const get = (url: string) => http().get(url).set('Authorization', `Bearer ${token}`);
    for (let i = 0; i < 3; i++) await get(`/fhir/Patient/${amy}`).expect(200);
    await get('/fhir/Patient?name=Secretname&birthdate=1987-02-20').expect(200);
    await get('/fhir/Patient?family=Secretname').expect(200);
    await get(`/fhir/Patient/${other}`).expect(404);
    await get('/fhir/Nonsense/1').expect(404);
    // No route at all (the not-found handler): recorded without a template or type.
    await get('/nowhere/at/all').expect(404);
    await http().get(`/fhir/Patient/${amy}`).expect(401);
    await http().get(`/fhir/Patient/${amy}`).set('Authorization', 'Bearer not.a.token').expect(401);
    await get('/fhir/metadata').expect(200);
    const writer = await t.mint({ scope: 'user/AllergyIntolerance.cruds', practice: practiceId, sub: 'user:1' });
    await http().post('/fhir/AllergyIntolerance').set('Authorization', `Bearer ${writer}`).set('Content-Type', 'application/fhir+json').send(peanutAllergy(amy)).expect(201);

    const res = await http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = res.text;
    const requests = (labels: Record<string, string>) => seriesValue(text, 'http_server_request_duration_count', labels);
    expect(requests({ fhir_interaction: 'read', fhir_resource_type: 'Patient', http_status_class: '2xx' })).toBe(3);
    expect(requests({ fhir_interaction: 'search', fhir_resource_type: 'Patient', http_status_class: '2xx' })).toBe(2);
    expect(requests({ fhir_interaction: 'read', fhir_resource_type: 'Patient', http_status_class: '4xx' })).toBe(3);
    expect(requests({ fhir_interaction: 'read', fhir_resource_type: 'other', http_status_class: '4xx' })).toBe(1);
    expect(requests({ fhir_interaction: 'capabilities', fhir_resource_type: '-', http_status_class: '2xx' })).toBe(1);
    expect(requests({ fhir_interaction: 'other', fhir_resource_type: '-', http_status_class: '4xx' })).toBe(1);
    expect(requests({ fhir_interaction: 'create', fhir_resource_type: 'AllergyIntolerance', http_status_class: '2xx' })).toBe(1);
    expect(text).toMatch(/^# TYPE http_server_request_duration histogram$/m);
    expect(text).toMatch(/^# UNIT http_server_request_duration s$/m);
    expect(seriesValue(text, 'http_server_request_duration_bucket', { fhir_interaction: 'read', fhir_resource_type: 'Patient', http_status_class: '2xx', le: '+Inf' })).toBe(3);

    expect(seriesValue(text, 'http_server_rejected_requests_total', { reason: 'not_found' })).toBe(3);
    expect(seriesValue(text, 'http_server_rejected_requests_total', { reason: 'unauthenticated' })).toBe(2);
    expect(seriesValue(text, 'auth_token_verifications_total', { outcome: 'missing' })).toBe(1);
    expect(seriesValue(text, 'auth_token_verifications_total', { outcome: 'malformed' })).toBe(1);
    // The first request verifies the signature; the others are answered from the verifier's cache.
    expect(seriesValue(text, 'auth_token_verifications_total', { outcome: 'valid' })).toBe(2);
    expect(seriesValue(text, 'auth_token_verifications_total', { outcome: 'valid_cached' })).toBe(6);

    // Reads: the first one misses (nothing cached: loaded in full), the next two are served from the cache.
    expect(seriesValue(text, 'resource_cache_lookups_total', { result: 'hit' })).toBeGreaterThanOrEqual(2);
    expect(seriesValue(text, 'resource_cache_lookups_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);
    expect(seriesValue(text, 'legacy_db_statement_duration_count', { db_system_name: 'sqlite', db_operation_name: 'versions' })).toBeGreaterThanOrEqual(2);
    expect(seriesValue(text, 'legacy_db_statement_duration_count', { db_system_name: 'sqlite', db_operation_name: 'rows' })).toBeGreaterThanOrEqual(1);
    expect(seriesValue(text, 'legacy_db_statement_duration_count', { db_system_name: 'sqlite', db_operation_name: 'write_insert' })).toBeGreaterThanOrEqual(1);

    for (const phi of PHI) expect(text).not.toContain(phi);
    expect(text).not.toMatch(new RegExp(`="(${amy}|${other})"`));
    expect(text).not.toContain('Nonsense');
  });
});

describe.each<'sqlite' | 'postgres'>(['sqlite', 'postgres'])('FHIR API observability: OTLP export (%s)', (engine) => {
  let t: FhirTestApp;
  let collector: Server;
  let amy: number;
  const received: { path: string; contentType: string; body: string }[] = [];
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const parentId = '00f067aa0ba902b7';

  beforeAll(async () => {
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', contentType: String(req.headers['content-type']), body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const telemetry = new Telemetry(telemetryOptionsFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'fhir-api-test' }, 'fhir-api'));
    t = await startFhirTestApp({ telemetry, engine });
    const practice = await t.factory.practice();
    // An id no counter or timestamp matches by chance (PostgreSQL: the key comes from the column's sequence).
    if (engine === 'postgres') await t.ds.query(`SELECT setval(pg_get_serial_sequence('"PATIENT"', 'PAT_ID'), 734910)`);
    amy = await t.factory.patient(practice, { ...(engine === 'sqlite' ? { PAT_ID: 734911 } : {}), LAST_NAME: 'Secretname', FIRST_NAME: 'Quentina', DOB: '1987-02-20', SEX: 'F' });
    expect(amy).toBe(734911);
    const token = await t.mint({ scope: 'user/*.rs', practice });
    const http = () => request(t.server as never);
    await http().get(`/fhir/Patient/${amy}`).set('Authorization', `Bearer ${token}`).set('traceparent', `00-${traceId}-${parentId}-01`).set('X-Request-Id', 'rid-otel-1').expect(200);
    await http().get(`/fhir/Patient/${amy}`).set('Authorization', `Bearer ${token}`).set('X-Request-Id', 'rid-otel-2').expect(200);
    await http().get('/fhir/Patient?name=Secretname&birthdate=1987-02-20').set('Authorization', `Bearer ${token}`).set('X-Request-Id', 'rid-otel-3').expect(200);
    // Without METRICS_TOKEN the endpoint does not exist.
    await http().get('/metrics').expect(404);
    await t.close(); // flushes and shuts the exporters down
  });
  afterAll(async () => new Promise<void>((resolve) => collector.close(() => resolve())));

  type OtlpSpan = { traceId: string; spanId: string; parentSpanId?: string; name: string; attributes: { key: string; value: Record<string, unknown> }[] };
  const spans = (): OtlpSpan[] =>
    received.filter((r) => r.path === '/v1/traces').flatMap((r) =>
      (JSON.parse(r.body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((s) => s.spans)));
  const attr = (s: OtlpSpan, key: string) => {
    const v = s.attributes.find((a) => a.key === key)?.value;
    return v && (v.stringValue ?? v.intValue ?? v.boolValue);
  };

  it('sends a server span per request continuing traceparent, with statement and cache child spans', () => {
    expect(received.some((r) => r.path === '/v1/traces' && r.contentType.startsWith('application/json'))).toBe(true);
    const all = spans();
    const server = all.filter((s) => s.name === 'GET /fhir/:type/:id' || s.name === 'GET /fhir/:type');
    expect(server.map((s) => attr(s, 'fhir.request_id')).sort()).toEqual(['rid-otel-1', 'rid-otel-2', 'rid-otel-3']);
    const first = server.find((s) => attr(s, 'fhir.request_id') === 'rid-otel-1')!;
    expect(first.traceId).toBe(traceId);
    expect(first.parentSpanId).toBe(parentId);
    expect(attr(first, 'http.route')).toBe('/fhir/:type/:id');
    expect(attr(first, 'fhir.interaction')).toBe('read');
    expect(attr(first, 'fhir.resource_type')).toBe('Patient');
    expect(Number(attr(first, 'http.response.status_code'))).toBe(200);
    // A new trace for a request without traceparent.
    const second = server.find((s) => attr(s, 'fhir.request_id') === 'rid-otel-2')!;
    expect(second.traceId).not.toBe(traceId);
    const childrenOf = (s: OtlpSpan) => all.filter((c) => c.parentSpanId === s.spanId && c.traceId === s.traceId).map((c) => c.name);
    expect(childrenOf(first)).toContain('legacy rows');
    expect(childrenOf(second)).toEqual(expect.arrayContaining(['legacy versions', 'resource-cache lookup']));
    const lookup = all.find((c) => c.parentSpanId === second.spanId && c.name === 'resource-cache lookup')!;
    expect(Number(attr(lookup, 'cache.hits'))).toBe(1);
  });

  it('pushes metrics over OTLP', () => {
    const metrics = received.filter((r) => r.path === '/v1/metrics').map((r) => r.body).join('\n');
    expect(metrics).toContain('http.server.request.duration');
    expect(metrics).toContain('legacy.db.statement.duration');
    expect(metrics).toContain(engine === 'sqlite' ? '"sqlite"' : '"postgresql"');
    expect(metrics).toContain('fhir-api-test');
  });

  it('exports no PHI: no names, birth date, patient id, URL or query value', () => {
    const everything = received.map((r) => r.body).join('\n');
    for (const phi of PHI) expect(everything).not.toContain(phi);
    expect(everything).not.toContain(`Patient/${amy}`);
    expect(everything).not.toMatch(new RegExp(`"(stringValue|intValue)":"?${amy}"?[,}]`));
    expect(everything).not.toContain('birthdate');
  });
});
