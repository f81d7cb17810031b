/**
 * Create and update end to end (issue 10) on one database engine: AllergyIntolerance create -> read back equal
 * (modulo server fields), update with the right ETag -> 200 and ROW_VER + 1, stale -> 412, none -> 428, POST with id
 * -> 400, writes outside the token's patient / practice / scopes -> 403/404, and every rejected write leaves every
 * legacy table byte-identical. A race: concurrent PUTs with one If-Match, interleaved with a direct EHR UPDATE.
 */
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SYSTEM } from '#facade/mappers';
import { FHIR_URL } from './fhir-test-app.js';
import { useWriteHarness } from './write-harness.js';
import { JsonLogger } from '#facade/observability';

type R = Record<string, any>;  

const FHIR_JSON = 'application/fhir+json';

/** A US Core AllergyIntolerance for a patient (no id, no meta). */
export function peanutAllergy(patId: number): R {
  return {
    resourceType: 'AllergyIntolerance',
    clinicalStatus: { coding: [{ system: SYSTEM.allergyClinical, code: 'active' }] },
    verificationStatus: { coding: [{ system: SYSTEM.allergyVerification, code: 'confirmed' }] },
    category: ['food'],
    criticality: 'high',
    code: { coding: [{ system: SYSTEM.snomed, code: '91935009' }], text: 'Peanut' },
    patient: { reference: `Patient/${patId}` },
    onsetDateTime: '2010-05-01',
    reaction: [{ manifestation: [{ coding: [{ system: SYSTEM.snomed, code: '39579001' }], text: 'Anaphylaxis' }], severity: 'severe' }],
  };
}

/** A resource without the server's fields (id, meta, recordedDate) and displays the server adds. */
function clientView(r: R): R {
  const server = new Set(['id', 'meta', 'recordedDate']);
  const top = Object.fromEntries(Object.entries(r).filter(([k]) => !server.has(k)));
  return JSON.parse(JSON.stringify(top, (k, v) => (k === 'display' ? undefined : v)));
}

