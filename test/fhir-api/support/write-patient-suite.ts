/**
 * Patient update end to end (issue 10) on one database engine: names, telecom, address and language written into
 * PATIENT with the version check; MRN, practice, merge links and other read-only elements refused (422) with every
 * table byte-identical; the patient's own token updates its own chart only.
 */
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { useWriteHarness } from './write-harness.js';

type R = Record<string, any>;  

export function writePatientSuite(engine: 'sqlite' | 'postgres'): void {
  describe(`Patient update (${engine})`, () => {
    const h = useWriteHarness(engine, 'user/Patient.rus');
    const put = (id: number, body: unknown, ifMatch: string | undefined, tok = h.token) => {
      const r = request(h.t.server as never).put(`/fhir/Patient/${id}`).set('Authorization', `Bearer ${tok}`).set('Content-Type', 'application/fhir+json');
      return (ifMatch ? r.set('If-Match', ifMatch) : r).send(JSON.stringify(body));
    };
    const read = async (id: number) => (await request(h.t.server as never).get(`/fhir/Patient/${id}`).set('Authorization', `Bearer ${h.token}`).expect(200)).body as R;
    const row = async (id: number) => (await h.t.ds.getRepository('PATIENT').findOneByOrFail({ PAT_ID: id })) as R;

    it('updates names, telecom, address and language with If-Match; ROW_VER + 1; MRN and practice untouched', async () => {
      const current = await read(h.clinic.amy);
      const before = await row(h.clinic.amy);
      const changed = {
        ...current,
        name: [{ use: 'official', family: 'Shaw-Lee', given: ['Amy', 'J'] }, { use: 'usual', given: ['Ames'] }, { use: 'old', family: 'Shaw' }],
        telecom: [{ system: 'phone', value: '(617) 555-0100', use: 'mobile' }, { system: 'email', value: 'amy@example.org' }],
        address: [{ use: 'home', line: ['5 Elm St', 'Apt 2'], city: 'Cambridge', state: 'ma', postalCode: '02139' }],
        communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'es' }] }, preferred: true }],
      };
      await h.refused(() => put(h.clinic.amy, changed, undefined), 428);
      const ok = await put(h.clinic.amy, changed, `W/"${current.meta.versionId}"`).expect(200);
      expect(ok.body.meta.versionId).toBe(String(Number(current.meta.versionId) + 1));
      expect(await row(h.clinic.amy)).toMatchObject({
        LAST_NAME: 'Shaw-Lee', FIRST_NAME: 'Amy', MIDDLE_NAME: 'J', PREFERRED_NAME: 'Ames', PREV_LAST_NAME: 'Shaw', CELL_PHONE: '6175550100', HOME_PHONE: null,
        EMAIL: 'amy@example.org', ADDR1: '5 Elm St', ADDR2: 'Apt 2', CITY: 'Cambridge', STATE: 'MA', ZIP: '02139', LANGUAGE_CODE: 'es',
        MRN: before.MRN, PRACTICE_ID: before.PRACTICE_ID, DOB: before.DOB, ROW_VER: before.ROW_VER + 1, CREATED_AT: before.CREATED_AT, UPDATED_BY: 1,
      });
      expect(ok.body.identifier).toEqual(current.identifier);
      await h.refused(() => put(h.clinic.amy, changed, `W/"${current.meta.versionId}"`), 412);
    });

    it('refuses changes to the MRN, the practice, merge links, birth date; other charts; writing nothing', async () => {
      const current = await read(h.clinic.bob);
      const v = `W/"${current.meta.versionId}"`;
      const mrn = { ...current, identifier: current.identifier.map((i: R) => (i.type?.coding?.[0]?.code === 'MR' ? { ...i, value: 'MRN999' } : i)) };
      let body = await h.refused(() => put(h.clinic.bob, mrn, v), 422);
      expect(body.issue.map((i: R) => i.expression[0])).toEqual(['Patient.identifier']);
      body = await h.refused(() => put(h.clinic.bob, { ...current, managingOrganization: { reference: `Organization/practice-${h.clinic.practiceB}` }, link: [{ other: { reference: `Patient/${h.clinic.amy}` }, type: 'replaced-by' }], birthDate: '1961-01-01' }, v), 422);
      expect(body.issue.map((i: R) => i.expression[0]).sort()).toEqual(['Patient.birthDate', 'Patient.link', 'Patient.managingOrganization']);
      await h.refused(() => put(h.clinic.bob, { ...current, name: [{ use: 'nickname', given: ['B'] }] }, v), 422);
      const amyToken = await h.t.mint({ scope: 'patient/Patient.ru', patient: String(h.clinic.amy), practice: h.clinic.practiceA, sub: 'portal:1' });
      await h.refused(() => put(h.clinic.bob, current, v, amyToken), 404);
      const other = await h.t.mint({ scope: 'user/Patient.ru', practice: h.clinic.practiceB });
      await h.refused(() => put(h.clinic.bob, current, v, other), 404);
      // The patient updates its own chart (CREATED_BY untouched, UPDATED_BY the service user: NULL here).
      const own = await read(h.clinic.amy);
      await put(h.clinic.amy, { ...own, telecom: [{ system: 'phone', value: '617-555-0199', use: 'home' }] }, `W/"${own.meta.versionId}"`, amyToken).expect(200);
      expect(await row(h.clinic.amy)).toMatchObject({ HOME_PHONE: '6175550199', CELL_PHONE: null, EMAIL: null, UPDATED_BY: null });
    });
  });
}
