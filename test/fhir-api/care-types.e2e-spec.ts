/**
 * The care types of issue 8 through the HTTP API: every SHALL/SHOULD search of US Core CarePlan, Goal, CareTeam,
 * Implantable Device, QuestionnaireResponse, screening-assessment and simple Observations finds its reference
 * resource (values taken from the returned resource, as the ONC kit does), the CareTeam includes, and confinement:
 * a patient token never reaches another chart's care data.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { usCoreErrors } from '#facade/mappers/src/testing/us-core-validator.js';
import { seedClinic, type Clinic } from './support/clinic.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';
import { dateVariants, searchValues } from './support/us-core-search-values.js';

type R = Record<string, any>;  
interface Requirement { resource_type: string; profile_url: string; search_params: { names: string[]; shall_or_should: string }[] }
const requirements = JSON.parse(readFileSync(new URL('./fixtures/us-core-requirements-6.1.0.json', import.meta.url), 'utf8')) as Requirement[];
const PROFILES = ['us-core-careplan', 'us-core-goal', 'us-core-careteam', 'us-core-implantable-device', 'us-core-questionnaireresponse', 'us-core-observation-screening-assessment', 'us-core-simple-observation'];
const token = (c: R | undefined) => (c?.code ? [c.code, `${c.system}|${c.code}`] : undefined);

/** Values of the parameters these types add to the shared helper's. */
function values(type: string, param: string, r: R, patientId: string): string[] | undefined {
  switch (`${type}.${param}`) {
    case 'CarePlan.date': return dateVariants(r.period?.start);
    case 'Goal.lifecycle-status': return [r.lifecycleStatus];
    case 'Goal.target-date': return dateVariants(r.target?.[0]?.dueDate);
    case 'Goal.description': return r.description?.coding ? token(r.description.coding[0]) : undefined;
    case 'CareTeam.role': return token(r.participant?.[0]?.role?.[0]?.coding?.[0]);
    case 'Device.type': return token(r.type?.coding?.[0]);
    case 'QuestionnaireResponse.authored': return dateVariants(r.authored);
    // A canonical: the URL itself (as the ONC kit sends it), with a version, and the LOINC form code as a plain id.
    case 'QuestionnaireResponse.questionnaire': return [r.questionnaire, `${r.questionnaire}|2.76`, r.questionnaire.split('/').pop()];
    case 'Observation.category': return token(r.category?.[r.category.length - 1]?.coding?.[0]);
    default: return searchValues(type, param, r, patientId);
  }
}