/** Registers the suite for one database engine. */
export function writeSuite(engine: 'sqlite' | 'postgres'): void {
  describe(`create and update (${engine})`, () => {
    const logLines: Record<string, unknown>[] = [];
    const h = useWriteHarness(engine, 'user/AllergyIntolerance.cruds user/Patient.rs', { logger: new JsonLogger('fhir-api', 'info', (line) => logLines.push(JSON.parse(line))) });
    const post = (token: string, type: string, body: unknown, base = 'fhir') => h.send('post', type, body, { token, base });
    const put = (token: string, type: string, id: string, body: unknown, ifMatch?: string) => h.send('put', `${type}/${id}`, body, { token, ifMatch });
    const get = (token: string, path: string) => h.get(path, { token });
    const allergyRow = async (id: number) => (await h.t.ds.getRepository('ALLERGY').findOneByOrFail({ ALLERGY_ID: id })) as R;

    it('creates an AllergyIntolerance: 201, Location with the version, ETag, Last-Modified; it reads back equal', async () => {
      const res = await post(h.token, 'AllergyIntolerance', peanutAllergy(h.clinic.amy)).expect(201);
      expect(res.headers.location).toMatch(new RegExp(`^${FHIR_URL}/fhir/AllergyIntolerance/(\\d+)/_history/1$`));
      expect(res.headers.etag).toBe('W/"1"');
      expect(new Date(res.headers['last-modified']).getTime()).toBeGreaterThan(Date.now() - 120_000);
      expect(clientView(res.body)).toEqual(clientView(peanutAllergy(h.clinic.amy)));
      const read = await get(h.token, `AllergyIntolerance/${res.body.id}`).expect(200);
      expect(read.body).toEqual(res.body);
      const row = await allergyRow(Number(res.body.id));
      expect(row).toMatchObject({ PAT_ID: h.clinic.amy, NKA_YN: 'N', ALLERGEN_TYPE: 'F', SNOMED_CODE: '91935009', ALLERGEN_NAME: 'Peanut', CRITICALITY: 'H', SEVERITY: 'SEV', REACTION_SNOMED: '39579001', STATUS: 'A', VERIFIED_YN: 'Y', ONSET_DATE: '2010-05-01', DELETED_YN: 'N', ROW_VER: 1, CREATED_BY: 1, UPDATED_BY: 1 });
      expect(row.CREATED_AT).toBe(row.UPDATED_AT);
      // The actor is logged (keys and versions only, no content).
      const event = logLines.find((l) => l.event === 'fhir_write' && l.id === res.body.id);
      expect(event).toMatchObject({ interaction: 'create', type: 'AllergyIntolerance', version: '1', sub: 'user:1', clientId: 'test-app', recordedUser: 1 });
      expect(JSON.stringify(event)).not.toContain('Peanut');
    });

    it('creates "no known allergies" and honours Prefer: return=minimal and return=OperationOutcome', async () => {
      const nka = { resourceType: 'AllergyIntolerance', clinicalStatus: { coding: [{ system: SYSTEM.allergyClinical, code: 'active' }] }, code: { coding: [{ system: SYSTEM.snomed, code: '716186003' }] }, patient: { reference: `Patient/${h.clinic.amy}` } };
      const minimal = await post(h.token, 'AllergyIntolerance', nka).set('Prefer', 'return=minimal').expect(201);
      expect(minimal.text ?? '').toBe('');
      expect(minimal.headers.etag).toBe('W/"1"');
      const id = /AllergyIntolerance\/(\d+)\//.exec(minimal.headers.location)![1];
      expect(await allergyRow(Number(id))).toMatchObject({ NKA_YN: 'Y', ALLERGEN_NAME: null, SNOMED_CODE: null });
      const outcome = await post(h.token, 'AllergyIntolerance', nka).set('Prefer', 'return=OperationOutcome').expect(201);
      expect(outcome.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'information' }] });
    });

    it('refuses a create with an id (400 invalid, AllergyIntolerance.id) and conditional create, writing nothing', async () => {
      const body = await h.refused(() => post(h.token, 'AllergyIntolerance', { ...peanutAllergy(h.clinic.amy), id: '999' }), 400);
      expect(body.issue[0]).toMatchObject({ code: 'invalid', expression: ['AllergyIntolerance.id'] });
      await h.refused(() => post(h.token, 'AllergyIntolerance', peanutAllergy(h.clinic.amy)).set('If-None-Exist', 'patient=1'), 400);
    });

    it('refuses bodies it cannot store or that break the rules (422 with expressions), writing nothing', async () => {
      const extra = peanutAllergy(h.clinic.amy);
      extra.reaction[0].onset = '2010-05-01';
      extra.note = [{ text: 'seen in ER' }];
      let body = await h.refused(() => post(h.token, 'AllergyIntolerance', extra), 422);
      expect(body.issue.filter((i: R) => i.code === 'not-supported').map((i: R) => i.expression[0]).sort()).toEqual(['AllergyIntolerance.note', 'AllergyIntolerance.reaction[0].onset']);
      const unmapped = peanutAllergy(h.clinic.amy);
      unmapped.verificationStatus.coding[0].code = 'refuted';
      body = await h.refused(() => post(h.token, 'AllergyIntolerance', unmapped), 422);
      expect(body.issue.map((i: R) => i.expression?.[0])).toContain('AllergyIntolerance.verificationStatus');
      const nkaWithReaction = { ...peanutAllergy(h.clinic.amy), category: undefined, criticality: undefined, code: { coding: [{ system: SYSTEM.snomed, code: '716186003' }] } };
      body = await h.refused(() => post(h.token, 'AllergyIntolerance', nkaWithReaction), 422);
      expect(body.issue).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'business-rule', expression: ['AllergyIntolerance.code'] })]));
      const noStatus = { ...peanutAllergy(h.clinic.amy), clinicalStatus: undefined };
      body = await h.refused(() => post(h.token, 'AllergyIntolerance', noStatus), 422);
      expect(body.issue.map((i: R) => i.expression?.[0])).toContain('AllergyIntolerance.clinicalStatus');
    });

    it('refuses malformed bodies: another type, constructor keys, no body, wrong media type', async () => {
      await h.refused(() => post(h.token, 'AllergyIntolerance', { ...peanutAllergy(h.clinic.amy), resourceType: 'Condition' }), 400);
      await h.refused(() => post(h.token, 'AllergyIntolerance', { ...peanutAllergy(h.clinic.amy), code: { constructor: { prototype: {} } } }), 400);
      await h.refused(() => request(h.t.server as never).post('/fhir/AllergyIntolerance').set('Authorization', `Bearer ${h.token}`).set('Content-Type', FHIR_JSON).send('{"resourceType":'), 400);
      await h.refused(() => request(h.t.server as never).post('/fhir/AllergyIntolerance').set('Authorization', `Bearer ${h.token}`).set('Content-Type', 'text/plain').send('x'), 415);
    });

    it('refuses writes outside the token: scope, patient, practice, granular scopes; 405 for types that are not writable', async () => {
      const readOnly = await h.t.mint({ scope: 'user/*.rs', practice: h.clinic.practiceA });
      await h.refused(() => post(readOnly, 'AllergyIntolerance', peanutAllergy(h.clinic.amy)), 403);
      const bobToken = await h.t.mint({ scope: 'patient/AllergyIntolerance.cu patient/Patient.r', patient: String(h.clinic.bob), practice: h.clinic.practiceA, sub: 'portal:7' });
      await h.refused(() => post(bobToken, 'AllergyIntolerance', peanutAllergy(h.clinic.amy)), 403);
      const practiceB = await h.t.mint({ scope: 'user/AllergyIntolerance.cruds', practice: h.clinic.practiceB });
      await h.refused(() => post(practiceB, 'AllergyIntolerance', peanutAllergy(h.clinic.amy)), 403);
      await h.refused(() => post(h.token, 'AllergyIntolerance', peanutAllergy(h.clinic.cara)), 403);
      await h.refused(() => post(h.token, 'AllergyIntolerance', peanutAllergy(987654)), 403);
      const granular = await h.t.mint({ scope: 'user/AllergyIntolerance.c?clinical-status=active', practice: h.clinic.practiceA });
      await h.refused(() => post(granular, 'AllergyIntolerance', peanutAllergy(h.clinic.amy)), 403);
      const current = await get(h.token, `AllergyIntolerance/${h.clinic.amyAllergy}`).expect(200);
      await h.refused(() => put(practiceB, 'AllergyIntolerance', String(h.clinic.amyAllergy), current.body, 'W/"1"'), 404);
      await h.refused(() => put(bobToken, 'AllergyIntolerance', String(h.clinic.amyAllergy), current.body, 'W/"1"'), 404);
      const everything = await h.t.mint({ scope: 'user/*.cruds', practice: h.clinic.practiceA });
      await h.refused(() => post(everything, 'Encounter', { resourceType: 'Encounter' }), 405);
      // A patient writes its own chart (CREATED_BY: the configured service user, here NULL).
      const own = await post(bobToken, 'AllergyIntolerance', peanutAllergy(h.clinic.bob)).expect(201);
      expect(await allergyRow(Number(own.body.id))).toMatchObject({ PAT_ID: h.clinic.bob, CREATED_BY: null });
    });

    it('updates with If-Match: 200 and ROW_VER + 1; stale 412, none 428, malformed 400, id missing/different 400, unknown 404', async () => {
      const created = await post(h.token, 'AllergyIntolerance', peanutAllergy(h.clinic.amy)).expect(201);
      const id = created.body.id as string;
      const changed = { ...created.body, criticality: 'low', clinicalStatus: { coding: [{ system: SYSTEM.allergyClinical, code: 'resolved' }] } };
      await h.refused(() => put(h.token, 'AllergyIntolerance', id, changed), 428);
      await h.refused(() => put(h.token, 'AllergyIntolerance', id, changed, 'banana'), 400);
      await h.refused(() => put(h.token, 'AllergyIntolerance', id, { ...changed, id: undefined }, 'W/"1"'), 400);
      await h.refused(() => put(h.token, 'AllergyIntolerance', id, { ...changed, id: '1' }, 'W/"1"'), 400);
      await h.refused(() => put(h.token, 'AllergyIntolerance', '99999', { ...changed, id: '99999' }, 'W/"1"'), 404);
      await h.refused(() => put(h.token, 'AllergyIntolerance', id, { ...changed, patient: { reference: `Patient/${h.clinic.bob}` } }, 'W/"1"'), 422);
      const ok = await put(h.token, 'AllergyIntolerance', id, changed, 'W/"1"').expect(200);
      expect(ok.headers.etag).toBe('W/"2"');
      expect(ok.headers.location).toBe(`${FHIR_URL}/fhir/AllergyIntolerance/${id}/_history/2`);
      expect(ok.body).toMatchObject({ id, meta: { versionId: '2' }, criticality: 'low', clinicalStatus: { coding: [{ code: 'resolved' }] } });
      const row = await allergyRow(Number(id));
      expect(row).toMatchObject({ ROW_VER: 2, CRITICALITY: 'L', STATUS: 'R', CREATED_BY: 1, UPDATED_BY: 1 });
      // The engine's cache never serves the version before the write.
      expect((await get(h.token, `AllergyIntolerance/${id}`).expect(200)).body.meta.versionId).toBe('2');
      await h.refused(() => put(h.token, 'AllergyIntolerance', id, changed, 'W/"1"'), 412);
    });

    it('a race: N concurrent PUTs with one If-Match and a direct EHR UPDATE: one winner per version, the rest 412, nothing lost', async () => {
      const created = await post(h.token, 'AllergyIntolerance', peanutAllergy(h.clinic.amy)).expect(201);
      const id = Number(created.body.id);
      const attempt = (n: number) => put(h.token, 'AllergyIntolerance', String(id), { ...created.body, reaction: [{ ...created.body.reaction[0], manifestation: [{ text: `Rash ${n}` }] }] }, 'W/"1"');
      const ehrUpdate = () =>
        h.t.ds.createQueryBuilder().update('ALLERGY').set({ ONSET_DATE: '2001-02-03', ROW_VER: () => `${h.t.ds.driver.escape('ROW_VER')} + 1` }).where(`${h.t.ds.driver.escape('ALLERGY_ID')} = :id`, { id }).execute();
      const [ehr, ...results] = await Promise.all([ehrUpdate(), ...Array.from({ length: 8 }, (_, n) => attempt(n))]);
      expect(ehr.affected).toBe(1);
      const statuses = results.map((r) => r.status);
      expect(statuses.every((s) => s === 200 || s === 412)).toBe(true);
      const winners = results.filter((r) => r.status === 200);
      expect(winners.length).toBeLessThanOrEqual(1);
      const row = await allergyRow(id);
      expect(row.ROW_VER).toBe(2 + winners.length);
      expect(row.ONSET_DATE).toBe('2001-02-03'); // the EHR's change is never overwritten
      expect(row.REACTION_TEXT).toBe(winners.length ? winners[0].body.reaction[0].manifestation[0].text : 'Anaphylaxis');

      // Without the EHR: exactly one of N PUTs on the current version wins.
      const current = await get(h.token, `AllergyIntolerance/${id}`).expect(200);
      const v = current.body.meta.versionId as string;
      const round = await Promise.all(Array.from({ length: 8 }, (_, n) => put(h.token, 'AllergyIntolerance', String(id), { ...current.body, criticality: n % 2 ? 'low' : 'high' }, `W/"${v}"`)));
      expect(round.map((r) => r.status).sort()).toEqual([200, 412, 412, 412, 412, 412, 412, 412]);
      expect((await allergyRow(id)).ROW_VER).toBe(Number(v) + 1);
    });

    it('the CapabilityStatement declares exactly the write interactions that work', async () => {
      const cs = (await request(h.t.server as never).get('/fhir/metadata').expect(200)).body;
      const res = (type: string) => cs.rest[0].resource.find((r: R) => r.type === type);
      expect(res('AllergyIntolerance').interaction.map((i: R) => i.code)).toEqual(['read', 'vread', 'search-type', 'create', 'update']);
      expect(res('AllergyIntolerance')).toMatchObject({ versioning: 'versioned-update', updateCreate: false, conditionalCreate: false });
      expect(res('AllergyIntolerance').documentation).toContain('400');
      expect(res('Observation').interaction.map((i: R) => i.code)).toEqual(['read', 'vread', 'search-type', 'create']);
      expect(res('Observation')).toMatchObject({ versioning: 'versioned', conditionalCreate: false });
      expect(res('Condition')).toMatchObject({ versioning: 'versioned-update', updateCreate: false, conditionalCreate: false });
      expect(res('Patient').interaction.map((i: R) => i.code)).toEqual(['read', 'vread', 'search-type', 'update']);
      expect(res('Patient')).toMatchObject({ versioning: 'versioned-update', updateCreate: false });
      for (const r of cs.rest[0].resource.filter((x: R) => !['AllergyIntolerance', 'Observation', 'Condition', 'Patient', 'DocumentReference'].includes(x.type))) {
        expect(r.interaction.map((i: R) => i.code)).not.toContain('create');
        expect(r.interaction.map((i: R) => i.code)).not.toContain('update');
      }
    });
  });
}
