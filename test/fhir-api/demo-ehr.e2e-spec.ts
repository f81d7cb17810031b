/**
 * The engine over the generated demo EHR (every table, every local code, deleted rows, merged charts ...): every
 * resource of every registered type for a sample of patients comes back without a server error, validates
 * against its US Core 6.1.0 profile, and its read by id returns the same resource.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { generateDemoEhr } from '#facade/demo-ehr';
import { usCoreErrors } from '#facade/mappers/src/testing/us-core-validator.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

type R = Record<string, any>;
const PATIENT_TYPES = ['Observation', 'Encounter', 'Condition', 'AllergyIntolerance', 'DiagnosticReport'];

describe('FHIR API over the generated demo EHR', () => {
  let t: FhirTestApp;
  let token: string;
  const get = (url: string) => request(t.server as never).get(url.replace('http://fhir.test', '')).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startFhirTestApp({ create: (url) => generateDemoEhr(url, { patients: 60, seed: 11 }) });
    const practices = (await t.ds.query('SELECT PRACTICE_ID FROM PRACTICE')).map((r: { PRACTICE_ID: number }) => r.PRACTICE_ID);
    token = await t.mint({ scope: 'system/*.rs', practices });
  }, 120_000);
  afterAll(async () => t?.close());

  async function all(url: string): Promise<R[]> {
    const out: R[] = [];
    let next: string | undefined = url;
    while (next) {
      const res: request.Response = await get(next);
      expect({ url: next, status: res.status }).toEqual({ url: next, status: 200 });
      out.push(...(res.body.entry ?? []).filter((e: R) => e.search.mode === 'match').map((e: R) => e.resource));
      next = res.body.link.find((l: R) => l.relation === 'next')?.url;
    }
    return out;
  }

  it('serves every patient and directory resource as valid US Core', async () => {
    const patients = await all('/fhir/Patient?_count=25');
    expect(patients.length).toBeGreaterThanOrEqual(60);
    const errors: { id: string; errors: string[] }[] = [];
    const check = (r: R) => {
      const e = usCoreErrors(r as never);
      if (e.length) errors.push({ id: `${r.resourceType}/${r.id}`, errors: e });
    };
    patients.forEach(check);
    for (const type of ['Practitioner', 'PractitionerRole', 'Organization', 'Location']) (await all(`/fhir/${type}?_count=100`)).forEach(check);
    expect(errors.slice(0, 5)).toEqual([]);
  }, 120_000);

  it('serves every clinical resource of a sample of patients as valid US Core, readable by id, with Provenance', async () => {
    const errors: { id: string; errors: string[] }[] = [];
    let count = 0;
    for (const pat of [1, 2, 3, 10, 25, 40, 55]) {
      for (const type of PATIENT_TYPES) {
        const resources = await all(`/fhir/${type}?patient=${pat}&_count=40`);
        count += resources.length;
        for (const r of resources) {
          expect(r.subject?.reference ?? r.patient?.reference).toBe(`Patient/${pat}`);
          const e = usCoreErrors(r as never);
          if (e.length) errors.push({ id: `${type}/${r.id}`, errors: e });
        }
        if (resources[0]) {
          const read = await get(`/fhir/${type}/${resources[0].id}`).expect(200);
          expect(read.body).toEqual(resources[0]);
          const prov = await get(`/fhir/Provenance/${type}-${resources[0].id}`).expect(200);
          expect(usCoreErrors(prov.body)).toEqual([]);
        }
      }
    }
    expect(count).toBeGreaterThan(100);
    expect(errors.slice(0, 5)).toEqual([]);
  }, 240_000);
});
