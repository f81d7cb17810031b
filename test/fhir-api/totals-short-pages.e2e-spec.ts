/**
 * Totals are counted in SQL (wide rows by their items' presence predicates, never by loading and mapping rows), and
 * a page whose source gives up after its round limit ends early with a `next` link instead of silently short.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { type AccessTokenClaims, parseScopes } from '#facade/security';
import { testContext } from '#facade/mappers/src/testing/test-context.js';
import { ResourceRegistry } from '../../apps/fhir-api/src/engine/registry/resource-registry.js';
import { SearchExecutor } from '../../apps/fhir-api/src/engine/search/search-executor.js';
import { resourceDefinitions } from '../../apps/fhir-api/src/resources/index.js';
import { FhirService, type RequestScope } from '../../apps/fhir-api/src/service/fhir.service.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

type R = Record<string, any>;  
const EMPTY_VITALS = { HEIGHT_IN: null, WEIGHT_LB: null, BMI: null, BP_SYSTOLIC: null, BP_DIASTOLIC: null, PULSE: null, RESP_RATE: null, TEMP_F: null, SPO2: null, O2_FLOW_LPM: null };

describe('totals in SQL and pages cut by the round limit', () => {
  let t: FhirTestApp;
  let token: string;
  let practice: number;
  let pat: number;
  const get = (url: string) => request(t.server as never).get(url.replace('http://fhir.test', '')).set('Authorization', `Bearer ${token}`);
  const registry = new ResourceRegistry(resourceDefinitions({ mrnSystem: 'urn:oid:1.2.3', ssnSystem: 'http://hl7.org/fhir/sid/us-ssn' }));

  beforeAll(async () => {
    t = await startFhirTestApp();
    practice = await t.factory.practice();
    pat = await t.factory.patient(practice);
    // Rows that yield no Observation (nothing measured, blank social history) before and between those that do.
    for (let i = 1; i <= 7; i++) await t.factory.vitals(pat, { TAKEN_AT: `2024-02-0${i}T09:00:00`, ...EMPTY_VITALS });
    await t.factory.vitals(pat, { TAKEN_AT: '2024-02-08T09:00:00', ...EMPTY_VITALS, PULSE: 70 });
    await t.factory.vitals(pat, { TAKEN_AT: '2024-02-09T09:00:00', ...EMPTY_VITALS, BP_SYSTOLIC: 120, SPO2: 97 });
    await t.factory.socialHx(pat, { SMOKING_STATUS: null, SEX_ORIENTATION: null, OCCUPATION_TEXT: '   ', INDUSTRY_TEXT: null, PREGNANCY_STATUS: null, PREGNANCY_INTENT: null });
    await t.factory.socialHx(pat, { SMOKING_STATUS: 'FMR', OCCUPATION_TEXT: null, INDUSTRY_TEXT: 'Education' });
    const order = await t.factory.labOrder(pat);
    await t.factory.labResult(order, pat);
    token = await t.mint({ scope: 'user/*.rs', practice });
  }, 60_000);
  afterAll(async () => t?.close());

  it('counts every search in SQL, equal to what the search returns', async () => {
    for (const q of [`patient=${pat}`, `patient=${pat}&category=vital-signs`, `patient=${pat}&category=social-history`, `patient=${pat}&category=laboratory`, `patient=${pat}&status=final`]) {
      const all = await get(`/fhir/Observation?${q}&_count=1000`).expect(200);
      const count = await get(`/fhir/Observation?${q}&_summary=count`).expect(200);
      const total = await get(`/fhir/Observation?${q}&_count=1&_total=accurate`).expect(200);
      expect({ q, count: count.body.total, total: total.body.total }).toEqual({ q, count: all.body.entry?.length ?? 0, total: all.body.entry?.length ?? 0 });
    }
    const everything = await get(`/fhir/Observation?patient=${pat}&_count=1000`).expect(200);
    expect(everything.body.entry.map((e: R) => e.resource.id.replace(/[0-9]+/g, 'N')).sort()).toEqual(['lab-N', 'occupation-N', 'smoking-N', 'vitals-N-bp', 'vitals-N-heart-rate', 'vitals-N-pulse-oximetry']);
  });

  it('never loads or maps a row to count (a per-item code filter aside)', async () => {
    const ctx = testContext();
    const engine = new SearchExecutor(t.ds, ctx.timeZone, 0);
    const load = jest.spyOn(engine['loader'], 'load');
    const def = registry.get('Observation')!.def;
    const patient = { param: 'patient', values: [{ kind: 'reference' as const, value: { id: String(pat) } }] };
    expect(await engine.count({ def, clauses: [patient], access: { practiceId: practice }, count: 10 }, ctx)).toBe(6);
    expect(load).not.toHaveBeenCalled();
  });

  it('a source that gives up after its round limit ends the page with a next link; following it finds everything once', async () => {
    const ctx = testContext();
    const engine = new SearchExecutor(t.ds, ctx.timeZone, 0);
    engine.maxRounds = 2;
    const service = new FhirService(registry, engine, ctx.timeZone, 'k'.repeat(43));
    const claims = { scope: 'user/*.rs', practice } as unknown as AccessTokenClaims;
    const rs: RequestScope = { caller: { base: 'fhir', claims, scopes: parseScopes(claims.scope as string) }, baseUrl: 'http://fhir.test/fhir', ctx };
    const seen: string[] = [];
    let query: Record<string, string> = { patient: String(pat), category: 'vital-signs', _count: '1' };
    let pages = 0;
    let shortPages = 0;
    for (;;) {
      const { bundle } = await service.search(rs, 'Observation', query, false);
      const ids = (bundle.entry ?? []).map((e) => (e.resource as R).id as string);
      seen.push(...ids);
      const next = bundle.link?.find((l) => l.relation === 'next')?.url;
      pages++;
      if (ids.length === 0 && next) shortPages++;
      if (!next) break;
      query = Object.fromEntries(new URL(next).searchParams);
    }
    expect(shortPages).toBeGreaterThan(0);
    expect(pages).toBeLessThan(20);
    expect(seen.map((id) => id.replace(/[0-9]+/g, 'N'))).toEqual(['vitals-N-heart-rate', 'vitals-N-bp', 'vitals-N-pulse-oximetry']);
  });
});
