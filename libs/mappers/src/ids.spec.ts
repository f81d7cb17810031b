import { describe, expect, it } from '@jest/globals';
import { compositeIds, compositeKey, isCompositeKey, keyParts } from './common/id-scheme.js';
import { fhirId, FHIR_ID_RE, itemIds, parseProvenanceId, plainIds, prefixedIds, SOCIAL_HISTORY_FACETS, VITAL_SIGN_SLUGS } from './ids.js';
import { LAB_RESULT_IDS, SOCIAL_HISTORY_IDS, VITAL_SIGN_IDS } from './observation/observation.ids.js';
import { PAYER_ORGANIZATION_IDS, PRACTICE_ORGANIZATION_IDS } from './organization/organization.ids.js';
import { PATIENT_IDS } from './patient/patient.ids.js';

describe('id schemes: format / parse round trip', () => {
  it.each([
    [PATIENT_IDS, fhirId.patient(12), { key: 12 }],
    [PRACTICE_ORGANIZATION_IDS, fhirId.practiceOrganization(1), { key: 1 }],
    [PAYER_ORGANIZATION_IDS, fhirId.payerOrganization(4), { key: 4 }],
    [VITAL_SIGN_IDS, fhirId.vitalSign(70, 'bp'), { key: 70, item: 'bp', sub: 3 }],
    [VITAL_SIGN_IDS, fhirId.vitalSign(70, 'head-circumference-percentile'), { key: 70, item: 'head-circumference-percentile', sub: 11 }],
    [LAB_RESULT_IDS, fhirId.labResult(90), { key: 90 }],
    [SOCIAL_HISTORY_IDS, fhirId.socialHistory(95, 'smoking'), { key: 95, item: 'smoking', sub: 0 }],
    [SOCIAL_HISTORY_IDS, fhirId.socialHistory(95, 'sexual-orientation'), { key: 95, item: 'sexual-orientation', sub: 1 }],
  ])('%#: %s', (scheme, id, parsed) => {
    expect(FHIR_ID_RE.test(id)).toBe(true);
    expect(scheme.parse(id)).toEqual(parsed);
  });

  it('writes the documented forms', () => {
    expect([fhirId.practiceOrganization(1), fhirId.payerOrganization(4), fhirId.vitalSign(70, 'heart-rate'), fhirId.labResult(9), fhirId.socialHistory(3, 'pregnancy-intent')]).toEqual([
      'practice-1', 'payer-4', 'vitals-70-heart-rate', 'lab-9', 'pregnancy-intent-3',
    ]);
  });

  it('every vital-sign and social-history id is valid and parses back, even at the largest key', () => {
    for (const sign of VITAL_SIGN_SLUGS) expect(VITAL_SIGN_IDS.parse(fhirId.vitalSign(2147483647, sign))).toMatchObject({ item: sign });
    for (const facet of SOCIAL_HISTORY_FACETS) expect(SOCIAL_HISTORY_IDS.parse(fhirId.socialHistory(1, facet))).toMatchObject({ item: facet });
  });

  it('a Provenance id names its target', () => {
    const id = fhirId.provenance('Observation', fhirId.vitalSign(2147483647, 'head-circumference-percentile'));
    expect(FHIR_ID_RE.test(id)).toBe(true);
    expect(parseProvenanceId(id)).toEqual({ targetType: 'Observation', targetId: 'vitals-2147483647-head-circumference-percentile' });
    expect(parseProvenanceId('Organization-payer-4')).toEqual({ targetType: 'Organization', targetId: 'payer-4' });
  });
});

describe('id schemes reject ids the facade never produces', () => {
  const plain = plainIds();
  it.each([
    [plain, '0'], [plain, '012'], [plain, '-5'], [plain, '1.5'], [plain, '2147483648'], [plain, '99999999999'], [plain, 'abc'], [plain, ''],
    [plain, 'a'.repeat(65)], [plain, "1' OR '1'='1"],
    [PRACTICE_ORGANIZATION_IDS, '1'], [PRACTICE_ORGANIZATION_IDS, 'practice-'], [PRACTICE_ORGANIZATION_IDS, 'payer-1'], [PRACTICE_ORGANIZATION_IDS, 'clinic-1'],
    [LAB_RESULT_IDS, '90'], [LAB_RESULT_IDS, 'lab-x'], [LAB_RESULT_IDS, 'lab-090'],
    [VITAL_SIGN_IDS, 'vitals-70'], [VITAL_SIGN_IDS, 'vitals-70-pulse'], [VITAL_SIGN_IDS, 'vitals-070-bp'], [VITAL_SIGN_IDS, 'lab-70'],
    [SOCIAL_HISTORY_IDS, 'alcohol-95'], [SOCIAL_HISTORY_IDS, 'lab-95'], [SOCIAL_HISTORY_IDS, 'vitals-95-bp'],
  ])('%#: %j', (scheme, id) => {
    expect(scheme.parse(id)).toBeUndefined();
  });

  it.each(['Provenance-Patient-1', 'Patient-', '-1', 'patient-1', 'Patient'])('Provenance %j', (id) => {
    expect(parseProvenanceId(id)).toBeUndefined();
  });

  it('builders refuse keys no row can have', () => {
    expect(() => fhirId.patient(0)).toThrow(RangeError);
    expect(() => fhirId.patient(1.5)).toThrow(RangeError);
    expect(() => fhirId.labResult(2147483648)).toThrow(RangeError);
    expect(() => prefixedIds('x').format(-1)).toThrow(RangeError);
    expect(() => itemIds(['a'] as const).format(0, 'a')).toThrow(RangeError);
  });

  it('composite keys: text order is the tuple order; ids canonical, parts in key order', () => {
    const keys = [[2, 1], [10, 1], [2, 30], [1, 2147483647], [160, 12]].map((p) => compositeKey(p));
    expect([...keys].sort()).toEqual([[1, 2147483647], [2, 1], [2, 30], [10, 1], [160, 12]].map((p) => compositeKey(p)));
    expect(keyParts(compositeKey([160, 12]))).toEqual([160, 12]);
    expect(isCompositeKey(compositeKey([1, 2]))).toBe(true);
    expect(isCompositeKey('160.12')).toBe(false);
    expect(() => compositeKey([0, 1])).toThrow(RangeError);
    expect(() => compositeKey([1])).toThrow(RangeError);
    const ids = compositeIds('proxy', 2);
    expect(ids.format(compositeKey([160, 12]))).toBe('proxy-160-12');
    expect(ids.parse('proxy-160-12')).toEqual({ key: compositeKey([160, 12]) });
    for (const bad of ['proxy-160', 'proxy-160-12-1', 'proxy-0160-12', 'proxy-160-0', 'proxy-2147483648-1', 'contact-160-12', 'proxy-160-x']) expect(ids.parse(bad)).toBeUndefined();
  });
});
