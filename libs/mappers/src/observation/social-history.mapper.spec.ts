import { describe, expect, it } from '@jest/globals';
import { PROFILE } from '../common/systems.js';
import type { SocialHistoryFacet } from '../ids.js';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { socialRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { socialHistoryFacetsPresent, toSocialHistoryObservation, toSocialHistoryObservations } from './social-history.mapper.js';

type Json = Record<string, any>;

const SCT = 'http://snomed.info/sct';
const NULL_FLAVOR = 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor';

const cases: Array<{ name: string; facet: SocialHistoryFacet; row: Parameters<typeof socialRow>[0]; profile: string; loinc: string; value: Json; issues?: string[] }> = [
  ...(
    [
      ['CUR', '449868002'],
      ['CURS', '428041000124106'],
      ['FMR', '8517006'],
      ['NVR', '266919005'],
      ['CURD', '77176002'],
      ['UNK', '266927001'],
      ['HVY', '428071000124103'],
      ['LGT', '428061000124105'],
    ] as const
  ).map(([code, sct]) => ({
    name: `smoking status ${code} -> SNOMED ${sct}`,
    facet: 'smoking' as const,
    row: { SMOKING_STATUS: code },
    profile: PROFILE.smokingStatus,
    loinc: '72166-2',
    value: { system: SCT, code: sct },
  })),
  { name: 'sexual orientation STR', facet: 'sexual-orientation', row: { SEX_ORIENTATION: 'STR' }, profile: PROFILE.sexualOrientation, loinc: '76690-7', value: { system: SCT, code: '20430005' } },
  { name: 'sexual orientation declined (ASKU)', facet: 'sexual-orientation', row: { SEX_ORIENTATION: 'ASKU' }, profile: PROFILE.sexualOrientation, loinc: '76690-7', value: { system: NULL_FLAVOR, code: 'ASKU' } },
  { name: 'pregnant', facet: 'pregnancy-status', row: { PREGNANCY_STATUS: 'Y' }, profile: PROFILE.pregnancyStatus, loinc: '82810-3', value: { system: SCT, code: '77386006' } },
  { name: 'pregnancy status unknown', facet: 'pregnancy-status', row: { PREGNANCY_STATUS: 'U' }, profile: PROFILE.pregnancyStatus, loinc: '82810-3', value: { system: NULL_FLAVOR, code: 'UNK' } },
  ...(
    [
      ['Y', '454411000124108'],
      ['N', '454401000124105'],
      ['A', '454391000124108'],
      ['U', '454381000124105'],
    ] as const
  ).map(([code, sct]) => ({
    name: `pregnancy intent ${code} -> SNOMED ${sct}`,
    facet: 'pregnancy-intent' as const,
    row: { PREGNANCY_INTENT: code },
    profile: PROFILE.pregnancyIntent,
    loinc: '86645-9',
    value: { system: SCT, code: sct },
  })),
  {
    name: 'unknown smoking code: reported, data-absent value',
    facet: 'smoking',
    row: { SMOKING_STATUS: 'VAPE' },
    profile: PROFILE.smokingStatus,
    loinc: '72166-2',
    value: { system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'unknown' },
    issues: ['SOCIAL_HX.SMOKING_STATUS:VAPE'],
  },
];

describe('toSocialHistoryObservation', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const o = toSocialHistoryObservation(socialRow(c.row), c.facet, ctx) as Json;
    expect(o.id).toBe(`${c.facet}-95`);
    expect(o.meta.profile).toEqual([c.profile]);
    expect(o.code.coding[0].code).toBe(c.loinc);
    expect(o.valueCodeableConcept.coding[0]).toMatchObject(c.value);
    expect(o.status).toBe('final');
    expect(o.category[0].coding[0].code).toBe('social-history');
    expect(o.effectiveDateTime).toBe('2024-03-01T09:10:00-05:00');
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues ?? []);
    expectValidUsCore(o);
  });

  it('occupation with industry: text values and the industry component', () => {
    const ctx = testContext();
    const o = toSocialHistoryObservation(socialRow({ OCCUPATION_TEXT: 'Registered nurse', INDUSTRY_TEXT: 'Hospitals' }), 'occupation', ctx) as Json;
    expect(o.id).toBe('occupation-95');
    expect(o.code.coding[0].code).toBe('11341-5');
    expect(o.valueCodeableConcept).toEqual({ text: 'Registered nurse' });
    expect(o.component).toEqual([
      { code: { coding: [{ system: 'http://loinc.org', code: '86188-0', display: 'History of Occupation industry' }], text: 'Industry' }, valueCodeableConcept: { text: 'Hospitals' } },
    ]);
    expectValidUsCore(o);
  });

  it('a row yields one Observation per recorded facet, with stable ids', () => {
    const row = socialRow({ SMOKING_STATUS: 'FMR', PREGNANCY_STATUS: 'N', OCCUPATION_TEXT: 'Teacher', TOBACCO_PACK_YRS: 12 });
    expect(socialHistoryFacetsPresent(row)).toEqual(['smoking', 'pregnancy-status', 'occupation']);
    const obs = toSocialHistoryObservations(row, testContext());
    expect(obs.map((o) => o.id)).toEqual(['smoking-95', 'pregnancy-status-95', 'occupation-95']);
    obs.forEach((o) => expectValidUsCore(o));
  });

  it('a facet the row does not record has no Observation', () => {
    expect(toSocialHistoryObservation(socialRow({ SMOKING_STATUS: 'NVR' }), 'pregnancy-intent', testContext())).toBeUndefined();
  });
});
