import { describe, expect, it } from '@jest/globals';
import { PROFILE } from '../common/systems.js';
import type { VitalSignSlug } from '../ids.js';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { vitalsRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { toVitalSignObservation, toVitalSignObservations, vitalSignsPresent } from './vital-signs.mapper.js';

type Json = Record<string, any>;

const q = (value: number, code: string, unit = code) => ({ value, unit, system: 'http://unitsofmeasure.org', code });

/** One case per sign: the column(s), the expected id, profile, LOINC code(s) and value. */
const signs: Array<{ slug: VitalSignSlug; row: Parameters<typeof vitalsRow>[0]; profile: string; codes: string[]; check: (o: Json) => void }> = [
  { slug: 'height', row: { HEIGHT_IN: 65.5 }, profile: PROFILE.bodyHeight, codes: ['8302-2'], check: (o) => expect(o.valueQuantity).toEqual(q(65.5, '[in_i]', 'in')) },
  { slug: 'weight', row: { WEIGHT_LB: '154.30' as unknown as number }, profile: PROFILE.bodyWeight, codes: ['29463-7'], check: (o) => expect(o.valueQuantity).toEqual(q(154.3, '[lb_av]', 'lb')) },
  { slug: 'bmi', row: { BMI: 25.1 }, profile: PROFILE.bmi, codes: ['39156-5'], check: (o) => expect(o.valueQuantity).toEqual(q(25.1, 'kg/m2')) },
  {
    slug: 'bp',
    row: { BP_SYSTOLIC: 128, BP_DIASTOLIC: 82 },
    profile: PROFILE.bloodPressure,
    codes: ['85354-9'],
    check: (o) => {
      expect(o.valueQuantity).toBeUndefined();
      expect(o.component.map((c: Json) => [c.code.coding[0].code, c.valueQuantity])).toEqual([
        ['8480-6', q(128, 'mm[Hg]', 'mmHg')],
        ['8462-4', q(82, 'mm[Hg]', 'mmHg')],
      ]);
    },
  },
  { slug: 'heart-rate', row: { PULSE: 72 }, profile: PROFILE.heartRate, codes: ['8867-4'], check: (o) => expect(o.valueQuantity).toEqual(q(72, '/min', 'beats/minute')) },
  { slug: 'respiratory-rate', row: { RESP_RATE: 16 }, profile: PROFILE.respiratoryRate, codes: ['9279-1'], check: (o) => expect(o.valueQuantity.code).toBe('/min') },
  { slug: 'temperature', row: { TEMP_F: 98.6 }, profile: PROFILE.bodyTemperature, codes: ['8310-5'], check: (o) => expect(o.valueQuantity).toEqual(q(98.6, '[degF]', 'degF')) },
  {
    slug: 'pulse-oximetry',
    row: { SPO2: 97 },
    profile: PROFILE.pulseOximetry,
    codes: ['59408-5', '2708-6'],
    check: (o) => {
      expect(o.valueQuantity).toEqual(q(97, '%'));
      expect(o.component).toBeUndefined();
    },
  },
  { slug: 'head-circumference', row: { HEAD_CIRC_CM: 44.2 }, profile: PROFILE.headCircumference, codes: ['9843-4'], check: (o) => expect(o.valueQuantity).toEqual(q(44.2, 'cm')) },
  { slug: 'bmi-percentile', row: { BMI_PCTL: 85.5 }, profile: PROFILE.pediatricBmiForAge, codes: ['59576-9'], check: (o) => expect(o.valueQuantity).toEqual(q(85.5, '%')) },
  { slug: 'weight-for-length-percentile', row: { WFL_PCTL: 40 }, profile: PROFILE.pediatricWeightForHeight, codes: ['77606-2'], check: (o) => expect(o.valueQuantity).toEqual(q(40, '%')) },
  { slug: 'head-circumference-percentile', row: { HC_PCTL: 12.25 }, profile: PROFILE.headCircumferencePercentile, codes: ['8289-1'], check: (o) => expect(o.valueQuantity).toEqual(q(12.25, '%')) },
];

describe('toVitalSignObservation: one Observation per measured sign', () => {
  it.each(signs)('$slug', (s) => {
    const ctx = testContext();
    const row = vitalsRow(s.row);
    expect(vitalSignsPresent(row)).toEqual([s.slug]);
    const o = toVitalSignObservation(row, s.slug, ctx) as Json;
    expect(o.id).toBe(`vitals-70-${s.slug}`);
    expect(o.meta.profile).toEqual([s.profile]);
    expect(o.code.coding.map((c: Json) => c.code)).toEqual(s.codes);
    expect(o.category[0].coding[0].code).toBe('vital-signs');
    expect(o.status).toBe('final');
    expect(o.effectiveDateTime).toBe('2024-03-01T09:05:00-05:00');
    expect(o.subject).toEqual({ reference: 'Patient/12' });
    expect(o.encounter).toEqual({ reference: 'Encounter/40' });
    s.check(o);
    expect(ctx.issues).toEqual([]);
    expectValidUsCore(o);
  });
});

describe('toVitalSignObservations: quirks', () => {
  const cases: Array<{ name: string; row: Parameters<typeof vitalsRow>[0]; slugs: VitalSignSlug[]; issues?: string[]; check: (obs: Json[]) => void }> = [
    {
      name: 'a full adult row gives one Observation per non-NULL column, BP pair as one',
      row: { HEIGHT_IN: 65, WEIGHT_LB: 150, BMI: 25, BP_SYSTOLIC: 120, BP_DIASTOLIC: 80, PULSE: 70, RESP_RATE: 14, TEMP_F: 98.2, SPO2: 98 },
      slugs: ['height', 'weight', 'bmi', 'bp', 'heart-rate', 'respiratory-rate', 'temperature', 'pulse-oximetry'],
      check: (obs) => expect(new Set(obs.map((o) => o.id)).size).toBe(8),
    },
    {
      name: 'pulse oximetry with supplemental oxygen: flow-rate component in L/min',
      row: { SPO2: 93, O2_FLOW_LPM: 2.5 },
      slugs: ['pulse-oximetry'],
      check: ([o]) =>
        expect(o.component).toEqual([
          { code: { coding: [{ system: 'http://loinc.org', code: '3151-8', display: 'Inhaled oxygen flow rate' }], text: 'Inhaled oxygen flow rate' }, valueQuantity: q(2.5, 'L/min') },
        ]),
    },
    {
      name: 'systolic without diastolic: the missing component carries a data-absent-reason',
      row: { BP_SYSTOLIC: 140 },
      slugs: ['bp'],
      check: ([o]) => {
        expect(o.component[1].valueQuantity).toBeUndefined();
        expect(o.component[1].dataAbsentReason.coding[0].code).toBe('unknown');
      },
    },
    {
      name: 'entered in error and amended statuses',
      row: { PULSE: 200, STATUS: 'E' },
      slugs: ['heart-rate'],
      check: ([o]) => expect(o.status).toBe('entered-in-error'),
    },
    {
      name: 'DST gap: 02:30 on spring-forward day is 03:30 daylight time',
      row: { TEMP_F: 99.1, STATUS: 'A', TAKEN_AT: '2024-03-10T02:30:00' },
      slugs: ['temperature'],
      check: ([o]) => {
        expect(o.status).toBe('amended');
        expect(o.effectiveDateTime).toBe('2024-03-10T03:30:00-04:00');
      },
    },
    {
      name: 'unknown status: reported, status unknown',
      row: { PULSE: 60, STATUS: 'Q' },
      slugs: ['heart-rate'],
      issues: ['VITALS.STATUS:Q'],
      check: ([o]) => expect(o.status).toBe('unknown'),
    },
    {
      name: 'an empty row gives nothing',
      row: {},
      slugs: [],
      check: (obs) => expect(obs).toEqual([]),
    },
  ];

  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const obs = toVitalSignObservations(vitalsRow(c.row), ctx) as Json[];
    expect(obs.map((o) => o.id)).toEqual(c.slugs.map((s) => `vitals-70-${s}`));
    c.check(obs);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues ?? []);
    obs.forEach((o) => expectValidUsCore(o));
  });

  it('a sign that was not measured has no Observation (read answers 404)', () => {
    expect(toVitalSignObservation(vitalsRow({ PULSE: 60 }), 'bmi', testContext())).toBeUndefined();
  });
});
