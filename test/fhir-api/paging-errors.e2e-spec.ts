/**
 * Keyset paging while the EHR writes, sorting, totals, and the HTTP edges: every error status as an
 * OperationOutcome, formats (JSON/XML, 406), vread, POST _search.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

type R = Record<string, any>;

describe('paging, sorting and HTTP edges', () => {
  let t: FhirTestApp;
  let token: string;
  let practice: number;
  let pat: number;
  const get = (url: string) => request(t.server as never).get(url.replace('http://fhir.test', '')).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startFhirTestApp();
    practice = await t.factory.practice();
    pat = await t.factory.patient(practice);
    for (let day = 1; day <= 12; day++) {
      const order = await t.factory.labOrder(pat, { ORDERED_AT: `2024-02-${String(day).padStart(2, '0')}T08:00:00`, COLLECTED_AT: `2024-02-${String(day).padStart(2, '0')}T08:30:00` });
      await t.factory.labResult(order, pat, { SEQ: 1 });
    }
    for (let i = 0; i < 3; i++) await t.factory.vitals(pat, { TAKEN_AT: `2024-02-0${i + 1}T09:00:00` });
    token = await t.mint({ scope: 'user/*.rs', practice });
  });
  afterAll(async () => t?.close());

  it('pages by key: rows inserted or deleted between pages never shift or repeat a page', async () => {
    const first = await get(`/fhir/Observation?patient=${pat}&category=laboratory&_count=5`).expect(200);
    const seen: string[] = first.body.entry.map((e: R) => e.resource.id);
    // The EHR deletes an already-seen row and one not yet seen, and inserts a new one.
    const firstId = Number(seen[0].slice(4));
    await t.factory.update('LAB_RESULT', 'RESULT_ID', firstId, { DELETED_YN: 'Y' });
    await t.factory.update('LAB_RESULT', 'RESULT_ID', firstId + 7, { DELETED_YN: 'Y' });
    const order = await t.factory.labOrder(pat);
    const inserted = await t.factory.labResult(order, pat);
    let next = first.body.link.find((l: R) => l.relation === 'next')?.url;
    expect(next).toContain('patient=');
    expect(next).toContain('category=laboratory');
    while (next) {
      const page = await get(next).expect(200);
      seen.push(...page.body.entry.map((e: R) => e.resource.id));
      expect(page.body.link.find((l: R) => l.relation === 'previous')).toBeDefined();
      next = page.body.link.find((l: R) => l.relation === 'next')?.url;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(`lab-${firstId + 7}`);
    expect(seen).toContain(`lab-${inserted}`);
    expect(seen).toHaveLength(12);
  });

  it('goes back with the previous link', async () => {
    const p1 = await get(`/fhir/Observation?patient=${pat}&category=vital-signs&_count=4`).expect(200);
    const p2 = await get(p1.body.link.find((l: R) => l.relation === 'next').url).expect(200);
    const back = await get(p2.body.link.find((l: R) => l.relation === 'previous').url).expect(200);
    expect(back.body.entry.map((e: R) => e.resource.id)).toEqual(p1.body.entry.map((e: R) => e.resource.id));
  });

  it('sorts by date both ways, keeps sorting across pages, and counts', async () => {
    const desc = await get(`/fhir/Observation?patient=${pat}&category=laboratory&_sort=-date&_count=3&_total=accurate`).expect(200);
    const dates = desc.body.entry.map((e: R) => e.resource.effectiveDateTime);
    expect([...dates].sort().reverse()).toEqual(dates);
    const everything = await get(`/fhir/Observation?patient=${pat}&category=laboratory&_count=1000`).expect(200);
    expect(desc.body.total).toBe(everything.body.entry.length);
    const page2 = await get(desc.body.link.find((l: R) => l.relation === 'next').url).expect(200);
    expect(page2.body.entry[0].resource.effectiveDateTime < dates[2]).toBe(true);
    const count = await get(`/fhir/Observation?patient=${pat}&_summary=count`).expect(200);
    const all = await get(`/fhir/Observation?patient=${pat}&_count=1000`).expect(200);
    expect(count.body.total).toBe(all.body.entry.length);
    expect(all.body.entry.filter((e: R) => e.resource.id.startsWith('vitals-'))).toHaveLength(3 * 4);
    expect(count.body.entry).toBeUndefined();
  });

  it('rejects a tampered cursor and a _sort it cannot do', async () => {
    const res = await get(`/fhir/Observation?patient=${pat}&_cursor=abc`).expect(400);
    expect(res.body.resourceType).toBe('OperationOutcome');
    await get(`/fhir/Observation?patient=${pat}&_sort=code`).expect(400);
  });

  it('answers 410 for a deleted row and vreads the current version only', async () => {
    const order = await t.factory.labOrder(pat);
    const id = await t.factory.labResult(order, pat);
    await get(`/fhir/Observation/lab-${id}/_history/1`).expect(200);
    await t.factory.update('LAB_RESULT', 'RESULT_ID', id, { DELETED_YN: 'Y' });
    const gone = await get(`/fhir/Observation/lab-${id}`).expect(410);
    expect(gone.body.issue[0].code).toBe('deleted');
    const visit = await t.factory.visit(pat);
    await get(`/fhir/Encounter/${visit}/_history/1`).expect(200);
    await get(`/fhir/Encounter/${visit}/_history/2`).expect(404);
  });

  it('answers 400 for malformed values naming the parameter', async () => {
    const res = await get(`/fhir/Observation?patient=${pat}&date=2024-13-45`).expect(400);
    expect(JSON.stringify(res.body)).toContain('date');
    await get('/fhir/Patient?birthdate=notadate').expect(400);
    await get('/fhir/Patient?name:fuzzy=x').expect(400);
  });

  it('serves XML by Accept and _format, and 406 for unsupported formats', async () => {
    const xml = await get(`/fhir/Patient/${pat}`).set('Accept', 'application/fhir+xml').expect(200);
    expect(xml.headers['content-type']).toContain('application/fhir+xml');
    expect(xml.text).toContain('<Patient xmlns="http://hl7.org/fhir">');
    const viaParam = await get(`/fhir/Patient?_id=${pat}&_format=xml`).expect(200);
    expect(viaParam.text).toContain('<Bundle xmlns="http://hl7.org/fhir">');
    const bad = await get(`/fhir/Patient/${pat}`).set('Accept', 'text/csv').expect(406);
    expect(bad.body.resourceType).toBe('OperationOutcome');
    await get(`/fhir/Patient/${pat}?_format=csv`).expect(406);
    const pretty = await get(`/fhir/Patient/${pat}?_pretty=true`).expect(200);
    expect(pretty.text).toContain('\n  "resourceType"');
  });

  it('searches by POST _search with a form body, keeping every parameter in the links', async () => {
    const res = await request(t.server as never)
      .post('/fhir/Observation/_search')
      .set('Authorization', `Bearer ${token}`)
      .type('form')
      .send(`patient=${pat}&category=laboratory&_count=2`)
      .expect(200);
    expect(res.body.entry).toHaveLength(2);
    expect(res.body.link.find((l: R) => l.relation === 'next').url).toMatch(/patient=.*category=laboratory.*_count=2/);
  });

  it('answers 405 for interactions the server does not offer', async () => {
    const create = await request(t.server as never).post('/fhir/Patient').set('Authorization', `Bearer ${token}`).send({ resourceType: 'Patient' }).expect(405);
    expect(create.body.issue[0].code).toBe('not-supported');
    await request(t.server as never).delete(`/fhir/Patient/${pat}`).set('Authorization', `Bearer ${token}`).expect(405);
    await get(`/fhir/Patient/${pat}/_history`).expect(405);
  });

  it('answers unknown routes and types with OperationOutcomes, and health probes', async () => {
    await get('/fhir/Unknown?x=1').expect(404);
    const r = await request(t.server as never).get('/nowhere').expect(404);
    expect(r.body.resourceType).toBe('OperationOutcome');
    await request(t.server as never).get('/healthz').expect(200);
    const ready = await request(t.server as never).get('/readyz').expect(200);
    expect(ready.body.checks.legacyDb).toBe('ok');
  });
});
