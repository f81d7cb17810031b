import { describe, expect, it } from '@jest/globals';
import { PROFILE } from '../common/systems.js';
import { noteRow } from '../document-reference/document.fixtures.js';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { labOrderRow, labResultRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { toNoteReport, toOrderReportNote } from './report-note.mapper.js';

type Json = Record<string, any>;

const rad = { ORDER_CATEGORY: 'RAD', PANEL_LOINC: '36643-5', PANEL_CPT: '71046', PANEL_NAME: 'XR Chest 2 Views', SPECIMEN_TYPE: null, SPECIMEN_ID: null, REPORT_TEXT: 'EXAM: Chest, PA and lateral.' };
const results = [labResultRow({ RESULT_ID: 92, SEQ: 2 }), labResultRow({ RESULT_ID: 91, SEQ: 1 }), labResultRow({ RESULT_ID: 93, SEQ: 3, DELETED_YN: 'Y' })];

const orderCases: Array<{ name: string; order?: Parameters<typeof labOrderRow>[0]; issues?: string[]; expect: (d: Json) => void }> = [
  {
    name: 'final chest X-ray: Radiology category, LOINC + CPT, clinical results, narrative presentedForm, basedOn',
    order: rad,
    expect: (d) => {
      expect(d.id).toBe('80');
      expect(d.meta.profile).toEqual([PROFILE.diagnosticReportNote]);
      expect(d.category[0].coding[0]).toEqual({ system: 'http://loinc.org', code: 'LP29684-5', display: 'Radiology' });
      expect(d.code.coding.map((c: Json) => c.code)).toEqual(['36643-5', '71046']);
      expect(d.status).toBe('final');
      expect(d.result.map((r: Json) => r.reference)).toEqual(['Observation/result-91', 'Observation/result-92']);
      expect(Buffer.from(d.presentedForm[0].data, 'base64').toString('utf8')).toBe('EXAM: Chest, PA and lateral.');
      expect(d.basedOn).toEqual([{ reference: 'ServiceRequest/order-80' }]);
      expect(d.issued).toBe('2024-03-01T14:00:00-05:00');
    },
  },
  { name: 'EKG: Cardiology', order: { ...rad, ORDER_CATEGORY: 'CARD' }, expect: (d) => expect(d.category[0].coding[0].code).toBe('LP29708-2') },
  { name: 'pathology: Pathology', order: { ORDER_CATEGORY: 'PATH' }, expect: (d) => expect(d.category[0].coding[0].code).toBe('LP7839-6') },
  {
    name: 'final without a collection time: effective stated absent (us-core-10)',
    order: { ...rad, COLLECTED_AT: null },
    expect: (d) => expect(d._effectiveDateTime.extension[0].valueCode).toBe('unknown'),
  },
  {
    name: 'ordered, no narrative yet: registered, no effective, no presentedForm',
    order: { ...rad, STATUS: 'O', COLLECTED_AT: null, RESULTED_AT: null, REPORT_TEXT: null },
    expect: (d) => {
      expect(d.status).toBe('registered');
      expect(d._effectiveDateTime).toBeUndefined();
      expect(d.presentedForm).toBeUndefined();
    },
  },
  {
    name: 'unknown category: reported, text category',
    order: { ...rad, ORDER_CATEGORY: 'ENDO' },
    issues: ['LAB_ORDER.ORDER_CATEGORY:ENDO'],
    expect: (d) => expect(d.category).toEqual([{ text: 'ENDO' }]),
  },
];

const noteCases: Array<{ name: string; row?: Parameters<typeof noteRow>[0]; issues?: string[]; expect: (d: Json) => void }> = [
  {
    name: 'signed imaging narrative: Radiology, LOINC note type as code, final, presentedForm = its Binary',
    row: { NOTE_TYPE: 'IMG', NOTE_TITLE: 'Imaging narrative', NOTE_ID: 111 },
    expect: (d) => {
      expect(d.id).toBe('note-111');
      expect(d.category[0].coding[0].code).toBe('LP29684-5');
      expect(d.code.coding[0]).toMatchObject({ system: 'http://loinc.org', code: '18748-4' });
      expect(d.status).toBe('final');
      expect(d.effectiveDateTime).toBe('2024-03-01T09:45:00-05:00');
      expect(d.issued).toBe('2024-03-01T11:00:00-05:00');
      expect(d.performer).toEqual([{ reference: 'Practitioner/5' }]);
      expect(d.presentedForm).toEqual([{ contentType: 'text/plain; charset=utf-8', url: 'http://localhost/fhir/Binary/note-111', title: 'Imaging narrative' }]);
    },
  },
  {
    name: 'unsigned laboratory narrative: preliminary, LAB category, no issued',
    row: { NOTE_TYPE: 'LAB', SIGNED_YN: 'N', SIGNED_AT: null },
    expect: (d) => {
      expect(d.status).toBe('preliminary');
      expect(d.category[0].coding[0]).toMatchObject({ code: 'LAB' });
      expect(d.issued).toBeUndefined();
    },
  },
  { name: 'amended pathology report: amended', row: { NOTE_TYPE: 'PATH', AMENDED_YN: 'Y' }, expect: (d) => expect(d.status).toBe('amended') },
  {
    name: 'a note type that is no report (progress note): reported, still valid',
    row: { NOTE_TYPE: 'PN' },
    issues: ['CLINICAL_NOTE.NOTE_TYPE:PN'],
    expect: (d) => expect(d.category).toEqual([{ text: 'Report' }]),
  },
];

describe('toOrderReportNote', () => {
  it.each(orderCases)('$name', (c) => {
    const ctx = testContext();
    const d = toOrderReportNote({ order: labOrderRow(c.order), results }, ctx);
    c.expect(d as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues ?? []);
    expectValidUsCore(d);
  });
});

describe('toNoteReport', () => {
  it.each(noteCases)('$name', (c) => {
    const ctx = testContext();
    const d = toNoteReport(noteRow(c.row), ctx);
    c.expect(d as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues ?? []);
    expectValidUsCore(d);
  });
});
