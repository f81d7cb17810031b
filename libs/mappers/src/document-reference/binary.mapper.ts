import type { LegacyClinicalNote, LegacyDocument } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import type { FhirResource } from '../common/fhir-types.js';
import { text } from '../common/flags.js';
import { toInstant } from '../common/time.js';
import { documentId, NOTE_FORMAT } from './document-codes.js';

/** A Binary resource (base FHIR R4: US Core has no Binary profile). */
export type Binary = FhirResource & { resourceType: 'Binary'; contentType: string; data?: string };

/** The raw content of a document: its bytes and media type (what a non-FHIR `Accept` gets). */
export interface BinaryContent {
  contentType: string;
  bytes: Buffer;
}

/** The columns a note's Binary needs. */
export type NoteContentRow = Pick<LegacyClinicalNote, 'NOTE_ID' | 'NOTE_FORMAT' | 'NOTE_TEXT' | 'ROW_VER' | 'UPDATED_AT'>;
/** The columns a file's Binary needs. */
export type DocumentContentRow = Pick<LegacyDocument, 'DOC_ID' | 'MIME_TYPE' | 'CONTENT' | 'ROW_VER' | 'UPDATED_AT'>;

/** CLINICAL_NOTE.NOTE_TEXT as UTF-8 bytes with the media type of NOTE_FORMAT (unknown format reported, text/plain). */
export function noteContent(note: NoteContentRow, ctx: MapperContext): BinaryContent {
  const contentType = lookupCode(NOTE_FORMAT, note.NOTE_FORMAT, 'CLINICAL_NOTE.NOTE_FORMAT', ctx) ?? 'text/plain; charset=utf-8';
  return { contentType, bytes: Buffer.from(note.NOTE_TEXT ?? '', 'utf8') };
}

/** DOCUMENT.CONTENT as stored, with MIME_TYPE (blank: application/octet-stream). */
export function documentContent(doc: DocumentContentRow): BinaryContent {
  const bytes = Buffer.isBuffer(doc.CONTENT) ? doc.CONTENT : Buffer.from(doc.CONTENT as unknown as Uint8Array);
  return { contentType: text(doc.MIME_TYPE) ?? 'application/octet-stream', bytes };
}

function toBinary(id: string, row: { ROW_VER: number; UPDATED_AT: string }, content: BinaryContent, ctx: MapperContext): Binary {
  return {
    resourceType: 'Binary',
    id,
    meta: { versionId: String(row.ROW_VER), lastUpdated: toInstant(row.UPDATED_AT, ctx) },
    contentType: content.contentType,
    // The access to a Binary is the access to this DocumentReference (FHIR's securityContext).
    securityContext: { reference: `DocumentReference/${id}` },
    data: content.bytes.toString('base64'),
  };
}

/**
 * CLINICAL_NOTE -> Binary (`note-<NOTE_ID>`, the id of its DocumentReference): the note text as UTF-8 in
 * `data`, `contentType` from NOTE_FORMAT, `securityContext` = the DocumentReference.
 */
export function toNoteBinary(note: NoteContentRow, ctx: MapperContext): Binary {
  return toBinary(documentId.note(note.NOTE_ID), note, noteContent(note, ctx), ctx);
}

/** DOCUMENT -> Binary (`doc-<DOC_ID>`): the stored file in `data`, MIME_TYPE, `securityContext` = the DocumentReference. */
export function toDocumentBinary(doc: DocumentContentRow, ctx: MapperContext): Binary {
  return toBinary(documentId.document(doc.DOC_ID), doc, documentContent(doc), ctx);
}
