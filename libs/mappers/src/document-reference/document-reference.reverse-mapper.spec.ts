import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { testContext } from '../testing/test-context.js';
import { documentRow, noteRow } from './document.fixtures.js';
import { toFileDocumentReference, toNoteDocumentReference } from './document-reference.mapper.js';
import { fromDocumentReference, MAX_DOCUMENT_BYTES } from './document-reference.reverse-mapper.js';

type Json = Record<string, any>;
const ZONE = 'America/New_York';

/** A read DocumentReference as a client sends it back: no Binary url, the content inline, no server dates. */
function asWritten(d: Json, content: Buffer): Json {
  const copy = JSON.parse(JSON.stringify(d)) as Json;
  const a = copy.content[0].attachment;
  delete a.url;
  a.data = content.toString('base64');
  return copy;
}

/** A clinical note as a client writes it. */
function progressNote(over: Json = {}, attachment: Json = {}): Json {
  return {
    resourceType: 'DocumentReference',
    status: 'current',
    type: { coding: [{ system: 'http://loinc.org', code: '11506-3', display: 'Progress note' }] },
    category: [{ coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category', code: 'clinical-note' }] }],
    subject: { reference: 'Patient/12' },
    content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: Buffer.from('Feels well.', 'utf8').toString('base64'), ...attachment } }],
    ...over,
  };
}

const issuesOf = (r: ReturnType<typeof fromDocumentReference>) => (r.ok ? [] : r.issues.map((i) => `${i.code}:${i.expression}`));

