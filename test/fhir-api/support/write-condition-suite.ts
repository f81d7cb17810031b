/**
 * Condition create + update end to end (issue 10) on one database engine: problem-list items and health concerns
 * written into PROBLEM, encounter diagnoses read-only, version checks, refusals leaving every table identical.
 */
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SYSTEM } from '#facade/mappers';
import { useWriteHarness } from './write-harness.js';

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
    const h = useWriteHarness(engine, 'user/Condition.cruds user/Patient.rs');
    const send = (method: 'post' | 'put', path: string, body: unknown, ifMatch?: string, tok = h.token) => h.send(method, path, body, { token: tok, ifMatch });
    const problemRow = async (id: number) => (await h.t.ds.getRepository('PROBLEM').findOneByOrFail({ PROB_ID: id })) as R;

    it('creates a problem-list item that reads back equal and updates it with If-Match', async () => {
      const created = await send('post', 'Condition', asthma(h.clinic.amy)).expect(201);
      expect(created.headers.etag).toBe('W/"1"');
      expect(created.body).toMatchObject({ clinicalStatus: asthma(h.clinic.amy).clinicalStatus, category: [{ coding: [{ code: 'problem-list-item' }] }], onsetDateTime: '2015-09-01', note: [{ text: 'Uses inhaler in spring' }], code: { text: 'Asthma' } });
      expect(created.body.code.coding.map((c: R) => `${c.system}|${c.code}`)).toEqual([`${SYSTEM.snomed}|195967001`, `${SYSTEM.icd10cm}|J45.909`]);
      const id = created.body.id as string;
      expect(await problemRow(Number(id))).toMatchObject({ PROB_TYPE: 'P', ICD10_CODE: 'J45909', SNOMED_CODE: '195967001', DESCRIPTION: 'Asthma', STATUS: 'A', VERIFIED: 'C', ROW_VER: 1, DELETED_YN: 'N', CREATED_BY: 1 });
      const resolved = { ...created.body, clinicalStatus: { coding: [{ system: SYSTEM.conditionClinical, code: 'resolved' }] }, abatementDateTime: '2024-01-01' };
      await h.refused(() => send('put', `Condition/${id}`, resolved), 428);
      const ok = await send('put', `Condition/${id}`, resolved, 'W/"1"').expect(200);
      expect(ok.body).toMatchObject({ meta: { versionId: '2' }, abatementDateTime: '2024-01-01', clinicalStatus: { coding: [{ code: 'resolved' }] } });
      expect(await problemRow(Number(id))).toMatchObject({ STATUS: 'R', RESOLVED_DATE: '2024-01-01', ROW_VER: 2 });
      await h.refused(() => send('put', `Condition/${id}`, resolved, 'W/"1"'), 412);
      const concern = { ...ok.body, category: [{ coding: [{ system: SYSTEM.usCoreConditionCategory, code: 'health-concern' }] }] };
      const body = await h.refused(() => send('put', `Condition/${id}`, concern, 'W/"2"'), 422);
      expect(body.issue[0]).toMatchObject({ code: 'business-rule', expression: ['Condition.category'] });
    });

    it('keeps encounter diagnoses read-only and refuses writes outside the token, writing nothing', async () => {
      const diagnosis = (await request(h.t.server as never).get(`/fhir/Condition/${h.clinic.amyDiagnosis}`).set('Authorization', `Bearer ${h.token}`).expect(200)).body;
      await h.refused(() => send('put', `Condition/${h.clinic.amyDiagnosis}`, diagnosis, `W/"${diagnosis.meta.versionId}"`), 422);
      const asProblem = { ...diagnosis, encounter: undefined, category: asthma(h.clinic.amy).category };
      const body = await h.refused(() => send('put', `Condition/${h.clinic.amyDiagnosis}`, asProblem, `W/"${diagnosis.meta.versionId}"`), 422);
      expect(body.issue[0].expression).toEqual(['Condition.category']);
      await h.refused(() => send('post', 'Condition', { ...asthma(h.clinic.amy), category: [{ coding: [{ system: SYSTEM.conditionCategory, code: 'encounter-diagnosis' }] }] }), 422);
      await h.refused(() => send('post', 'Condition', asthma(h.clinic.cara)), 403);
      const other = await h.t.mint({ scope: 'user/Condition.cruds', practice: h.clinic.practiceB });
      const problem = (await request(h.t.server as never).get(`/fhir/Condition/${h.clinic.amyProblem}`).set('Authorization', `Bearer ${h.token}`).expect(200)).body;
      await h.refused(() => send('put', `Condition/${h.clinic.amyProblem}`, problem, 'W/"1"', other), 404);
      await h.refused(() => send('post', 'Condition', { ...asthma(h.clinic.amy), id: '5' }), 400);
    });
  });
}