describe('care types (CarePlan, Goal, CareTeam, Device, screenings) over HTTP', () => {
  let t: FhirTestApp;
  let c: Clinic;
  let user: string;
  const ids: Record<string, number> = {};
  const get = (url: string, tok = user) => request(t.server as never).get(url).set('Authorization', `Bearer ${tok}`);

  beforeAll(async () => {
    t = await startFhirTestApp({ engine: 'sqlite' });
    c = await seedClinic(t.factory);
    const f = t.factory;
    const audit = { CREATED_AT: '2024-03-01T09:15:00', CREATED_BY: c.user, UPDATED_AT: '2024-03-01T09:15:00', UPDATED_BY: c.user, ROW_VER: 1, DELETED_YN: 'N' };
    ids.plan = await f.insert('CARE_PLAN', { PAT_ID: c.amy, VISIT_ID: c.amyVisit, AUTHOR_PROV_ID: c.provider, TITLE: 'Diabetes self management plan', SNOMED_CODE: '698360004', ASSESSMENT_TEXT: 'A1c rising', PLAN_TEXT: 'Start metformin', START_DATE: '2024-03-01', STATUS: 'A', ...audit });
    ids.goal = await f.insert('GOAL', { PAT_ID: c.amy, CP_ID: ids.plan, DESCRIPTION: 'Weight loss', SNOMED_CODE: '289169006', START_DATE: '2024-03-01', TARGET_DATE: '2024-09-01', STATUS: 'ACT', ACHIEVEMENT: 'INPR', EXPRESSED_BY: 'P', ...audit });
    const contact = await f.insert('PAT_CONTACT', { PAT_ID: c.amy, RELATION_CODE: 'SPS', LAST_NAME: 'Shaw', FIRST_NAME: 'Sam', UPDATED_AT: '2024-03-01T09:15:00', ROW_VER: 1 });
    await f.insert('CARE_TEAM_MEMBER', { PAT_ID: c.amy, PROV_ID: c.provider, ROLE_CODE: 'PCP', START_DATE: '2020-01-01', UPDATED_AT: '2024-03-01T09:15:00', ROW_VER: 1 });
    await f.insert('CARE_TEAM_MEMBER', { PAT_ID: c.amy, CONTACT_ID: contact, ROLE_CODE: 'CAREGVR', UPDATED_AT: '2024-03-01T09:15:00', ROW_VER: 1 });
    await f.insert('CARE_TEAM_MEMBER', { PAT_ID: c.bob, PROV_ID: c.provider, ROLE_CODE: 'PCP', UPDATED_AT: '2024-03-01T09:15:00', ROW_VER: 1 });
    ids.implant = await f.insert('IMPLANT', { PAT_ID: c.amy, UDI_STRING: '(01)00844588003288(17)141120(10)7654321D(21)10987654d321', DEVICE_NAME: 'Coated femoral stem prosthesis', SNOMED_TYPE: '468063009', STATUS: 'A', ...audit });
    ids.screen = await f.insert('SCREENING', { PAT_ID: c.amy, VISIT_ID: c.amyVisit, INSTRUMENT_LOINC: '88121-9', INSTRUMENT_NAME: 'Hunger Vital Sign [HVS]', TAKEN_AT: '2024-03-01T09:12:00', SDOH_CATEGORY: 'food-insecurity', STATUS: 'F', ...audit });
    await f.insert('SCREENING_ANSWER', { SCREEN_ID: ids.screen, SEQ: 1, QUESTION_LOINC: '88122-7', QUESTION_TEXT: 'Worried food would run out', ANSWER_LOINC: 'LA28397-0', ANSWER_TEXT: 'Often true' });
    ids.transport = await f.insert('SCREENING', { PAT_ID: c.amy, INSTRUMENT_LOINC: '96777-8', INSTRUMENT_NAME: 'AHC HRSN', TAKEN_AT: '2024-03-02T10:00:00', SDOH_CATEGORY: 'transportation-insec', STATUS: 'F', ...audit });
    ids.social = await f.socialHx(c.amy, { SMOKING_STATUS: 'FMR', TOBACCO_PACK_YRS: 12.5 });
    // A scored screening (instrument + 2 answers + total score) and one whose score has no LOINC code (no score item).
    ids.scored = await f.insert('SCREENING', { PAT_ID: c.amy, INSTRUMENT_LOINC: '55757-9', INSTRUMENT_NAME: 'PHQ-2', TAKEN_AT: '2024-03-03T10:00:00', SCORE_LOINC: '55758-7', TOTAL_SCORE: 2, STATUS: 'F', ...audit });
    await f.insert('SCREENING_ANSWER', { SCREEN_ID: ids.scored, SEQ: 1, QUESTION_LOINC: '44250-9', QUESTION_TEXT: 'Little interest', ANSWER_VALUE: 1 });
    await f.insert('SCREENING_ANSWER', { SCREEN_ID: ids.scored, SEQ: 2, QUESTION_LOINC: '44255-8', QUESTION_TEXT: 'Feeling down', ANSWER_VALUE: 1 });
    await f.insert('SCREENING', { PAT_ID: c.amy, INSTRUMENT_LOINC: '55757-9', INSTRUMENT_NAME: 'PHQ-2', TAKEN_AT: '2024-03-04T10:00:00', SCORE_LOINC: '  ', TOTAL_SCORE: 0, STATUS: 'F', ...audit });
    user = await t.mint({ scope: 'user/*.rs', practice: c.practiceA });
  });
  afterAll(async () => t?.close());

  for (const req of requirements.filter((r) => PROFILES.includes((r.profile_url ?? '').split('/').pop()!))) {
    const combos = req.search_params.filter((s) => s.shall_or_should === 'SHALL' || s.shall_or_should === 'SHOULD');
    it(`${req.profile_url.split('/').pop()}: ${combos.map((s) => s.names.join('+')).join(', ')}`, async () => {
      const type = req.resource_type;
      const all = (await get(`/fhir/${type}?patient=${c.amy}&_count=100`).expect(200)).body.entry?.map((e: R) => e.resource) ?? [];
      const refs = all.filter((r: R) => (r.meta?.profile ?? []).some((p: string) => p.split('|')[0] === req.profile_url));
      expect(refs.length).toBeGreaterThan(0);
      const reference = refs[0];
      for (const combo of combos) {
        const lists = combo.names.map((n) => ({ n, v: values(type, n, reference, String(c.amy)) }));
        expect({ combo: combo.names, missing: lists.filter((l) => !l.v).map((l) => l.n) }).toEqual({ combo: combo.names, missing: [] });
        const variants = Math.max(...lists.map((l) => l.v!.length));
        for (let i = 0; i < variants; i++) {
          const q = lists.map((l) => `${l.n}=${encodeURIComponent(l.v![i % l.v!.length])}`).join('&');
          const res = await get(`/fhir/${type}?${q}&_count=100`);
          expect({ q, status: res.status, issue: res.status === 200 ? undefined : res.body.issue }).toEqual({ q, status: 200, issue: undefined });
          const found = (res.body.entry ?? []).filter((e: R) => e.search.mode === 'match').map((e: R) => e.resource.id);
          expect({ q, found: found.includes(reference.id) }).toEqual({ q, found: true });
          for (const e of res.body.entry ?? []) expect({ id: e.resource.id, errors: usCoreErrors(e.resource) }).toEqual({ id: e.resource.id, errors: [] });
        }
      }
    });
  }

  it('QuestionnaireResponse questionnaire: canonical URLs (with or without version) find the form; other canonicals nothing', async () => {
    const hit = await get(`/fhir/QuestionnaireResponse?patient=${c.amy}&questionnaire=${encodeURIComponent('http://loinc.org/q/55757-9|2.76')}`).expect(200);
    expect(hit.body.entry.map((e: R) => e.resource.questionnaire)).toEqual(['http://loinc.org/q/55757-9', 'http://loinc.org/q/55757-9']);
    for (const other of ['http://loinc.org/q/44249-1', 'http://example.org/q/55757-9', 'https://example.org/fhir/Questionnaire/55757-9']) {
      expect((await get(`/fhir/QuestionnaireResponse?patient=${c.amy}&questionnaire=${encodeURIComponent(other)}`).expect(200)).body.entry ?? []).toEqual([]);
    }
    const bad = await get(`/fhir/QuestionnaireResponse?questionnaire=${encodeURIComponent('http://loinc.org/q/5 5')}`).expect(400);
    expect(bad.body.issue[0].details.coding[0].code).toBe('MSG_PARAM_INVALID');
  });

  it("CareTeam _lastUpdated compares the team's own stamp (its latest member row), not the chart's", async () => {
    const team = (await get(`/fhir/CareTeam?patient=${c.amy}`).expect(200)).body.entry[0].resource;
    const stamp = team.meta.lastUpdated as string; // the members' 09:15, the chart's row says 09:00
    const find = async (q: string) => ((await get(`/fhir/CareTeam?patient=${c.amy}&_lastUpdated=${encodeURIComponent(q)}`).expect(200)).body.entry ?? []).map((e: R) => e.resource.id);
    expect(await find(stamp)).toEqual([team.id]);
    expect(await find(`ge${stamp}`)).toEqual([team.id]);
    expect(await find(`lt${stamp}`)).toEqual([]);
    expect(await find(`gt${stamp}`)).toEqual([]);
  });

  it('CareTeam: participant includes, participant and role searches over the member rows', async () => {
    const res = await get(`/fhir/CareTeam?patient=${c.amy}&status=active&_include=CareTeam:participant:PractitionerRole&_include=CareTeam:participant:Patient`);
    expect({ status: res.status, issue: res.body.issue }).toEqual({ status: 200, issue: undefined });
    const kinds = res.body.entry.map((e: R) => `${e.search.mode}:${e.resource.resourceType}`).sort();
    expect(kinds).toEqual(['include:Patient', 'include:PractitionerRole', 'match:CareTeam']);
    const byRole = await get(`/fhir/CareTeam?role=http://snomed.info/sct|133932002`).expect(200);
    expect(byRole.body.entry.map((e: R) => e.resource.id)).toEqual([String(c.amy)]);
    const byMember = await get(`/fhir/CareTeam?participant=PractitionerRole/${c.provider}`).expect(200);
    expect(byMember.body.entry.map((e: R) => e.resource.id).sort()).toEqual([String(c.amy), String(c.bob)].sort());
    expect((await get(`/fhir/CareTeam?status=inactive`).expect(200)).body.entry ?? []).toEqual([]);
  });

  it('screening Observations are counted in SQL exactly as the search returns them (instrument, answers, score)', async () => {
    for (const q of [`patient=${c.amy}&category=survey`, `patient=${c.amy}`, `patient=${c.amy}&category=sdoh`]) {
      const all = await get(`/fhir/Observation?${q}&_count=1000`).expect(200);
      const count = await get(`/fhir/Observation?${q}&_summary=count`).expect(200);
      expect({ q, total: count.body.total }).toEqual({ q, total: all.body.entry?.length ?? 0 });
    }
    const survey = await get(`/fhir/Observation?patient=${c.amy}&category=survey&_summary=count`).expect(200);
    // food (instrument + 1 answer), transport (instrument), PHQ-2 scored (instrument + 2 answers + score), PHQ-2 blank score code (instrument).
    expect(survey.body.total).toBe(2 + 1 + 4 + 1);
  });

  it('screening category cut to 20 characters is served and searchable in full', async () => {
    const res = await get(`/fhir/Observation?patient=${c.amy}&category=http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes|transportation-insecurity`).expect(200);
    expect(res.body.entry.map((e: R) => e.resource.id)).toEqual([`screening-${ids.transport}`]);
    expect(res.body.entry[0].resource.category[2].coding[0].code).toBe('transportation-insecurity');
  });

  it('Provenance revinclude and reads of each new type', async () => {
    for (const path of [`CarePlan/${ids.plan}`, `Goal/${ids.goal}`, `Device/${ids.implant}`, `QuestionnaireResponse/${ids.screen}`, `CareTeam/${c.amy}`, `Observation/screening-${ids.screen}-1`, `Observation/pack-years-${ids.social}`]) {
      expect({ path, status: (await get(`/fhir/${path}`)).status }).toEqual({ path, status: 200 });
    }
    const res = await get(`/fhir/CarePlan?patient=${c.amy}&category=assess-plan&_revinclude=Provenance:target`).expect(200);
    expect(res.body.entry.map((e: R) => e.resource.resourceType).sort()).toEqual(['CarePlan', 'Provenance']);
  });

  it("confinement: Bob's patient token sees his care team only, never Amy's care data; another practice sees nothing", async () => {
    const bob = await t.mint({ scope: 'patient/*.rs', patient: String(c.bob), practice: c.practiceA });
    for (const path of [`CarePlan/${ids.plan}`, `Goal/${ids.goal}`, `Device/${ids.implant}`, `QuestionnaireResponse/${ids.screen}`, `CareTeam/${c.amy}`, `Observation/screening-${ids.screen}`]) {
      expect({ path, status: (await get(`/fhir/${path}`, bob)).status }).toEqual({ path, status: 404 });
    }
    expect((await get('/fhir/CareTeam', bob).expect(200)).body.entry.map((e: R) => e.resource.id)).toEqual([String(c.bob)]);
    expect((await get(`/fhir/Goal?patient=${c.amy}`, bob)).body.entry ?? []).toEqual([]);
    const other = await t.mint({ scope: 'user/*.rs', practice: c.practiceB });
    for (const type of ['CarePlan', 'Goal', 'CareTeam', 'Device', 'QuestionnaireResponse']) {
      expect({ type, n: ((await get(`/fhir/${type}`, other).expect(200)).body.entry ?? []).length }).toEqual({ type, n: 0 });
    }
  });
});
