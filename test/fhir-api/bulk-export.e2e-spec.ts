/**
 * Bulk Data `$export` on the embedded path (no Redis: the processor runs in the API process, job state in the
 * facade store): system, Patient and Group exports, `_type`, `_typeFilter`, `_since`, `_elements`, POST `patient`,
 * kick-off errors, cancel, token binding of files, and the exported resources equal to what search returns, every
 * line valid US Core 6.1.0.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { seedClinic, type Clinic } from './support/clinic.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';
import { BulkClient, byType, pathOf, usCoreProblems } from './support/bulk-export-client.js';

type R = Record<string, any>;
const idsOf = (rs: R[], type: string) => rs.filter((r) => r.resourceType === type).map((r) => r.id).sort();

describe('bulk $export (embedded runner)', () => {
  let t: FhirTestApp;
  let c: Clinic;
  let a: BulkClient;
  let tokenA: string;

  beforeAll(async () => {
    t = await startFhirTestApp({ env: { BULK_EXPORT_CHUNK_KEYS: '2', BULK_EXPORT_BATCH: '2', BULK_EXPORT_PER_CLIENT: '5' } });
    c = await seedClinic(t.factory);
    tokenA = await t.mint({ scope: 'system/*.rs', practice: c.practiceA, client_id: 'exporter-a' });
    a = new BulkClient(t.server, tokenA);
  });
  afterAll(async () => t?.close());

  it('exports a whole practice (system level): the manifest, valid US Core lines, and exactly what search returns', async () => {
    const status = await a.kickOff('/fhir/$export');
    const manifest = await a.poll(status);
    expect(manifest).toMatchObject({ request: 'http://fhir.test/fhir/$export', requiresAccessToken: true, error: [] });
    expect(Date.parse(manifest.transactionTime)).toBeGreaterThan(Date.now() - 60_000);
    const exported = await a.download(manifest);
    expect(idsOf(exported, 'Patient')).toEqual([String(c.amy), String(c.bob)].sort());
    expect(exported.some((r) => JSON.stringify(r).includes(`Patient/${c.cara}"`))).toBe(false);
    expect(usCoreProblems(exported)).toEqual([]);
    const types = byType(exported);
    for (const type of ['Patient', 'Observation', 'Condition', 'Encounter', 'AllergyIntolerance', 'Practitioner', 'Organization', 'Provenance']) expect({ type, n: (types.get(type) ?? []).length > 0 }).toEqual({ type, n: true });
    // Every exported type equals its search (same mapping path), resource by resource.
    for (const [type, list] of types) {
      if (type === 'Provenance') continue;
      const searched = byType(await a.searchAll(type)).get(type) ?? [];
      expect({ type, resources: list }).toEqual({ type, resources: searched });
    }
    // One Provenance per exported resource whose row has audit columns, each targeting an exported resource.
    const keys = new Set(exported.map((r) => `${r.resourceType}/${r.id}`));
    for (const p of types.get('Provenance') ?? []) expect(keys.has(p.target[0].reference)).toBe(true);
    // Chunks: several files per type (2 keys per chunk), each listed with its count.
    expect(manifest.output.filter((o) => o.type === 'Observation').length).toBeGreaterThan(1);
  });

  it('narrows by _type and _typeFilter through the search engine (Patient level)', async () => {
    const filter = encodeURIComponent('Observation?category=laboratory');
    const manifest = await a.poll(await a.kickOff(`/fhir/Patient/$export?_type=Patient,Observation&_typeFilter=${filter}&_outputFormat=ndjson`));
    const exported = await a.download(manifest);
    expect([...byType(exported).keys()].sort()).toEqual(['Observation', 'Patient']);
    const labs = byType(await a.searchAll('Observation', 'category=laboratory')).get('Observation') ?? [];
    expect(byType(exported).get('Observation')).toEqual(labs);
    expect(idsOf(exported, 'Observation')).toEqual([`lab-${c.amyLab}`, `lab-${c.amyLab2}`].sort());
  });

  it('exports a Group: a PCP panel, and refuses another practice\'s panel (404)', async () => {
    const manifest = await a.poll(await a.kickOff(`/fhir/Group/pcp-${c.provider}/$export?_type=Patient,Condition`));
    const exported = await a.download(manifest);
    expect(idsOf(exported, 'Patient')).toEqual([String(c.amy)]);
    expect(exported.filter((r) => r.resourceType === 'Condition').every((r) => r.subject.reference === `Patient/${c.amy}`)).toBe(true);
    const practice = await a.poll(await a.kickOff(`/fhir/Group/practice-${c.practiceA}/$export?_type=Patient`));
    expect(idsOf(await a.download(practice), 'Patient')).toEqual([String(c.amy), String(c.bob)].sort());
    const other = await a.get(`/fhir/Group/practice-${c.practiceB}/$export`).set('Prefer', 'respond-async');
    expect(other.status).toBe(404);
    expect(other.body.resourceType).toBe('OperationOutcome');
  });

  it('applies _since to rows stamped with UPDATED_AT and _elements with the SUBSETTED tag', async () => {
    const future = await a.poll(await a.kickOff(`/fhir/$export?_type=Patient,Observation&_since=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`));
    expect(future.output).toEqual([]);
    const past = await a.poll(await a.kickOff('/fhir/$export?_type=Patient&_since=2000-01-01T00:00:00Z&_elements=Patient.birthDate,gender'));
    const patients = await a.download(past);
    expect(patients.length).toBe(2);
    for (const p of patients) {
      // Modifier elements (`active`) stay, as with search `_elements` (libs/fhir shapeResource).
      expect(Object.keys(p).sort()).toEqual(['active', 'birthDate', 'gender', 'id', 'meta', 'resourceType']);
      expect(p.meta.tag).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'SUBSETTED' })]));
    }
  });

  it('takes POST Parameters with patient references, and refuses patients out of reach', async () => {
    const post = (patients: number[]) =>
      request(t.server as never).post('/fhir/Patient/$export').set('Authorization', `Bearer ${tokenA}`).set('Prefer', 'respond-async').set('Content-Type', 'application/fhir+json')
        .send(JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: '_type', valueString: 'Patient,AllergyIntolerance' }, ...patients.map((p) => ({ name: 'patient', valueReference: { reference: `Patient/${p}` } }))] }));
    const res = await post([c.bob]).expect(202);
    const manifest = await a.poll(pathOf(res.headers['content-location']));
    expect(manifest.request).toBe('http://fhir.test/fhir/Patient/$export');
    const exported = await a.download(manifest);
    expect(idsOf(exported, 'Patient')).toEqual([String(c.bob)]);
    expect(exported.filter((r) => r.resourceType === 'AllergyIntolerance').map((r) => r.patient.reference)).toEqual([`Patient/${c.bob}`]);
    const outside = await post([c.cara]);
    expect(outside.status).toBe(400);
    expect(outside.body.issue[0].diagnostics).toMatch(/not a patient this export can reach/);
  });

  it('answers kick-off errors with OperationOutcomes (strict), and accepts them with handling=lenient', async () => {
    const kick = (url: string, prefer = 'respond-async', token: string | null = tokenA) => {
      const r = request(t.server as never).get(url).set('Prefer', prefer);
      return token ? r.set('Authorization', `Bearer ${token}`) : r;
    };
    for (const [url, prefer, code] of [
      ['/fhir/$export', '', 400],
      ['/fhir/$export?_outputFormat=text/csv', 'respond-async', 400],
      ['/fhir/$export?foo=bar', 'respond-async', 400],
      ['/fhir/$export?_type=Nothing', 'respond-async', 400],
      ['/fhir/$export?_since=yesterday', 'respond-async', 400],
      ['/fhir/$export?includeAssociatedData=_custom', 'respond-async', 400],
      [`/fhir/$export?_typeFilter=${encodeURIComponent('Observation?_sort=date')}`, 'respond-async', 400],
      [`/fhir/Patient/$export?patient=Patient/${c.amy}`, 'respond-async', 400],
    ] as const) {
      const res = await kick(url, prefer);
      expect({ url, status: res.status, type: res.body.resourceType }).toEqual({ url, status: code, type: 'OperationOutcome' });
    }
    expect((await kick('/fhir/$export', 'respond-async', null)).status).toBe(401);
    const patientToken = await t.mint({ scope: 'patient/*.rs', patient: String(c.amy), practice: c.practiceA });
    expect((await kick('/fhir/$export', 'respond-async', patientToken)).status).toBe(403);
    const obsOnly = await t.mint({ scope: 'system/Observation.rs', practice: c.practiceA, client_id: 'obs-only' });
    expect((await kick('/fhir/$export?_type=Patient', 'respond-async', obsOnly)).status).toBe(403);
    for (const format of ['application/fhir+ndjson', 'application/ndjson', 'ndjson']) {
      await a.poll(await a.kickOff(`/fhir/$export?_type=Patient&_outputFormat=${encodeURIComponent(format)}`));
    }
    const lenient = await a.poll(await a.kickOff('/fhir/$export?_type=Patient&foo=bar', { Prefer: 'respond-async, handling=lenient' }));
    expect(lenient.error.length).toBe(1);
    const errors = await a.get(pathOf(lenient.error[0].url)).buffer(true).parse((r, cb) => {
      let s = '';
      r.on('data', (d: Buffer) => (s += d));
      r.on('end', () => cb(null, s));
    });
    expect(JSON.parse(String(errors.body).trim())).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ expression: ['foo'] }] });
  });

  it('binds status and files to the client that started the export; DELETE cancels, then 404', async () => {
    const status = await a.kickOff('/fhir/$export?_type=Patient');
    const manifest = await a.poll(status);
    const file = pathOf(manifest.output[0].url);
    expect((await request(t.server as never).get(file)).status).toBe(401);
    const other = new BulkClient(t.server, await t.mint({ scope: 'system/*.rs', practice: c.practiceA, client_id: 'exporter-b' }));
    expect((await other.get(file)).status).toBe(403);
    expect((await other.get(status)).status).toBe(403);
    expect((await other.get(file.replace(/[^/]+$/, '..%2Ffacade.sqlite'))).status).toBe(403);
    expect((await a.get(file.replace(/[^/]+$/, '..%2F..%2Ffacade.sqlite'))).status).toBe(404);
    const del = await request(t.server as never).delete(status).set('Authorization', `Bearer ${tokenA}`);
    expect(del.status).toBe(202);
    const after = await a.get(status);
    expect(after.status).toBe(404);
    expect(after.body.resourceType).toBe('OperationOutcome');
    expect((await a.get(file)).status).toBe(404);
  });
});

describe('bulk $export over a PostgreSQL EHR (embedded runner)', () => {
  let t: FhirTestApp;
  let c: Clinic;
  let a: BulkClient;

  beforeAll(async () => {
    t = await startFhirTestApp({ engine: 'postgres', env: { BULK_EXPORT_CHUNK_KEYS: '3', BULK_EXPORT_BATCH: '2' } });
    c = await seedClinic(t.factory);
    a = new BulkClient(t.server, await t.mint({ scope: 'system/*.rs', practice: c.practiceA, client_id: 'pg-exporter' }));
  });
  afterAll(async () => t?.close());

  it('exports a practice and a PCP panel: valid US Core, equal to search', async () => {
    const exported = await a.download(await a.poll(await a.kickOff('/fhir/$export')));
    expect(idsOf(exported, 'Patient')).toEqual([String(c.amy), String(c.bob)].sort());
    expect(usCoreProblems(exported)).toEqual([]);
    for (const [type, list] of byType(exported)) {
      if (type !== 'Provenance') expect({ type, list }).toEqual({ type, list: byType(await a.searchAll(type)).get(type) ?? [] });
    }
    const panel = await a.download(await a.poll(await a.kickOff(`/fhir/Group/pcp-${c.provider}/$export?_type=Patient,Observation&_since=2000-01-01T00:00:00Z`)));
    expect(idsOf(panel, 'Patient')).toEqual([String(c.amy)]);
    expect(panel.filter((r) => r.resourceType === 'Observation').every((r) => r.subject.reference === `Patient/${c.amy}`)).toBe(true);
  });
});
