import { describe, expect, it } from '@jest/globals';
import { PROFILE } from '../common/systems.js';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { labOrderRow, labResultRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { parseClinicalResultId, resultObservationId, toClinicalResultObservation } from './clinical-result.mapper.js';
import { toLabObservation } from './lab-result.mapper.js';

type Json = Record<string, any>;

const rad = { ORDER_CATEGORY: 'RAD', PANEL_LOINC: '36643-5', PANEL_CPT: '71046', PANEL_NAME: 'XR Chest 2 Views', SPECIMEN_TYPE: null, SPECIMEN_ID: null };
const impression = { LOINC_CODE: '19005-8', LOCAL_CODE: 'CXRIMP', TEST_NAME: 'Radiology Imaging study [Impression] (narrative)', VALUE_TEXT: 'No acute cardiopulmonary process.', UNITS: null, REF_RANGE: null, ABN_FLAG: null };

const cases: Array<{ name: string; order?: Parameters<typeof labOrderRow>[0]; result?: Parameters<typeof labResultRow>[0]; issues?: string[]; expect: (o: Json) => void }> = [
  {
    name: 'imaging impression: imaging category, narrative value, effective = collection time',
    order: rad,
    result: impression,
    expect: (o) => {
      expect(o.id).toBe('result-90');
      expect(o.meta.profile).toEqual([PROFILE.observationClinicalResult]);
      expect(o.category[0].coding[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'imaging' });
      expect(o.code.coding.map((c: Json) => c.code)).toEqual(['19005-8', 'CXRIMP']);
      expect(o.valueString).toBe('No acute cardiopulmonary process.');
      expect(o.effectiveDateTime).toBe('2024-03-01T09:25:00-05:00');
      expect(o.issued).toBe('2024-03-01T13:55:00-05:00');
      expect(o.specimen).toBeUndefined();
    },
  },
  {
    name: 'EKG measurement: procedure category, UCUM quantity, range and interpretation; no collection time -> no effective',
    order: { ...rad, ORDER_CATEGORY: 'CARD', COLLECTED_AT: null },
    result: { LOINC_CODE: '8867-4', LOCAL_CODE: 'ECGHR', TEST_NAME: 'Heart rate', VALUE_TEXT: '112', UNITS: '/min', REF_RANGE: '60-100', ABN_FLAG: 'H' },
    expect: (o) => {
      expect(o.category[0].coding[0].code).toBe('procedure');
      expect(o.valueQuantity).toMatchObject({ value: 112, system: 'http://unitsofmeasure.org', code: '/min' });
      expect(o.referenceRange[0].low.value).toBe(60);
      expect(o.interpretation[0].coding[0].code).toBe('H');
      expect(o.effectiveDateTime).toBeUndefined();
    },
  },
  {
    name: 'cancelled, no value: not-performed; unknown order category reported (text category)',
    order: { ...rad, ORDER_CATEGORY: 'ENDO' },
    result: { ...impression, STATUS: 'X', VALUE_TEXT: null },
    issues: ['LAB_ORDER.ORDER_CATEGORY:ENDO'],
    expect: (o) => {
      expect(o.status).toBe('cancelled');
      expect(o.dataAbsentReason.coding[0].code).toBe('not-performed');
      expect(o.category).toEqual([{ text: 'ENDO' }]);
    },
  },
];

describe('toClinicalResultObservation', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const o = toClinicalResultObservation(labResultRow(c.result), labOrderRow(c.order), ctx);
    c.expect(o as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues ?? []);
    expectValidUsCore(o);
  });

  it('ids: result-<RESULT_ID> round-trips, other forms do not parse', () => {
    expect(parseClinicalResultId('result-90')).toBe(90);
    expect(parseClinicalResultId('lab-90')).toBeUndefined();
    expect(parseClinicalResultId('result-090')).toBeUndefined();
  });

  it('a pathology result is a laboratory result: lab-<RESULT_ID>, US Core laboratory profile, category laboratory', () => {
    const ctx = testContext();
    const path = { ORDER_CATEGORY: 'PATH', PANEL_LOINC: '60567-5', PANEL_NAME: 'Surgical pathology, skin biopsy', SPECIMEN_TYPE: 'TISS', SPECIMEN_ID: 'P24-0001' };
    const diagnosis = { LOINC_CODE: '22637-3', LOCAL_CODE: 'PATHDX', TEST_NAME: 'Pathology report final diagnosis', VALUE_TEXT: 'Seborrheic keratosis', UNITS: null, REF_RANGE: null, ABN_FLAG: null };
    const o = toLabObservation(labResultRow(diagnosis), labOrderRow(path), ctx) as Json;
    expect(o.id).toBe('lab-90');
    expect(resultObservationId('PATH', 90)).toBe(o.id);
    expect(o.meta.profile).toEqual([PROFILE.observationLab]);
    expect(o.category[0].coding[0].code).toBe('laboratory');
    expect(ctx.issues).toEqual([]);
    expectValidUsCore(o);
  });

  it('resultObservationId: LAB and PATH results are lab-<id>, RAD and CARD results result-<id>', () => {
    expect(['LAB', 'PATH', 'RAD', 'CARD'].map((c) => resultObservationId(c, 7))).toEqual(['lab-7', 'lab-7', 'result-7', 'result-7']);
  });

  it('a PATH order given to the clinical-result mapper is an unknown category (the lab source serves it)', () => {
    const ctx = testContext();
    toClinicalResultObservation(labResultRow(impression), labOrderRow({ ORDER_CATEGORY: 'PATH' }), ctx);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(['LAB_ORDER.ORDER_CATEGORY:PATH']);
  });
});
