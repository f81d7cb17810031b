import { describe, expect, it } from '@jest/globals';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { labOrderRow, labResultRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { toDiagnosticReport } from './diagnostic-report.mapper.js';

type Json = Record<string, any>;

const results = [
  labResultRow({ RESULT_ID: 92, SEQ: 2, LOINC_CODE: '2951-2', TEST_NAME: 'Sodium' }),
  labResultRow({ RESULT_ID: 91, SEQ: 1 }),
  labResultRow({ RESULT_ID: 93, SEQ: 3, DELETED_YN: 'Y' }),
];

const cases: Array<{ name: string; order?: Parameters<typeof labOrderRow>[0]; results?: typeof results; issues?: string[]; expect: (d: Json) => void }> = [
  {
    name: 'final panel: LAB category, LOINC + CPT code, times, performer, results in SEQ order without deleted rows',
    expect: (d) => {
      expect(d.id).toBe('80');
      expect(d.status).toBe('final');
      expect(d.category[0].coding[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' });
      expect(d.code.coding.map((c: Json) => c.code)).toEqual(['24323-8', '80053']);
      expect(d.effectiveDateTime).toBe('2024-03-01T09:25:00-05:00');
      expect(d.issued).toBe('2024-03-01T14:00:00-05:00');
      expect(d.performer).toEqual([{ display: 'Quest Diagnostics' }]);
      expect(d.result.map((r: Json) => r.reference)).toEqual(['Observation/lab-91', 'Observation/lab-92']);
      expect(d.encounter).toEqual({ reference: 'Encounter/40' });
    },
  },
  {
    name: 'ordered, not yet collected: registered, no effective, issued or results',
    order: { STATUS: 'O', COLLECTED_AT: null, RESULTED_AT: null, PERFORMING_LAB: null },
    results: [],
    expect: (d) => {
      expect(d.status).toBe('registered');
      expect(d.effectiveDateTime).toBeUndefined();
      expect(d._effectiveDateTime).toBeUndefined();
      expect(d._issued).toBeUndefined();
      expect(d.result).toBeUndefined();
      expect(d.performer).toBeUndefined();
    },
  },
  {
    name: 'final report without collection and result times: stated absent (us-core-8, us-core-9)',
    order: { STATUS: 'F', COLLECTED_AT: null, RESULTED_AT: null },
    expect: (d) => {
      expect(d._effectiveDateTime.extension[0].valueCode).toBe('unknown');
      expect(d._issued.extension[0].valueCode).toBe('unknown');
    },
  },
  {
    name: 'local panel without LOINC or CPT: text only; corrected status; narrative as presentedForm',
    order: { PANEL_LOINC: null, PANEL_CPT: null, PANEL_NAME: 'House allergy panel', STATUS: 'C', REPORT_TEXT: 'All within limits.' },
    expect: (d) => {
      expect(d.code).toEqual({ text: 'House allergy panel' });
      expect(d.status).toBe('corrected');
      expect(d.presentedForm[0].contentType).toBe('text/plain; charset=utf-8');
      expect(Buffer.from(d.presentedForm[0].data, 'base64').toString('utf8')).toBe('All within limits.');
    },
  },
  {
    name: 'non-laboratory order (RAD): reported until report-and-note mapping exists',
    order: { ORDER_CATEGORY: 'RAD' },
    issues: ['LAB_ORDER.ORDER_CATEGORY:RAD'],
    expect: (d) => expect(d.category[0].coding[0].code).toBe('LAB'),
  },
  {
    name: 'unknown status: reported, unknown',
    order: { STATUS: 'H' },
    issues: ['LAB_ORDER.STATUS:H'],
    expect: (d) => expect(d.status).toBe('unknown'),
  },
];

describe('toDiagnosticReport', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const d = toDiagnosticReport({ order: labOrderRow(c.order), results: c.results ?? results }, ctx);
    c.expect(d as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues ?? []);
    expectValidUsCore(d);
  });
});
