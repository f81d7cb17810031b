/**
 * Every SHALL and SHOULD search combination of US Core 6.1.0 for every profile the registry claims, driven like the
 * ONC (g)(10) kit over the fixture rows of every mapper folder (`libs/mappers/src/** /*.fixture-rows.ts`): values
 * come from resources the server returned, each token code-only and `system|code`, references `Patient/id` and
 * `id`, each date comparator; the reference resource must come back, and every match must validate against its US
 * Core profile. A claimed profile without a resource fails; a parameter the entry lists in `notSupported` is left out.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { usCoreErrors } from '#facade/mappers/src/testing/us-core-validator.js';
import { ResourceRegistry } from '../../../apps/fhir-api/src/engine/registry/resource-registry.js';
import { resourceDefinitions } from '../../../apps/fhir-api/src/resources/index.js';
import { insertRows, loadFixtureRows } from '../../../apps/fhir-api/src/testing/registry-rows.js';
import { seedClinic, type Clinic } from './clinic.js';
import { startFhirTestApp, type FhirTestApp } from './fhir-test-app.js';
import { searchValues } from './us-core-search-values.js';

interface Requirement {
  resource_type: string;
  profile_url: string;
  search_params: { names: string[]; shall_or_should: string }[];
}
const requirements = JSON.parse(readFileSync(new URL('../fixtures/us-core-requirements-6.1.0.json', import.meta.url), 'utf8')) as Requirement[];
const registry = new ResourceRegistry(resourceDefinitions({ mrnSystem: 'urn:oid:1.2.3', ssnSystem: 'http://hl7.org/fhir/sid/us-ssn' }));
const searchable = registry.all().filter((e) => e.def.interactions.includes('search-type'));
const claimed = new Set(searchable.flatMap((e) => e.def.profiles));
// Parameters an entry does not serve, with its reason (`notSupported`).
const NOT_IMPLEMENTED = new Set(searchable.flatMap((e) => Object.keys(e.def.notSupported ?? {}).map((k) => `${e.def.type}:${k}`)));

type R = Record<string, any>;

/** Registers the suite for one database engine. */
export function usCoreSearchSuite(engine: 'sqlite' | 'postgres'): void {
describe(`US Core 6.1.0 searches (${engine})`, () => {
  let t: FhirTestApp;
  let fx: FhirTestApp;
  let clinic: Clinic;
  let token: string;
  let fxToken: string;
  const get = (url: string) => request(t.server as never).get(url).set('Authorization', `Bearer ${token}`);
  const fxGet = (url: string) => request(fx.server as never).get(url).set('Authorization', `Bearer ${fxToken}`);

  beforeAll(async () => {
    t = await startFhirTestApp({ engine });
    clinic = await seedClinic(t.factory);
    token = await t.mint({ scope: 'user/*.rs', practice: clinic.practiceA });
    fx = await startFhirTestApp({ engine });
    await insertRows(fx.ds, await loadFixtureRows());
    const practices = (await fx.ds.query('SELECT "PRACTICE_ID" FROM "PRACTICE"')).map((r: { PRACTICE_ID: number }) => r.PRACTICE_ID);
    fxToken = await fx.mint({ scope: 'system/*.rs', practices });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await fx?.close();
  });

  /** Resources of a profile over the fixture rows (what Inferno finds by listing). */
  async function referenceResources(req: Requirement): Promise<R[]> {
    const res = await fxGet(`/fhir/${req.resource_type}?_count=1000`).expect(200);
    const all = (res.body.entry ?? []).map((e: R) => e.resource);
    return all.filter((r: R) => (r.meta?.profile ?? []).some((p: string) => p.split('|')[0] === req.profile_url));
  }

  const cases = requirements.filter((r) => claimed.has(r.profile_url));
  it('covers every profile the registry claims', () => {
    expect([...claimed].filter((p) => !cases.some((c) => c.profile_url === p) && p !== 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-provenance')).toEqual([]);
  });
  for (const req of cases) {
    const combos = req.search_params.filter((s) => (s.shall_or_should === 'SHALL' || s.shall_or_should === 'SHOULD') && !s.names.some((n) => NOT_IMPLEMENTED.has(`${req.resource_type}:${n}`)));
    it(`${req.profile_url.split('/').pop()}: ${combos.map((c) => c.names.join('+')).join(', ')}`, async () => {
      const refs = await referenceResources(req);
      expect({ profile: req.profile_url, resources: refs.length > 0 }).toEqual({ profile: req.profile_url, resources: true });
      const reference = refs[0];
      const patientRef: string | undefined = req.resource_type === 'Patient' ? `Patient/${reference.id}` : (reference.subject ?? reference.patient ?? reference.beneficiary)?.reference;
      const patientId = patientRef?.split('/')[1] ?? '';
      for (const combo of combos) {
        const valueLists = combo.names.map((n) => ({ n, values: searchValues(req.resource_type, n, reference, patientId) }));
        if (valueLists.some((v) => !v.values)) continue; // the resource has no value for a parameter (e.g. no death date)
        const variants = Math.max(...valueLists.map((v) => v.values!.length));
        for (let i = 0; i < variants; i++) {
          const q = valueLists.map((v) => `${v.n}=${encodeURIComponent(v.values![i % v.values!.length])}`).join('&');
          const res = await fxGet(`/fhir/${req.resource_type}?${q}&_count=1000`);
          expect({ q, status: res.status }).toEqual({ q, status: 200 });
          const ids = (res.body.entry ?? []).filter((e: R) => e.search.mode === 'match').map((e: R) => e.resource.id);
          expect({ q, found: ids.includes(reference.id) }).toEqual({ q, found: true });
          for (const e of res.body.entry ?? []) expect({ id: e.resource.id, errors: usCoreErrors(e.resource) }).toEqual({ id: e.resource.id, errors: [] });
        }
      }
    });
  }

  it('ORs every Observation status value and follows next links to the end', async () => {
    const statuses = 'registered,preliminary,final,amended,corrected,cancelled,entered-in-error,unknown';
    let url: string | undefined = `/fhir/Observation?patient=${clinic.amy}&category=laboratory,vital-signs,social-history&status=${statuses}&_count=2`;
    const seen: string[] = [];
    while (url) {
      const res: request.Response = await get(url.replace('http://fhir.test', '')).expect(200);
      seen.push(...(res.body.entry ?? []).map((e: R) => e.resource.id));
      url = res.body.link.find((l: R) => l.relation === 'next')?.url;
    }
    expect(seen).toEqual([
      `lab-${clinic.amyLab}`, `lab-${clinic.amyLab2}`,
      `vitals-${clinic.amyVitals}-height`, `vitals-${clinic.amyVitals}-weight`, `vitals-${clinic.amyVitals}-bp`, `vitals-${clinic.amyVitals}-heart-rate`,
      `smoking-${clinic.amySocial}`, `occupation-${clinic.amySocial}`,
    ]);
  });
});
}
