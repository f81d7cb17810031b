/** Modifiers, _lastUpdated, includes and Provenance revincludes over the test clinic. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { usCoreErrors } from '#facade/mappers/src/testing/us-core-validator.js';
import { seedClinic, type Clinic } from './support/clinic.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

type R = Record<string, any>;
const ids = (res: request.Response, mode = 'match') => (res.body.entry ?? []).filter((e: R) => e.search.mode === mode).map((e: R) => `${e.resource.resourceType}/${e.resource.id}`);

describe('search modifiers, includes and Provenance', () => {
  let t: FhirTestApp;
  let c: Clinic;
  let token: string;
  const get = (url: string) => request(t.server as never).get(url).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startFhirTestApp();
    c = await seedClinic(t.factory);
    token = await t.mint({ scope: 'user/*.rs', practice: c.practiceA });
  });
  afterAll(async () => t?.close());

  it('supports string :exact and :contains', async () => {
    expect(ids(await get('/fhir/Patient?family:exact=Shaw').expect(200))).toEqual([`Patient/${c.amy}`]);
    expect(ids(await get('/fhir/Patient?family:exact=shaw').expect(200))).toEqual([]);
    expect(ids(await get('/fhir/Patient?name:contains=ake').expect(200))).toEqual([`Patient/${c.bob}`]);
  });

  it('supports token :not (including rows without a value), :text and :missing', async () => {
    const notFinal = await get(`/fhir/Observation?patient=${c.amy}&category=laboratory&status:not=final`).expect(200);
    expect(ids(notFinal)).toEqual([]);
    const notHr = await get(`/fhir/Observation?patient=${c.amy}&category=vital-signs&code:not=http://loinc.org|8867-4`).expect(200);
    expect(ids(notHr)).toHaveLength(3);
    expect(ids(notHr)).not.toContain(`Observation/vitals-${c.amyVitals}-heart-rate`);
    const text = await get(`/fhir/Observation?patient=${c.amy}&code:text=a1c`).expect(200);
    expect(ids(text)).toEqual([`Observation/lab-${c.amyLab2}`]);
    const noEncounter = await get(`/fhir/Condition?patient=${c.amy}&encounter:missing=true`).expect(200);
    expect(ids(noEncounter)).toEqual([`Condition/${c.amyProblem}`]);
  });

  it('searches _lastUpdated on the row timestamp in the clinic zone', async () => {
    // Rows were written at 2024-03-01T09:00:00 New York time = 14:00Z.
    expect(ids(await get(`/fhir/AllergyIntolerance?patient=${c.amy}&_lastUpdated=ge2024-03-01T13:59:00Z`).expect(200))).toEqual([`AllergyIntolerance/${c.amyAllergy}`]);
    expect(ids(await get(`/fhir/AllergyIntolerance?patient=${c.amy}&_lastUpdated=gt2024-03-01T14:00:01Z`).expect(200))).toEqual([]);
  });

  it('includes referenced resources and revincludes valid US Core Provenance', async () => {
    const roles = await get(`/fhir/PractitionerRole?practitioner=${c.provider}&_include=PractitionerRole:practitioner`).expect(200);
    expect(ids(roles)).toEqual([`PractitionerRole/${c.provider}`]);
    expect(ids(roles, 'include')).toEqual([`Practitioner/${c.provider}`]);
    const conds = await get(`/fhir/Condition?patient=${c.amy}&_revinclude=Provenance:target`).expect(200);
    const provenance = (conds.body.entry as R[]).filter((e) => e.resource.resourceType === 'Provenance').map((e) => e.resource);
    expect(provenance.map((p) => p.target[0].reference).sort()).toEqual([`Condition/${c.amyDiagnosis}`, `Condition/${c.amyProblem}`].sort());
    for (const p of provenance) expect(usCoreErrors(p)).toEqual([]);
    const byUser = provenance.find((p) => p.target[0].reference === `Condition/${c.amyProblem}`);
    expect(byUser.agent[0].who.reference).toBe(`Practitioner/${c.provider}`);
    const read = await get(`/fhir/Provenance/Condition-${c.amyProblem}`).expect(200);
    expect(read.body).toEqual(byUser);
  });

  it('never serves a stale mapping after the EHR updates a row or its joined row', async () => {
    const before = await get(`/fhir/Observation/lab-${c.amyLab}`).expect(200);
    await t.factory.update('LAB_RESULT', 'RESULT_ID', c.amyLab, { VALUE_TEXT: '142', UPDATED_AT: '2024-03-02T09:00:00' });
    const after = await get(`/fhir/Observation/lab-${c.amyLab}`).expect(200);
    expect(after.body.valueQuantity.value).toBe(142);
    expect(Number(after.body.meta.versionId)).toBe(Number(before.body.meta.versionId) + 1);
    await t.factory.update('LAB_ORDER', 'ORDER_ID', c.amyOrder, { COLLECTED_AT: '2024-01-09T07:15:00', UPDATED_AT: '2024-03-02T09:05:00' });
    const joined = await get(`/fhir/Observation?patient=${c.amy}&category=laboratory`).expect(200);
    expect(joined.body.entry[0].resource.effectiveDateTime).toBe('2024-01-09T07:15:00-05:00');
  });

  it('reflects a child row added without any version change (PATIENT_RACE) on the next read', async () => {
    const before = await get(`/fhir/Patient/${c.amy}`).expect(200);
    expect(JSON.stringify(before.body)).not.toContain('2028-9');
    await t.factory.race(c.amy, '2028-9', 2);
    const after = await get(`/fhir/Patient/${c.amy}`).expect(200);
    expect(JSON.stringify(after.body)).toContain('2028-9');
  });

  it('refuses to search Provenance directly (read only)', async () => {
    await get('/fhir/Provenance?target=x').expect(405);
  });
});
