import { describe, expect, it } from '@jest/globals';
import { FHIR_ID_RE, fhirId, parseResourceId, SOCIAL_HISTORY_FACETS, VITAL_SIGN_SLUGS } from './ids.js';

describe('fhirId / parseResourceId round trip', () => {
  it.each([
    ['Patient', fhirId.patient(12), { table: 'PATIENT', key: 12 }],
    ['Practitioner', fhirId.practitioner(5), { table: 'PROVIDER', key: 5 }],
    ['PractitionerRole', fhirId.practitionerRole(5), { table: 'PROVIDER', key: 5 }],
    ['Organization', fhirId.practiceOrganization(1), { table: 'PRACTICE', key: 1 }],
    ['Organization', fhirId.payerOrganization(4), { table: 'PAYER', key: 4 }],
    ['Location', fhirId.location(3), { table: 'FACILITY', key: 3 }],
    ['Encounter', fhirId.encounter(40), { table: 'VISIT', key: 40 }],
    ['Condition', fhirId.condition(50), { table: 'PROBLEM', key: 50 }],
    ['AllergyIntolerance', fhirId.allergyIntolerance(60), { table: 'ALLERGY', key: 60 }],
    ['Observation', fhirId.vitalSign(70, 'bp'), { table: 'VITALS', key: 70, sign: 'bp' }],
    ['Observation', fhirId.vitalSign(70, 'head-circumference-percentile'), { table: 'VITALS', key: 70, sign: 'head-circumference-percentile' }],
    ['Observation', fhirId.labResult(90), { table: 'LAB_RESULT', key: 90 }],
    ['Observation', fhirId.socialHistory(95, 'smoking'), { table: 'SOCIAL_HX', key: 95, facet: 'smoking' }],
    ['Observation', fhirId.socialHistory(95, 'sexual-orientation'), { table: 'SOCIAL_HX', key: 95, facet: 'sexual-orientation' }],
    ['DiagnosticReport', fhirId.diagnosticReport(80), { table: 'LAB_ORDER', key: 80 }],
  ])('%s %s', (type, id, key) => {
    expect(FHIR_ID_RE.test(id)).toBe(true);
    expect(parseResourceId(type, id)).toEqual(key);
  });

  it('builds the documented id shapes', () => {
    expect([fhirId.practiceOrganization(1), fhirId.payerOrganization(4), fhirId.vitalSign(70, 'heart-rate'), fhirId.labResult(9), fhirId.socialHistory(3, 'pregnancy-intent')]).toEqual([
      'practice-1', 'payer-4', 'vitals-70-heart-rate', 'lab-9', 'pregnancy-intent-3',
    ]);
  });

  it('Provenance ids wrap the target type and id', () => {
    const id = fhirId.provenance('Observation', fhirId.vitalSign(2147483647, 'head-circumference-percentile'));
    expect(id).toBe('Observation-vitals-2147483647-head-circumference-percentile');
    expect(FHIR_ID_RE.test(id)).toBe(true);
    expect(parseResourceId('Provenance', id)).toEqual({
      table: 'PROVENANCE',
      targetType: 'Observation',
      targetId: 'vitals-2147483647-head-circumference-percentile',
      target: { table: 'VITALS', key: 2147483647, sign: 'head-circumference-percentile' },
    });
    expect(parseResourceId('Provenance', 'Organization-payer-4')).toMatchObject({ target: { table: 'PAYER', key: 4 } });
  });

  it('every vital-sign and social-history id is valid and parses back, even at the largest key', () => {
    for (const sign of VITAL_SIGN_SLUGS) expect(parseResourceId('Observation', fhirId.vitalSign(2147483647, sign))).toMatchObject({ sign });
    for (const facet of SOCIAL_HISTORY_FACETS) expect(parseResourceId('Observation', fhirId.socialHistory(1, facet))).toMatchObject({ facet });
  });
});

describe('parseResourceId rejects ids the facade never produces', () => {
  it.each([
    ['Patient', '0'],
    ['Patient', '012'],
    ['Patient', '-5'],
    ['Patient', '1.5'],
    ['Patient', '2147483648'],
    ['Patient', '99999999999'],
    ['Patient', 'abc'],
    ['Patient', ''],
    ['Patient', 'a'.repeat(65)],
    ['Patient', "1' OR '1'='1"],
    ['Organization', '1'],
    ['Organization', 'practice-'],
    ['Organization', 'clinic-1'],
    ['Observation', '90'],
    ['Observation', 'vitals-70'],
    ['Observation', 'vitals-70-pulse'],
    ['Observation', 'vitals-070-bp'],
    ['Observation', 'lab-x'],
    ['Observation', 'alcohol-95'],
    ['Provenance', 'Provenance-Patient-1'],
    ['Provenance', 'Patient-abc'],
    ['Provenance', 'Medication-1'],
    ['Provenance', '-1'],
    ['Immunization', '1'],
  ])('%s %j', (type, id) => {
    expect(parseResourceId(type, id)).toBeUndefined();
  });

  it('id builders refuse keys no row can have', () => {
    expect(() => fhirId.patient(0)).toThrow(RangeError);
    expect(() => fhirId.patient(1.5)).toThrow(RangeError);
    expect(() => fhirId.labResult(2147483648)).toThrow(RangeError);
  });
});
