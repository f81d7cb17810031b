import { describe, expect, it } from '@jest/globals';
import { vitalsRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { VITAL_SIGN_SLUGS } from '../ids.js';
import { toVitalSignObservation } from './vital-signs.mapper.js';
import { fromVitalSignObservation } from './vital-signs.reverse-mapper.js';

const ZONE = 'America/New_York';
const SIGN_COLUMNS: Record<string, string[]> = {
  height: ['HEIGHT_IN'], weight: ['WEIGHT_LB'], bmi: ['BMI'], bp: ['BP_SYSTOLIC', 'BP_DIASTOLIC'], 'heart-rate': ['PULSE'], 'respiratory-rate': ['RESP_RATE'],
  temperature: ['TEMP_F'], 'pulse-oximetry': ['SPO2', 'O2_FLOW_LPM'], 'head-circumference': ['HEAD_CIRC_CM'], 'bmi-percentile': ['BMI_PCTL'],
  'weight-for-length-percentile': ['WFL_PCTL'], 'head-circumference-percentile': ['HC_PCTL'],
};

describe('fromVitalSignObservation (VITALS reverse mapper)', () => {
  const row = vitalsRow({ VISIT_ID: null, HEIGHT_IN: 64.5, WEIGHT_LB: 150.25, BMI: 25.3, BP_SYSTOLIC: 120, BP_DIASTOLIC: 80, PULSE: 72, RESP_RATE: 16, TEMP_F: 98.6, SPO2: 97, O2_FLOW_LPM: 2, HEAD_CIRC_CM: 40, BMI_PCTL: 55, WFL_PCTL: 40, HC_PCTL: 60, STATUS: 'A', TAKEN_AT: '2024-03-10T09:30:00' });

  it.each(VITAL_SIGN_SLUGS.map((s) => [s]))('round-trips %s: row -> Observation -> the same columns, instant and status', (slug) => {
    const obs = toVitalSignObservation(row, slug, testContext(ZONE))!;
    const back = fromVitalSignObservation(obs as unknown as Record<string, unknown>, ZONE);
    const values = Object.fromEntries(SIGN_COLUMNS[slug].map((c) => [c, (row as unknown as Record<string, unknown>)[c]]));
    expect(back).toEqual({ ok: true, row: { PAT_ID: row.PAT_ID, TAKEN_AT: row.TAKEN_AT, STATUS: 'A', values, slug } });
  });

  it('converts units into the column unit and refuses what the column cannot hold', () => {
    const obs = toVitalSignObservation(row, 'height', testContext(ZONE)) as unknown as Record<string, unknown>;
    const cm = fromVitalSignObservation({ ...obs, valueQuantity: { value: 170, system: 'http://unitsofmeasure.org', code: 'cm' } }, ZONE);
    expect(cm.ok && cm.row.values).toEqual({ HEIGHT_IN: 66.93 });
    const tooBig = fromVitalSignObservation({ ...obs, valueQuantity: { value: 100_000, system: 'http://unitsofmeasure.org', code: '[in_i]' } }, ZONE);
    expect(tooBig.ok ? [] : tooBig.issues.map((i) => `${i.code} ${i.expression}`)).toEqual(['not-supported Observation.valueQuantity.value']);
    const error = fromVitalSignObservation({ ...obs, status: 'entered-in-error', encounter: { reference: 'Encounter/1' } }, ZONE);
    expect(error.ok ? [] : error.issues.map((i) => i.expression).sort()).toEqual(['Observation.encounter', 'Observation.status']);
  });
});
