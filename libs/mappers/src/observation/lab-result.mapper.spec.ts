import { describe, expect, it } from '@jest/globals';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { labOrderRow, labResultRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { LOCAL_LAB_CODE_SYSTEM, toLabObservation } from './lab-result.mapper.js';

type Json = Record<string, any>;

const UCUM = 'http://unitsofmeasure.org';

const cases: Array<{
  name: string;
  result?: Parameters<typeof labResultRow>[0];
  order?: Parameters<typeof labOrderRow>[0];
  issues?: string[];
  expect: (o: Json) => void;
}> = [
  {
    name: 'numeric result: UCUM quantity, numeric reference range, interpretation, LOINC + local code',
    expect: (o) => {
      expect(o.id).toBe('lab-90');
      expect(o.status).toBe('final');
      expect(o.category[0].coding[0].code).toBe('laboratory');
      expect(o.code.coding).toEqual([
        { system: 'http://loinc.org', code: '2345-7', display: 'Glucose' },
        { system: LOCAL_LAB_CODE_SYSTEM, code: 'GLU', display: 'Glucose' },
      ]);
      expect(o.valueQuantity).toEqual({ value: 105, unit: 'mg/dL', system: UCUM, code: 'mg/dL' });
      expect(o.referenceRange).toEqual([
        { low: { value: 70, unit: 'mg/dL', system: UCUM, code: 'mg/dL' }, high: { value: 99, unit: 'mg/dL', system: UCUM, code: 'mg/dL' }, text: '70-99' },
      ]);
      expect(o.interpretation[0].coding[0]).toMatchObject({ code: 'H' });
      expect(o.effectiveDateTime).toBe('2024-03-01T09:25:00-05:00');
      expect(o.issued).toBe('2024-03-01T13:55:00-05:00');
      expect(o.encounter).toEqual({ reference: 'Encounter/40' });
      expect(o.specimen).toEqual({ identifier: { system: 'urn:ehr-facade:local:specimen-accession', value: 'ACC-2024-0001' }, display: 'Serum' });
    },
  },
  {
    name: 'comparator value `<0.5` and upper-bound range `<1.0`',
    result: { VALUE_TEXT: '<0.5', UNITS: 'ng/mL', REF_RANGE: '<1.0', ABN_FLAG: 'N', LOINC_CODE: '2857-1', TEST_NAME: 'PSA' },
    expect: (o) => {
      expect(o.valueQuantity).toEqual({ value: 0.5, comparator: '<', unit: 'ng/mL', system: UCUM, code: 'ng/mL' });
      expect(o.referenceRange).toEqual([{ high: { value: 1, unit: 'ng/mL', system: UCUM, code: 'ng/mL' }, text: '<1.0' }]);
      expect(o.interpretation[0].coding[0].code).toBe('N');
    },
  },
  {
    name: 'comparator `>=90` with a lower-bound range `>=60` (eGFR, UCUM annotation unit)',
    result: { VALUE_TEXT: '>=90', UNITS: 'mL/min/1.73m2', REF_RANGE: '>=60', ABN_FLAG: null, LOINC_CODE: '33914-3', TEST_NAME: 'eGFR' },
    expect: (o) => {
      expect(o.valueQuantity).toEqual({ value: 90, comparator: '>=', unit: 'mL/min/1.73m2', system: UCUM, code: 'mL/min/{1.73_m2}' });
      expect(o.referenceRange[0].low.value).toBe(60);
      expect(o.referenceRange[0].high).toBeUndefined();
      expect(o.interpretation).toBeUndefined();
    },
  },
  {
    name: 'units that are not UCUM: unit text only, no system/code',
    result: { VALUE_TEXT: '12', UNITS: 'per hpf', REF_RANGE: '0-5' },
    expect: (o) => expect(o.valueQuantity).toEqual({ value: 12, unit: 'per hpf' }),
  },
  {
    name: 'qualitative POSITIVE: SNOMED valueCodeableConcept, text kept; text reference range',
    result: { VALUE_TEXT: 'POSITIVE', UNITS: null, REF_RANGE: 'NEGATIVE', ABN_FLAG: 'A', LOINC_CODE: '94500-6', TEST_NAME: 'SARS-CoV-2 RNA' },
    expect: (o) => {
      expect(o.valueCodeableConcept).toEqual({ coding: [{ system: 'http://snomed.info/sct', code: '10828004', display: 'Positive' }], text: 'POSITIVE' });
      expect(o.referenceRange).toEqual([{ text: 'NEGATIVE' }]);
      expect(o.interpretation[0].coding[0].code).toBe('A');
    },
  },
  {
    name: '`Not detected` is SNOMED 260415000',
    result: { VALUE_TEXT: 'Not detected', UNITS: null, REF_RANGE: null, ABN_FLAG: null },
    expect: (o) => {
      expect(o.valueCodeableConcept.coding[0].code).toBe('260415000');
      expect(o.referenceRange).toBeUndefined();
    },
  },
  {
    name: 'free text result: valueString',
    result: { VALUE_TEXT: 'Hemolyzed specimen, see comment', UNITS: null, REF_RANGE: null, COMMENT_TEXT: 'Recollect requested' },
    expect: (o) => {
      expect(o.valueString).toBe('Hemolyzed specimen, see comment');
      expect(o.note).toEqual([{ text: 'Recollect requested' }]);
    },
  },
  {
    name: 'local-only test (no LOINC): local coding + text',
    result: { LOINC_CODE: null, LOCAL_CODE: 'XYZPANEL1', TEST_NAME: 'House special index' },
    expect: (o) => expect(o.code).toEqual({ coding: [{ system: LOCAL_LAB_CODE_SYSTEM, code: 'XYZPANEL1', display: 'House special index' }], text: 'House special index' }),
  },
  {
    name: 'preliminary result without value, not yet collected: data-absent value, no effective',
    result: { STATUS: 'P', VALUE_TEXT: null, RESULTED_AT: null, ABN_FLAG: null },
    order: { COLLECTED_AT: null, RESULTED_AT: null },
    expect: (o) => {
      expect(o.status).toBe('preliminary');
      expect(o.dataAbsentReason.coding[0].code).toBe('unknown');
      expect(o.effectiveDateTime).toBeUndefined();
      expect(o._effectiveDateTime).toBeUndefined();
      expect(o.issued).toBeUndefined();
    },
  },
  {
    name: 'cancelled result: not-performed; corrected status',
    result: { STATUS: 'X', VALUE_TEXT: null },
    expect: (o) => {
      expect(o.status).toBe('cancelled');
      expect(o.dataAbsentReason.coding[0].code).toBe('not-performed');
    },
  },
  {
    name: 'unknown status, flag and specimen type: reported, safe values',
    result: { STATUS: 'Z', ABN_FLAG: 'HX', LOINC_CODE: 'ABC' },
    order: { SPECIMEN_TYPE: 'BONE', SPECIMEN_ID: null },
    issues: ['LAB_RESULT.STATUS:Z', 'LAB_RESULT.ABN_FLAG:HX', 'LAB_ORDER.SPECIMEN_TYPE:BONE', 'LAB_RESULT.LOINC_CODE:ABC'],
    expect: (o) => {
      expect(o.status).toBe('unknown');
      expect(o.interpretation).toBeUndefined();
      expect(o.specimen).toBeUndefined();
      expect(o.code.coding.map((c: Json) => c.system)).toEqual([LOCAL_LAB_CODE_SYSTEM]);
    },
  },
];

describe('toLabObservation', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const o = toLabObservation(labResultRow(c.result), labOrderRow(c.order), ctx);
    c.expect(o as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`).sort()).toEqual([...(c.issues ?? [])].sort());
    expectValidUsCore(o);
  });
});
