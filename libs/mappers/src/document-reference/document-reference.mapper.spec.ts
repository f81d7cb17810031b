import { describe, expect, it } from '@jest/globals';
import { PROFILE } from '../common/systems.js';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { testContext } from '../testing/test-context.js';
import { parseDocumentId } from './document-codes.js';
import { documentRow, noteRow } from './document.fixtures.js';
import { toFileDocumentReference, toNoteDocumentReference } from './document-reference.mapper.js';

type Json = Record<string, any>;

const noteCases: Array<{ name: string; row?: Parameters<typeof noteRow>[0]; issues?: string[]; expect: (d: Json) => void }> = [
  {
    name: 'signed progress note: LOINC type, clinical-note, final, author + authenticator, Binary url, no inline text',
    expect: (d) => {
      expect(d.id).toBe('note-110');
      expect(d.meta.profile).toEqual([PROFILE.documentReference]);
      expect(d.status).toBe('current');
      expect(d.docStatus).toBe('final');
      expect(d.type.coding).toEqual([{ system: 'http://loinc.org', code: '11506-3', display: 'Progress note' }]);
      expect(d.category[0].coding[0]).toMatchObject({ system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category', code: 'clinical-note' });
      expect(d.subject).toEqual({ reference: 'Patient/12' });
      expect(d.date).toBe('2024-03-01T09:45:00-05:00');
      expect(d.author).toEqual([{ reference: 'Practitioner/5' }]);
      expect(d.authenticator).toEqual({ reference: 'Practitioner/5' });
      expect(d.content).toHaveLength(1);
      expect(d.content[0].attachment).toMatchObject({ contentType: 'text/plain; charset=utf-8', url: 'http://localhost/fhir/Binary/note-110' });
      expect(d.content[0].attachment.data).toBeUndefined();
      expect(d.content[0].format.code).toBe('urn:ihe:iti:xds:2017:mimeTypeSufficient');
      expect(d.context).toEqual({ encounter: [{ reference: 'Encounter/40' }], period: { start: '2024-03-01T09:45:00-05:00' } });
      expect(JSON.stringify(d)).not.toContain('feels well');
    },
  },
  {
    name: 'unsigned draft: preliminary, no authenticator',
    row: { SIGNED_YN: 'N', SIGNED_AT: null, SIGNED_BY_PROV_ID: null },
    expect: (d) => {
      expect(d.docStatus).toBe('preliminary');
      expect(d.authenticator).toBeUndefined();
    },
  },
  {
    name: 'amended after signing: amended',
    row: { AMENDED_YN: 'Y' },
    expect: (d) => expect(d.docStatus).toBe('amended'),
  },
  {
    name: 'every NOTE_TYPE has its LOINC type (discharge summary; HTML note)',
    row: { NOTE_TYPE: 'DS', NOTE_TITLE: null, NOTE_FORMAT: 'HTML', VISIT_ID: null, AUTHOR_PROV_ID: null },
    expect: (d) => {
      expect(d.type).toEqual({ coding: [{ system: 'http://loinc.org', code: '18842-5', display: 'Discharge summary' }], text: 'Discharge summary' });
      expect(d.content[0].attachment.contentType).toBe('text/html; charset=utf-8');
      expect(d.context.encounter).toBeUndefined();
      expect(d.author).toBeUndefined();
    },
  },
  {
    name: 'unknown NOTE_TYPE and NOTE_FORMAT: reported, type UNK (the value set\'s unknown), text/plain',
    row: { NOTE_TYPE: 'XX', NOTE_FORMAT: 'DOCX' },
    issues: ['CLINICAL_NOTE.NOTE_FORMAT:DOCX', 'CLINICAL_NOTE.NOTE_TYPE:XX'],
    expect: (d) => {
      expect(d.type.coding).toEqual([{ system: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor', code: 'UNK', display: 'unknown' }]);
      expect(d.type.text).toBe('Progress note');
      expect(d.content[0].attachment.contentType).toBe('text/plain; charset=utf-8');
    },
  },
];

const docCases: Array<{ name: string; row?: Parameters<typeof documentRow>[0]; issues?: string[]; expect: (d: Json) => void }> = [
  {
    name: 'scanned PDF: LOINC_TYPE, size, SHA-1 as base64 hash, DOC_DATE as period, Binary url',
    expect: (d) => {
      expect(d.id).toBe('doc-120');
      expect(d.type.coding).toEqual([{ system: 'http://loinc.org', code: '11502-2' }]);
      expect(d.docStatus).toBe('final');
      expect(d.date).toBe('2024-03-01T09:45:00-05:00');
      expect(d.context.period).toEqual({ start: '2024-03-01T09:00:00-05:00' });
      const a = d.content[0].attachment;
      expect(a.contentType).toBe('application/pdf');
      expect(a.url).toBe('http://localhost/fhir/Binary/doc-120');
      expect(a.size).toBe(documentRow().SIZE_BYTES);
      expect(Buffer.from(a.hash, 'base64').toString('hex')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
      expect(a.data).toBeUndefined();
    },
  },
  {
    name: 'C-CDA: the C-CDA format code',
    row: { DOC_CATEGORY: 'CCDA', LOINC_TYPE: '34133-9', MIME_TYPE: 'application/xml', TITLE: 'Continuity of Care Document' },
    expect: (d) => {
      expect(d.content[0].format.code).toBe('urn:hl7-org:sdwg:ccda-structuredBody:2.1');
      expect(d.content[0].attachment.contentType).toBe('application/xml');
      expect(d.type.text).toBe('Continuity of Care Document');
    },
  },
  {
    name: 'no LOINC_TYPE: type from DOC_CATEGORY; OTHER: UNK; malformed hash left out',
    row: { LOINC_TYPE: null, DOC_CATEGORY: 'CONSENT', SHA1_HEX: 'xyz', AUTHOR_PROV_ID: null, VISIT_ID: null },
    expect: (d) => {
      expect(d.type.coding[0].code).toBe('59284-0');
      expect(d.content[0].attachment.hash).toBeUndefined();
      expect(d.author).toBeUndefined();
    },
  },
  {
    name: 'category OTHER without LOINC type: UNK',
    row: { LOINC_TYPE: null, DOC_CATEGORY: 'OTHER', MIME_TYPE: 'text/plain' },
    expect: (d) => expect(d.type.coding[0].code).toBe('UNK'),
  },
  {
    name: 'malformed LOINC_TYPE and unknown category: both reported, UNK',
    row: { LOINC_TYPE: 'ABC', DOC_CATEGORY: 'FAX' },
    issues: ['DOCUMENT.LOINC_TYPE:ABC', 'DOCUMENT.DOC_CATEGORY:FAX'],
    expect: (d) => expect(d.type.coding[0].code).toBe('UNK'),
  },
];

describe('toNoteDocumentReference', () => {
  it.each(noteCases)('$name', (c) => {
    const ctx = testContext();
    const d = toNoteDocumentReference(noteRow(c.row), ctx);
    c.expect(d as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues ?? []);
    expectValidUsCore(d);
  });
});

describe('toFileDocumentReference', () => {
  it.each(docCases)('$name', (c) => {
    const ctx = testContext();
    const d = toFileDocumentReference(documentRow(c.row), ctx);
    c.expect(d as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues ?? []);
    expectValidUsCore(d);
  });
});

describe('parseDocumentId', () => {
  it.each([
    ['note-110', { table: 'CLINICAL_NOTE', key: 110 }],
    ['doc-1', { table: 'DOCUMENT', key: 1 }],
    ['doc-01', undefined],
    ['note-2147483648', undefined],
    ['110', undefined],
    ['lab-3', undefined],
  ])('%s', (id, expected) => expect(parseDocumentId(id)).toEqual(expected));
});
