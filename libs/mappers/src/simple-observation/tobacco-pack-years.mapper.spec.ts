import { describe, expect, it } from '@jest/globals';
import { socialRow } from '../testing/fixtures.js';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { testContext } from '../testing/test-context.js';
import { hasPackYears, parsePackYearsId, SIMPLE_OBSERVATION_PROFILE, toPackYearsObservation } from './tobacco-pack-years.mapper.js';

type Json = Record<string, any>;

describe('toPackYearsObservation', () => {
  it('pack-years of a smoker: simple observation, social-history, SNOMED CT code, {pack-years} quantity', () => {
    const ctx = testContext();
    const o = toPackYearsObservation(socialRow({ SMOKING_STATUS: 'FMR', TOBACCO_PACK_YRS: 12.5 }), ctx) as Json;
    expect(o.id).toBe('pack-years-95');
    expect(o.meta.profile).toEqual([SIMPLE_OBSERVATION_PROFILE]);
    expect(o.category[0].coding[0].code).toBe('social-history');
    expect(o.code.coding[0]).toEqual({ system: 'http://snomed.info/sct', code: '401201003', display: 'Cigarette pack-years' });
    expect(o.valueQuantity).toEqual({ value: 12.5, unit: 'pack-years', system: 'http://unitsofmeasure.org', code: '{pack-years}' });
    expect(o).toMatchObject({ status: 'final', effectiveDateTime: '2024-03-01T09:10:00-05:00', subject: { reference: 'Patient/12' }, encounter: { reference: 'Encounter/40' } });
    expect(ctx.issues).toEqual([]);
    expectValidUsCore(o);
  });

  it('DECIMAL as a driver string, and zero, are values', () => {
    expect((toPackYearsObservation(socialRow({ TOBACCO_PACK_YRS: '30.0' as unknown as number }), testContext()) as Json).valueQuantity.value).toBe(30);
    expect((toPackYearsObservation(socialRow({ TOBACCO_PACK_YRS: 0 }), testContext()) as Json).valueQuantity.value).toBe(0);
  });

  it('no pack-years recorded: no Observation', () => {
    expect(toPackYearsObservation(socialRow(), testContext())).toBeUndefined();
    expect(hasPackYears(socialRow())).toBe(false);
    expect(hasPackYears(socialRow({ TOBACCO_PACK_YRS: 1 }))).toBe(true);
  });

  it('ids parse back; other Observation ids do not', () => {
    expect(parsePackYearsId('pack-years-95')).toBe(95);
    for (const bad of ['pack-years-0', 'pack-years-095', 'smoking-95', 'pack-years-']) expect(parsePackYearsId(bad)).toBeUndefined();
  });
});
