/**
 * Patient update end to end (issue 10) on one database engine: names, telecom, address and language written into
 * PATIENT with the version check; MRN, practice, merge links and other read-only elements refused (422) with every
 * table byte-identical; the patient's own token updates its own chart only. Contacts (PAT_CONTACT) added, changed and
 * soft-deleted in the PATIENT's transaction; a contact the EHR changed in between makes the whole PUT a 412.
 */
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SYSTEM } from '#facade/mappers';
import { useWriteHarness } from './write-harness.js';

type R = Record<string, any>;  

export function writePatientSuite(engine: 'sqlite' | 'postgres'): void {
  describe(`Patient update (${engine})`, () => {
    const h = useWriteHarness(engine, 'user/Patient.rus');
    const put = (id: number, body: unknown, ifMatch: string | undefined, tok = h.token) => h.send('put', `Patient/${id}`, body, { token: tok, ifMatch });
    const read = async (id: number) => (await h.get(`Patient/${id}`).expect(200)).body as R;
    const row = async (id: number) => (await h.row('PATIENT', 'PAT_ID', id)) as R;

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

    it('contacts: added, changed and soft-deleted with the PATIENT in one transaction; the version covers them', async () => {
      const caraToken = await h.t.mint({ scope: 'user/Patient.rus', practice: h.clinic.practiceB });
      const contactRows = async () => (await h.t.ds.getRepository('PAT_CONTACT').find({ where: { PAT_ID: h.clinic.cara }, order: { CONTACT_ID: 'ASC' } })) as R[];
      const readCara = async () => (await h.get(`Patient/${h.clinic.cara}`, { token: caraToken }).expect(200)).body as R;
      const mother = h.clinic.records.caraContact;
      const current = await readCara();
      const [before] = await contactRows();
      expect(current.meta.versionId).toBe(String((await row(h.clinic.cara)).ROW_VER + before.ROW_VER));
      expect(current.contact.map((c: R) => c.id)).toEqual([`contact-${mother}`]);
      const father = {
        relationship: [{ coding: [{ system: SYSTEM.v3RoleCode, code: 'FTH' }] }, { coding: [{ system: SYSTEM.v2ContactRole, code: 'C' }] }],
        name: { family: 'Lopez', given: ['Luis'] },
        address: { line: ['9 Oak St'], city: 'Salem', state: 'MA', postalCode: '01970' },
      };
      const edited = { ...current.contact[0], name: { family: 'Lopez', given: ['Carla'] }, telecom: [{ system: 'phone', value: '617-555-0123' }] };
      const ok = await put(h.clinic.cara, { ...current, contact: [edited, father] }, `W/"${current.meta.versionId}"`, caraToken).expect(200);
      // +1 PATIENT, +1 the changed contact, +1 the new one.
      expect(ok.body.meta.versionId).toBe(String(Number(current.meta.versionId) + 3));
      expect(ok.headers.etag).toBe(`W/"${ok.body.meta.versionId}"`);
      let rows = await contactRows();
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatchObject({ CONTACT_ID: mother, RELATION_CODE: 'MTH', LAST_NAME: 'Lopez', FIRST_NAME: 'Carla', PHONE: '6175550123', IS_GUARDIAN_YN: 'Y', IS_EMERGENCY_YN: 'Y', ACTIVE_YN: 'Y', ROW_VER: before.ROW_VER + 1 });
      expect(rows[1]).toMatchObject({ RELATION_CODE: 'FTH', LAST_NAME: 'Lopez', FIRST_NAME: 'Luis', ADDR1: '9 Oak St', CITY: 'Salem', STATE: 'MA', ZIP: '01970', IS_EMERGENCY_YN: 'Y', IS_GUARDIAN_YN: 'N', ACTIVE_YN: 'Y', ROW_VER: 1 });
      expect(ok.body.contact.map((c: R) => c.id)).toEqual([`contact-${mother}`, `contact-${rows[1].CONTACT_ID}`]);

      // Left out = soft-deleted (ACTIVE_YN 'N', ROW_VER + 1), never a physical delete; unchanged contacts are not touched.
      const second = ok.body;
      const done = await put(h.clinic.cara, { ...second, contact: [second.contact[1]] }, `W/"${second.meta.versionId}"`, caraToken).expect(200);
      expect(done.body.contact.map((c: R) => c.id)).toEqual([`contact-${rows[1].CONTACT_ID}`]);
      const after = await contactRows();
      expect(after).toHaveLength(2);
      expect(after[0]).toMatchObject({ ACTIVE_YN: 'N', ROW_VER: rows[0].ROW_VER + 1, FIRST_NAME: 'Carla' });
      expect(after[1]).toEqual(rows[1]);
      rows = after;

      // The EHR edits a contact after the read: the whole PUT (here only a PATIENT change) is refused, nothing written.
      const third = await readCara();
      expect(third.meta.versionId).toBe(String(Number(done.body.meta.versionId)));
      await h.t.ds.createQueryBuilder().update('PAT_CONTACT').set({ PHONE: '6175550777', ROW_VER: () => `${h.t.ds.driver.escape('ROW_VER')} + 1` }).where(`${h.t.ds.driver.escape('CONTACT_ID')} = :id`, { id: rows[1].CONTACT_ID }).execute();
      const renamed = { ...third, name: [{ use: 'official', family: 'Lopez', given: ['Caroline'] }] };
      await h.refused(() => put(h.clinic.cara, renamed, `W/"${third.meta.versionId}"`, caraToken), 412);
      const fresh = await readCara();
      expect(Number(fresh.meta.versionId)).toBe(Number(third.meta.versionId) + 1);
      // An unmapped relationship, a contact of another chart: 422 naming them, nothing written.
      const bad = { ...fresh, contact: [{ ...fresh.contact[0], relationship: [{ coding: [{ system: SYSTEM.v3RoleCode, code: 'COUSN' }] }] }, { ...father, id: `contact-${h.clinic.records.amyContact}` }] };
      const body = await h.refused(() => put(h.clinic.cara, bad, `W/"${fresh.meta.versionId}"`, caraToken), 422);
      expect(body.issue.map((i: R) => i.expression[0]).sort()).toEqual(['Patient.contact[0].relationship[0].coding[0]', 'Patient.contact[1].id']);
      await put(h.clinic.cara, { ...fresh, name: renamed.name }, `W/"${fresh.meta.versionId}"`, caraToken).expect(200);
      expect(await contactRows()).toEqual([rows[0], { ...rows[1], PHONE: '6175550777', ROW_VER: rows[1].ROW_VER + 1 }]);
    });

    it('race: concurrent PUTs with one If-Match, each adding a contact: exactly one wins, the rest 412; again interleaved with an EHR edit: nothing lost', async () => {
      const friend = (i: number) => ({ relationship: [{ coding: [{ system: SYSTEM.v3RoleCode, code: 'FRND' }] }], name: { family: `Friend${i}` } });
      const col = (c: string) => h.t.ds.driver.escape(c);
      const contactsOfBob = async () => (await h.t.ds.getRepository('PAT_CONTACT').find({ where: { PAT_ID: h.clinic.bob }, order: { CONTACT_ID: 'ASC' } })) as R[];
      const first = await read(h.clinic.bob);
      const round1 = await Promise.all(Array.from({ length: 6 }, (_, i) => put(h.clinic.bob, { ...first, contact: [friend(i)] }, `W/"${first.meta.versionId}"`)));
      expect(round1.map((r) => r.status).sort()).toEqual([200, 412, 412, 412, 412, 412]);
      expect((await contactsOfBob()).filter((c) => c.ACTIVE_YN === 'Y')).toHaveLength(1);
      const winner = round1.find((r) => r.status === 200)!.body as R;
      expect(Number(winner.meta.versionId)).toBe(Number(first.meta.versionId) + 2);

      const second = await read(h.clinic.bob);
      expect(second).toEqual(winner);
      const ehrEdit = h.t.ds.createQueryBuilder().update('PATIENT').set({ WORK_PHONE: '6175550000', ROW_VER: () => `${col('ROW_VER')} + 1` }).where(`${col('PAT_ID')} = :id`, { id: h.clinic.bob }).execute();
      const round2 = await Promise.all([...Array.from({ length: 6 }, (_, i) => put(h.clinic.bob, { ...second, contact: [friend(10 + i)] }, `W/"${second.meta.versionId}"`)), ehrEdit]);
      const statuses = round2.slice(0, 6).map((r) => (r as request.Response).status);
      const wins = statuses.filter((s) => s === 200).length;
      expect(wins).toBeLessThanOrEqual(1);
      expect(statuses.filter((s) => s !== 200).every((s) => s === 412)).toBe(true);
      const contacts = await contactsOfBob();
      // A winner soft-deleted the first friend and added its own; a loser wrote nothing.
      expect(contacts.map((c) => c.ACTIVE_YN)).toEqual(wins ? ['N', 'Y'] : ['Y']);
      // The EHR's edit survives whichever order the winner and the EHR ran in.
      expect(await row(h.clinic.bob)).toMatchObject({ WORK_PHONE: '6175550000' });
      const after = await read(h.clinic.bob);
      expect(Number(after.meta.versionId)).toBe(Number(second.meta.versionId) + 1 + (wins ? 3 : 0));
    });
  });
}