describe('fromDocumentReference (CLINICAL_NOTE / DOCUMENT reverse mapper)', () => {
  it.each([
    ['an unsigned progress note with a title and a visit', {}],
    ['an unsigned HTML discharge summary without title or visit', { NOTE_TYPE: 'DS', NOTE_TITLE: null, NOTE_FORMAT: 'HTML', NOTE_TEXT: '<p>Home – stable ☺</p>', VISIT_ID: null, AUTHOR_PROV_ID: null }],
  ])('round-trips %s', (_name, over) => {
    const row = noteRow({ SIGNED_YN: 'N', SIGNED_AT: null, SIGNED_BY_PROV_ID: null, ...over });
    const d = toNoteDocumentReference(row, testContext()) as Json;
    delete d.date;
    delete d.context.period;
    delete d.content[0].attachment.creation;
    const back = fromDocumentReference(asWritten(d, Buffer.from(row.NOTE_TEXT, 'utf8')), ZONE);
    expect(back).toEqual({
      ok: true,
      row: {
        PAT_ID: 12, table: 'CLINICAL_NOTE', authorProvId: row.AUTHOR_PROV_ID,
        columns: { PAT_ID: 12, VISIT_ID: row.VISIT_ID, NOTE_TYPE: row.NOTE_TYPE, NOTE_TITLE: row.NOTE_TITLE, NOTE_FORMAT: row.NOTE_FORMAT, NOTE_TEXT: row.NOTE_TEXT },
      },
    });
  });

  it.each([
    ['a scanned lab PDF', {}],
    ['a C-CDA', { DOC_CATEGORY: 'CCDA', LOINC_TYPE: '34133-9', MIME_TYPE: 'application/xml', CONTENT: Buffer.from('<ClinicalDocument/>'), TITLE: 'CCD', VISIT_ID: null, AUTHOR_PROV_ID: null }],
    ['a PNG of another LOINC type (category OTHER)', { DOC_CATEGORY: 'OTHER', LOINC_TYPE: '51851-4', MIME_TYPE: 'image/png', CONTENT: Buffer.from('89504e470d0a1a0a0000', 'hex'), TITLE: 'Card' }],
  ])('round-trips %s (bytes, size and SHA-1 kept)', (_name, over) => {
    const base = documentRow(over as never);
    const row = { ...base, SIZE_BYTES: base.CONTENT.length, SHA1_HEX: createHash('sha1').update(base.CONTENT).digest('hex') };
    const back = fromDocumentReference(asWritten(toFileDocumentReference(row, testContext()) as Json, row.CONTENT), ZONE);
    const { DOC_ID: _id, DELETED_YN: _d, CREATED_AT: _c, CREATED_BY: _cb, UPDATED_AT: _u, UPDATED_BY: _ub, ROW_VER: _v, AUTHOR_PROV_ID, ...columns } = row;
    expect(back).toEqual({ ok: true, row: { PAT_ID: 12, table: 'DOCUMENT', authorProvId: AUTHOR_PROV_ID, columns } });
  });

  it('a document without dates leaves DOC_DATE to the writer (the filing time)', () => {
    const pdf = progressNote({ description: 'Outside report' }, { contentType: 'application/pdf', data: Buffer.from('%PDF-1.4\n%%EOF').toString('base64') });
    const back = fromDocumentReference(pdf, ZONE);
    expect(back.ok && back.row.table === 'DOCUMENT' && back.row.columns).toMatchObject({ DOC_CATEGORY: 'OTHER', LOINC_TYPE: '11506-3', DOC_DATE: null, TITLE: 'Outside report', SIZE_BYTES: 14 });
  });

  it('a patient\'s upload is a document, text included (never a clinical note); its text must be UTF-8', () => {
    const upload = progressNote({ description: 'My blood pressure log' });
    const back = fromDocumentReference(upload, ZONE, { patientSupplied: true });
    expect(back.ok && back.row.table === 'DOCUMENT' && back.row.columns).toMatchObject({ DOC_CATEGORY: 'OTHER', LOINC_TYPE: '11506-3', MIME_TYPE: 'text/plain; charset=utf-8', TITLE: 'My blood pressure log', CONTENT: Buffer.from('Feels well.') });
    expect(fromDocumentReference(upload, ZONE).ok && (fromDocumentReference(upload, ZONE) as { row: { table: string } }).row.table).toBe('CLINICAL_NOTE');
    const latin1 = progressNote({ description: 'x' }, { data: Buffer.from([0xe9]).toString('base64') });
    expect(issuesOf(fromDocumentReference(latin1, ZONE, { patientSupplied: true }))).toEqual(['value:DocumentReference.content[0].attachment.data']);
  });

  it.each([
    ['an external url (no server-side fetching)', progressNote({}, { data: undefined, url: 'https://elsewhere.example/note.txt' }), ['not-supported:DocumentReference.content[0].attachment.url']],
    ['an unmapped note type', progressNote({ type: { coding: [{ system: 'http://loinc.org', code: '11504-8' }] } }), ['not-supported:DocumentReference.type']],
    ['a signed note', progressNote({ docStatus: 'final' }), ['not-supported:DocumentReference.docStatus']],
    ['bad base64', progressNote({}, { data: 'no!' }), ['value:DocumentReference.content[0].attachment.data']],
    ['text that is not UTF-8', progressNote({}, { data: Buffer.from([0xff, 0xfe, 0x41]).toString('base64') }), ['value:DocumentReference.content[0].attachment.data']],
    ['another charset', progressNote({}, { contentType: 'text/plain; charset=iso-8859-1' }), ['not-supported:DocumentReference.content[0].attachment.contentType']],
    ['a PDF that is not one', progressNote({ description: 'x' }, { contentType: 'application/pdf' }), ['value:DocumentReference.content[0].attachment.data']],
    ['an unsupported content type', progressNote({}, { contentType: 'application/msword' }), ['not-supported:DocumentReference.content[0].attachment.contentType']],
    ['a wrong size and hash', progressNote({}, { size: 3, hash: 'AAAA' }), ['value:DocumentReference.content[0].attachment.size', 'value:DocumentReference.content[0].attachment.hash']],
    ['two titles', progressNote({ description: 'A', type: { coding: [{ system: 'http://loinc.org', code: '11506-3' }], text: 'B' } }), ['business-rule:DocumentReference.type.text']],
    ['a patient author, an extension, a second content', progressNote({ author: [{ reference: 'Patient/12' }], extension: [{ url: 'x', valueString: 'y' }], content: [progressNote().content[0], progressNote().content[0]] }), ['not-supported:DocumentReference.extension', 'not-supported:DocumentReference.author[0]', 'not-supported:DocumentReference.content']],
    ['a note date from the client', progressNote({ context: { period: { start: '2024-01-01T10:00:00Z' } } }), ['not-supported:DocumentReference.context.period']],
    ['no subject, status superseded', progressNote({ subject: undefined, status: 'superseded' }), ['not-supported:DocumentReference.status', 'required:DocumentReference.subject']],
  ])('refuses %s', (_name, resource, expected) => {
    expect(issuesOf(fromDocumentReference(resource, ZONE))).toEqual(expected);
  });

  it('refuses content beyond the limit as too-costly, before decoding it', () => {
    const big = progressNote({}, { data: Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x41).toString('base64') });
    expect(issuesOf(fromDocumentReference(big, ZONE))).toEqual(['too-costly:DocumentReference.content[0].attachment.data']);
    const limit = progressNote({}, { data: Buffer.alloc(MAX_DOCUMENT_BYTES, 0x41).toString('base64') });
    expect(fromDocumentReference(limit, ZONE).ok).toBe(true);
  });
});
