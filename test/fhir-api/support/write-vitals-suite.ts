/**
 * Observation vital-sign create end to end (issue 10) on one database engine: one VITALS row per event, units
 * converted to the column's, amended -> STATUS 'A', refusals (other categories, units, ids, other charts) leaving
 * every table byte-identical.
 */
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { instantToWallClock } from '#facade/legacy-db';
import { SYSTEM } from '#facade/mappers';
import { useWriteHarness } from './write-harness.js';

type R = Record<string, any>;  

const EFFECTIVE = '2024-05-01T08:15:00-04:00';
const vitalCategory = [{ coding: [{ system: SYSTEM.observationCategory, code: 'vital-signs' }] }];
const quantity = (value: number, code: string) => ({ value, unit: code, system: SYSTEM.ucum, code });

/** A simple vital-sign Observation (no id, no meta). */
export function vitalSign(patId: number, loinc: string, value: R, extra: R = {}): R {
  return { resourceType: 'Observation', status: 'final', category: vitalCategory, code: { coding: [{ system: SYSTEM.loinc, code: loinc }] }, subject: { reference: `Patient/${patId}` }, effectiveDateTime: EFFECTIVE, valueQuantity: value, ...extra };
}

export function writeVitalsSuite(engine: 'sqlite' | 'postgres'): void {
  describe(`vital-sign create (${engine})`, () => {
    const h = useWriteHarness(engine, 'user/Observation.crs user/Patient.rs');
    const post = (tok: string, body: unknown) => h.send('post', 'Observation', body, { token: tok });
    const vitalsRow = async (id: number) => (await h.t.ds.getRepository('VITALS').findOneByOrFail({ VITAL_ID: id })) as R;
    const keyOf = (id: string) => Number(/^vitals-(\d+)-/.exec(id)![1]);
    const refused = (body: unknown, status: number, tok = h.token) => h.refused(() => post(tok, body), status);

    it('creates a heart rate: a new VITALS row (local wall clock, STATUS F, ROW_VER 1) that reads back equal', async () => {
      const res = await post(h.token, vitalSign(h.clinic.amy, '8867-4', quantity(72, '/min'))).expect(201);
      expect(res.body.id).toMatch(/^vitals-\d+-heart-rate$/);
      expect(res.headers.location).toMatch(new RegExp(`/fhir/Observation/${res.body.id}/_history/1$`));
      expect(res.body).toMatchObject({ status: 'final', valueQuantity: { value: 72, code: '/min' }, subject: { reference: `Patient/${h.clinic.amy}` } });
      expect(Date.parse(res.body.effectiveDateTime)).toBe(Date.parse(EFFECTIVE));
      const read = await request(h.t.server as never).get(`/fhir/Observation/${res.body.id}`).set('Authorization', `Bearer ${h.token}`).expect(200);
      expect(read.body).toEqual(res.body);
      const row = await vitalsRow(keyOf(res.body.id));
      expect(row).toMatchObject({ PAT_ID: h.clinic.amy, TAKEN_AT: instantToWallClock(EFFECTIVE, h.t.config.legacyTimeZone), PULSE: 72, WEIGHT_LB: null, STATUS: 'F', ROW_VER: 1, DELETED_YN: 'N', CREATED_BY: 1 });
    });

    it('fills the same event row with a second sign, converting kg to the column unit (lb), and a blood pressure panel', async () => {
      const hr = await post(h.token, vitalSign(h.clinic.amy, '8867-4', quantity(80, '/min'), { effectiveDateTime: '2024-05-02T09:00:00Z' })).expect(201);
      const weight = await post(h.token, vitalSign(h.clinic.amy, '29463-7', quantity(70, 'kg'), { effectiveDateTime: '2024-05-02T09:00:00Z' })).expect(201);
      expect(keyOf(weight.body.id)).toBe(keyOf(hr.body.id));
      expect(weight.body.meta.versionId).toBe('2');
      expect(weight.body.valueQuantity).toMatchObject({ value: 154.32, code: '[lb_av]' });
      const bp = { ...vitalSign(h.clinic.amy, '85354-9', {}, { effectiveDateTime: '2024-05-02T09:00:00Z' }), component: [
        { code: { coding: [{ system: SYSTEM.loinc, code: '8480-6' }] }, valueQuantity: quantity(128, 'mm[Hg]') },
        { code: { coding: [{ system: SYSTEM.loinc, code: '8462-4' }] }, valueQuantity: quantity(82, 'mm[Hg]') },
      ] };
      delete (bp as R).valueQuantity;
      const panel = await post(h.token, bp).expect(201);
      expect(keyOf(panel.body.id)).toBe(keyOf(hr.body.id));
      expect(await vitalsRow(keyOf(hr.body.id))).toMatchObject({ PULSE: 80, WEIGHT_LB: 154.32, BP_SYSTOLIC: 128, BP_DIASTOLIC: 82, ROW_VER: 3 });
      // The same sign again for that instant is another event: a new row.
      const again = await post(h.token, vitalSign(h.clinic.amy, '8867-4', quantity(81, '/min'), { effectiveDateTime: '2024-05-02T09:00:00Z' })).expect(201);
      expect(keyOf(again.body.id)).not.toBe(keyOf(hr.body.id));
    });

    it('stores an amended value with STATUS A and a temperature in Celsius as degrees Fahrenheit', async () => {
      const res = await post(h.token, vitalSign(h.clinic.amy, '8310-5', quantity(37, 'Cel'), { status: 'amended' })).expect(201);
      expect(await vitalsRow(keyOf(res.body.id))).toMatchObject({ TEMP_F: 98.6, STATUS: 'A' });
    });

    it('refuses what a VITALS row cannot hold or the token may not write, writing nothing', async () => {
      let body = await refused({ ...vitalSign(h.clinic.amy, '8867-4', quantity(72, '/min')), id: 'x' }, 400);
      expect(body.issue[0].expression).toEqual(['Observation.id']);
      body = await refused(vitalSign(h.clinic.amy, '8867-4', quantity(72.5, '/min')), 422);
      expect(body.issue.map((i: R) => i.expression?.[0])).toContain('Observation.valueQuantity.value');
      body = await refused(vitalSign(h.clinic.amy, '8302-2', quantity(5, '[ft_i]')), 422);
      expect(body.issue.map((i: R) => i.code)).toContain('not-supported');
      body = await refused({ ...vitalSign(h.clinic.amy, '2345-7', quantity(95, 'mg/dL')), category: [{ coding: [{ system: SYSTEM.observationCategory, code: 'laboratory' }] }] }, 422);
      expect(body.issue.map((i: R) => i.expression?.[0])).toEqual(expect.arrayContaining(['Observation.category', 'Observation.code']));
      body = await refused(vitalSign(h.clinic.amy, '8867-4', quantity(72, '/min'), { effectiveDateTime: '2024-05-01', note: [{ text: 'x' }] }), 422);
      expect(body.issue.map((i: R) => i.expression?.[0])).toEqual(expect.arrayContaining(['Observation.effectiveDateTime', 'Observation.note']));
      const bob = await h.t.mint({ scope: 'patient/Observation.c patient/Patient.r', patient: String(h.clinic.bob), practice: h.clinic.practiceA, sub: 'portal:3' });
      await refused(vitalSign(h.clinic.amy, '8867-4', quantity(72, '/min')), 403, bob);
      await refused(vitalSign(h.clinic.cara, '8867-4', quantity(72, '/min')), 403);
      const readOnly = await h.t.mint({ scope: 'user/Observation.rs', practice: h.clinic.practiceA });
      await refused(vitalSign(h.clinic.amy, '8867-4', quantity(72, '/min')), 403, readOnly);
      const put = await request(h.t.server as never).put(`/fhir/Observation/vitals-${h.clinic.amyVitals}-heart-rate`).set('Authorization', `Bearer ${h.token}`).set('If-Match', 'W/"1"').set('Content-Type', 'application/fhir+json').send('{"resourceType":"Observation","id":"x"}');
      expect(put.status).toBe(405);
    });
  });
}
