/**
 * Condition create + update end to end (issue 10) on one database engine: problem-list items and health concerns
 * written into PROBLEM, encounter diagnoses read-only, version checks, refusals leaving every table identical.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SYSTEM } from '#facade/mappers';
import type { Clinic } from './clinic.js';
import type { FhirTestApp } from './fhir-test-app.js';
import { writeHarness } from './write-harness.js';

type R = Record<string, any>;  

function asthma(patId: number): R {
  return {
    resourceType: 'Condition',
    clinicalStatus: { coding: [{ system: SYSTEM.conditionClinical, code: 'active' }] },
    verificationStatus: { coding: [{ system: SYSTEM.conditionVerification, code: 'confirmed' }] },
    category: [{ coding: [{ system: SYSTEM.conditionCategory, code: 'problem-list-item' }] }],
    code: { coding: [{ system: SYSTEM.snomed, code: '195967001' }, { system: SYSTEM.icd10cm, code: 'J45.909' }], text: 'Asthma' },
    subject: { reference: `Patient/${patId}` },
    onsetDateTime: '2015-09-01',
    note: [{ text: 'Uses inhaler in spring' }],
  };
}

export function writeConditionSuite(engine: 'sqlite' | 'postgres'): void {
  describe(`Condition create and update (${engine})`, () => {
    let t: FhirTestApp;
    let clinic: Clinic;
    let token: string;
    const w = writeHarness(engine);
    const send = (method: 'post' | 'put', path: string, body: unknown, ifMatch?: string, tok = token) => w.send(method, path, tok, body, ifMatch);
    const problemRow = async (id: number) => (await t.ds.getRepository('PROBLEM').findOneByOrFail({ PROB_ID: id })) as R;
    const refused = w.refused;

    beforeAll(async () => {
      ({ t, clinic } = w);
      token = await t.mint({ scope: 'user/Condition.cruds user/Patient.rs', practice: clinic.practiceA });
    });

    it('creates a problem-list item that reads back equal and updates it with If-Match', async () => {
      const created = await send('post', 'Condition', asthma(clinic.amy)).expect(201);
      expect(created.headers.etag).toBe('W/"1"');
      expect(created.body).toMatchObject({ clinicalStatus: asthma(clinic.amy).clinicalStatus, category: [{ coding: [{ code: 'problem-list-item' }] }], onsetDateTime: '2015-09-01', note: [{ text: 'Uses inhaler in spring' }], code: { text: 'Asthma' } });
      expect(created.body.code.coding.map((c: R) => `${c.system}|${c.code}`)).toEqual([`${SYSTEM.snomed}|195967001`, `${SYSTEM.icd10cm}|J45.909`]);
      const id = created.body.id as string;
      expect(await problemRow(Number(id))).toMatchObject({ PROB_TYPE: 'P', ICD10_CODE: 'J45909', SNOMED_CODE: '195967001', DESCRIPTION: 'Asthma', STATUS: 'A', VERIFIED: 'C', ROW_VER: 1, DELETED_YN: 'N', CREATED_BY: 1 });
      const resolved = { ...created.body, clinicalStatus: { coding: [{ system: SYSTEM.conditionClinical, code: 'resolved' }] }, abatementDateTime: '2024-01-01' };
      await refused(() => send('put', `Condition/${id}`, resolved), 428);
      const ok = await send('put', `Condition/${id}`, resolved, 'W/"1"').expect(200);
      expect(ok.body).toMatchObject({ meta: { versionId: '2' }, abatementDateTime: '2024-01-01', clinicalStatus: { coding: [{ code: 'resolved' }] } });
      expect(await problemRow(Number(id))).toMatchObject({ STATUS: 'R', RESOLVED_DATE: '2024-01-01', ROW_VER: 2 });
      await refused(() => send('put', `Condition/${id}`, resolved, 'W/"1"'), 412);
      const concern = { ...ok.body, category: [{ coding: [{ system: SYSTEM.usCoreConditionCategory, code: 'health-concern' }] }] };
      const body = await refused(() => send('put', `Condition/${id}`, concern, 'W/"2"'), 422);
      expect(body.issue[0]).toMatchObject({ code: 'business-rule', expression: ['Condition.category'] });
    });

    it('keeps encounter diagnoses read-only and refuses writes outside the token, writing nothing', async () => {
      const diagnosis = (await request(t.server as never).get(`/fhir/Condition/${clinic.amyDiagnosis}`).set('Authorization', `Bearer ${token}`).expect(200)).body;
      await refused(() => send('put', `Condition/${clinic.amyDiagnosis}`, diagnosis, `W/"${diagnosis.meta.versionId}"`), 422);
      const asProblem = { ...diagnosis, encounter: undefined, category: asthma(clinic.amy).category };
      const body = await refused(() => send('put', `Condition/${clinic.amyDiagnosis}`, asProblem, `W/"${diagnosis.meta.versionId}"`), 422);
      expect(body.issue[0].expression).toEqual(['Condition.category']);
      await refused(() => send('post', 'Condition', { ...asthma(clinic.amy), category: [{ coding: [{ system: SYSTEM.conditionCategory, code: 'encounter-diagnosis' }] }] }), 422);
      await refused(() => send('post', 'Condition', asthma(clinic.cara)), 403);
      const other = await t.mint({ scope: 'user/Condition.cruds', practice: clinic.practiceB });
      const problem = (await request(t.server as never).get(`/fhir/Condition/${clinic.amyProblem}`).set('Authorization', `Bearer ${token}`).expect(200)).body;
      await refused(() => send('put', `Condition/${clinic.amyProblem}`, problem, 'W/"1"', other), 404);
      await refused(() => send('post', 'Condition', { ...asthma(clinic.amy), id: '5' }), 400);
    });
  });
}
