import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ResourceRegistry } from '../../apps/fhir-api/src/engine/registry/resource-registry.js';
import { resourceDefinitions } from '../../apps/fhir-api/src/resources/index.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

describe('FHIR API read and search (SQLite)', () => {
  let t: FhirTestApp;
  let token: string;
  let practice: number;
  let amy: number;
  let bob: number;
  let vitalsId: number;

  beforeAll(async () => {
    t = await startFhirTestApp();
    practice = await t.factory.practice();
    amy = await t.factory.patient(practice, { LAST_NAME: 'Shaw', FIRST_NAME: 'Amy', DOB: '1987-02-20', SEX: 'F' });
    bob = await t.factory.patient(practice, { LAST_NAME: 'Baker', FIRST_NAME: 'Bob', DOB: '1960-11-02', SEX: 'M', SSN: '123-45-6789' });
    await t.factory.race(amy, '2106-3');
    vitalsId = await t.factory.vitals(amy);
    token = await t.mint({ scope: 'user/*.rs', practice });
  });
  afterAll(async () => t?.close());

  const get = (url: string, tok = token) => request(t.server as never).get(url).set('Authorization', `Bearer ${tok}`);

  it('reads a Patient with ETag, Last-Modified and meta', async () => {
    const res = await get(`/fhir/Patient/${amy}`).expect(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    expect(res.body).toMatchObject({ resourceType: 'Patient', id: String(amy), meta: { versionId: '1' } });
    expect(res.headers.etag).toBe('W/"1"');
    // 2024-03-01T09:00:00 in New York (EST, UTC-5) = 14:00 UTC
    expect(res.headers['last-modified']).toBe('Fri, 01 Mar 2024 14:00:00 GMT');
    expect(res.body.meta.lastUpdated).toBe('2024-03-01T09:00:00-05:00');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    await get(`/fhir/Patient/${amy}`).set('If-None-Match', 'W/"1"').expect(304);
  });

  it('answers 404 for unknown ids and types, 400 for malformed ids', async () => {
    const missing = await get('/fhir/Patient/999999').expect(404);
    expect(missing.body.resourceType).toBe('OperationOutcome');
    expect(missing.body.issue[0].code).toBe('not-found');
    await get('/fhir/Banana/1').expect(404);
    await get('/fhir/Patient/bad$id').expect(400);
  });

  it('searches Patient by name, family+gender, birthdate and identifier', async () => {
    const byName = await get('/fhir/Patient?name=sha').expect(200);
    expect(byName.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([String(amy)]);
    const byFamily = await get('/fhir/Patient?family=BAK&gender=male').expect(200);
    expect(byFamily.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([String(bob)]);
    const byDate = await get('/fhir/Patient?birthdate=lt1970&name=b').expect(200);
    expect(byDate.body.entry).toHaveLength(1);
    const bySsn = await get(`/fhir/Patient?identifier=${encodeURIComponent(`${t.config.ssnSystem}|123-45-6789`)}`).expect(200);
    expect(bySsn.body.entry[0].resource.id).toBe(String(bob));
    const none = await get('/fhir/Patient?gender=male&name=amy').expect(200);
    expect(none.body.entry ?? []).toHaveLength(0);
  });

  it('expands a VITALS row into one Observation per sign and filters by code', async () => {
    const all = await get(`/fhir/Observation?patient=${amy}&category=vital-signs`).expect(200);
    const ids = all.body.entry.map((e: { resource: { id: string } }) => e.resource.id);
    expect(ids).toEqual([`vitals-${vitalsId}-height`, `vitals-${vitalsId}-weight`, `vitals-${vitalsId}-bp`, `vitals-${vitalsId}-heart-rate`]);
    const hr = await get(`/fhir/Observation?patient=Patient/${amy}&code=http://loinc.org|8867-4`).expect(200);
    expect(hr.body.entry.map((e: { resource: { id: string } }) => e.resource.id)).toEqual([`vitals-${vitalsId}-heart-rate`]);
    const read = await get(`/fhir/Observation/vitals-${vitalsId}-bp`).expect(200);
    expect(read.body.component).toHaveLength(2);
  });

  it('rejects unknown parameters unless lenient', async () => {
    const res = await get('/fhir/Patient?foo=bar').expect(400);
    expect(JSON.stringify(res.body)).toContain('foo');
    await get('/fhir/Patient?foo=bar&name=amy').set('Prefer', 'handling=lenient').expect(200);
  });

  it('serves metadata and smart-configuration without a token', async () => {
    const cs = await request(t.server as never).get('/fhir/metadata').expect(200);
    expect(cs.body.resourceType).toBe('CapabilityStatement');
    expect(cs.body.rest[0].resource.map((r: { type: string }) => r.type)).toContain('Patient');
    const smart = await request(t.server as never).get('/fhir/.well-known/smart-configuration').expect(200);
    expect(smart.body.token_endpoint).toBe('http://auth.test/token');
  });

  it('advertises exactly what the registry implements in the CapabilityStatement', async () => {
    const cs = (await request(t.server as never).get('/fhir/metadata').expect(200)).body;
    expect(cs.instantiates).toEqual(['http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server|6.1.0', 'http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data']);
    expect(cs.rest[0].operation).toEqual([expect.objectContaining({ name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export' })]);
    expect(cs.rest[0].resource.find((r: { type: string }) => r.type === 'Patient').operation).toEqual([{ name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export' }]);
    const open = (await request(t.server as never).get('/open/metadata').expect(200)).body;
    expect(open.rest[0].operation).toBeUndefined();
    const obs = cs.rest[0].resource.find((r: { type: string }) => r.type === 'Observation');
    expect(obs.searchRevInclude).toEqual(['Provenance:target']);
    expect(obs.supportedProfile.join(' ')).toContain('us-core-observation-lab');
    expect(obs.searchParam.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['patient', 'category', 'code', 'date', 'status']));
    const prov = cs.rest[0].resource.find((r: { type: string }) => r.type === 'Provenance');
    expect(prov.interaction).toEqual([{ code: 'read' }]);
    // Every registered type with every profile, search parameter, include and revinclude of its entry.
    const registry = new ResourceRegistry(resourceDefinitions({ mrnSystem: 'urn:oid:1.2.3', ssnSystem: 'http://hl7.org/fhir/sid/us-ssn' }));
    // Plus AuditEvent on /fhir: the PHI access trail, served from the facade store (apps/fhir-api/src/audit), not a registry type.
    expect(cs.rest[0].resource.map((r: { type: string }) => r.type)).toEqual([...registry.all().map((e) => e.def.type), 'AuditEvent'].sort());
    for (const { def } of registry.all()) {
      const r = cs.rest[0].resource.find((x: { type: string }) => x.type === def.type);
      expect({ type: def.type, profiles: r.supportedProfile ?? [] }).toEqual({ type: def.type, profiles: def.profiles });
      expect({ type: def.type, params: (r.searchParam ?? []).map((p: { name: string }) => p.name) }).toEqual({ type: def.type, params: def.params.map((p) => p.code) });
      expect({ type: def.type, inc: r.searchInclude ?? [] }).toEqual({ type: def.type, inc: [...new Set((def.includes ?? []).map((i) => `${i.sourceType}:${i.param}`))] });
      // Provenance:target for every audited type (the registry spec requires it of every US Core type; Group has none).
      expect({ type: def.type, rev: r.searchRevInclude ?? [] }).toEqual({ type: def.type, rev: (def.revincludes ?? []).map((i) => `${i.sourceType}:${i.param}`) });
    }
    const smart = (await request(t.server as never).get('/fhir/.well-known/smart-configuration')).body;
    const oauth = cs.rest[0].security.extension[0].extension;
    expect(oauth.find((e: { url: string }) => e.url === 'token').valueUri).toBe(smart.token_endpoint);
    expect(oauth.find((e: { url: string }) => e.url === 'authorize').valueUri).toBe(smart.authorization_endpoint);
  });

  it('applies _elements and _summary to search matches', async () => {
    const res = await get(`/fhir/Patient?_id=${amy}&_elements=gender`).expect(200);
    const p = res.body.entry[0].resource;
    expect(p.gender).toBe('female');
    expect(p.name).toBeUndefined();
    expect(JSON.stringify(p.meta.tag)).toContain('SUBSETTED');
  });

  it('needs a token', async () => {
    const res = await request(t.server as never).get(`/fhir/Patient/${amy}`).expect(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  // Last: breaks the database connection on purpose.
  it('answers an unexpected failure with a generic 500 OperationOutcome and a correlation id, never a stack', async () => {
    await t.ds.destroy();
    const res = await get(`/fhir/Patient/${amy}`).set('X-Request-Id', 'corr-123').expect(500);
    expect(res.body.resourceType).toBe('OperationOutcome');
    expect(res.body.issue[0].diagnostics).toContain('corr-123');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(js|ts):\d+|SELECT|SQLITE/);
    const ready = await request(t.server as never).get('/readyz').expect(503);
    expect(ready.body.checks.legacyDb).toBe('failed');
  });
});
