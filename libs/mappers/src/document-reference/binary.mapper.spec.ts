import { describe, expect, it } from '@jest/globals';
import '../testing/websocket-shim.js';
import { validateResource } from '@medplum/core';
import { loadUsCore } from '../testing/us-core-validator.js';
import { testContext } from '../testing/test-context.js';
import { documentContent, noteContent, toDocumentBinary, toNoteBinary } from './binary.mapper.js';
import { documentRow, noteRow } from './document.fixtures.js';

/** Binary has no US Core profile: it must conform to base R4 Binary. */
function expectValidBinary(resource: object): void {
  loadUsCore();
  expect(() => validateResource(resource as never)).not.toThrow();
}

describe('Binary of a clinical note', () => {
  it('is the note text as UTF-8, typed by NOTE_FORMAT, secured by its DocumentReference', () => {
    const ctx = testContext();
    const b = toNoteBinary(noteRow({ NOTE_FORMAT: 'HTML', NOTE_TEXT: '<p>Assessment – stable</p>' }), ctx);
    expect(b).toMatchObject({
      resourceType: 'Binary',
      id: 'note-110',
      meta: { versionId: '2', lastUpdated: '2024-03-02T16:40:00-05:00' },
      contentType: 'text/html; charset=utf-8',
      securityContext: { reference: 'DocumentReference/note-110' },
    });
    expect(Buffer.from(b.data!, 'base64').toString('utf8')).toBe('<p>Assessment – stable</p>');
    expect(ctx.issues).toEqual([]);
    expectValidBinary(b);
  });

  it('raw content: the same bytes; an unknown NOTE_FORMAT is reported and served as text/plain', () => {
    const ctx = testContext();
    const c = noteContent(noteRow({ NOTE_FORMAT: 'DOCX', NOTE_TEXT: 'é' }), ctx);
    expect(c.contentType).toBe('text/plain; charset=utf-8');
    expect([...c.bytes]).toEqual([0xc3, 0xa9]);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(['CLINICAL_NOTE.NOTE_FORMAT:DOCX']);
  });
});

describe('Binary of a stored document', () => {
  it('is the stored file byte for byte with its MIME_TYPE', () => {
    const row = documentRow();
    const b = toDocumentBinary(row, testContext());
    expect(b.id).toBe('doc-120');
    expect(b.contentType).toBe('application/pdf');
    expect(b.securityContext).toEqual({ reference: 'DocumentReference/doc-120' });
    expect(Buffer.from(b.data!, 'base64').equals(row.CONTENT)).toBe(true);
    expectValidBinary(b);
  });

  it('a driver handing back a Uint8Array and a blank MIME_TYPE: bytes kept, application/octet-stream', () => {
    const bytes = new Uint8Array([0, 255, 10]);
    const c = documentContent({ ...documentRow(), CONTENT: bytes as unknown as Buffer, MIME_TYPE: ' ' });
    expect(c.contentType).toBe('application/octet-stream');
    expect([...c.bytes]).toEqual([0, 255, 10]);
  });
});
