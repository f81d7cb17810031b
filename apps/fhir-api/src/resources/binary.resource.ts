/**
 * Binary: the content of a DocumentReference under the same id (`note-<id>`: the note text, `doc-<id>`: the stored
 * file). Read only (no search: Binary is reached through `attachment.url`), no profile, no Provenance. FhirService
 * reads it with the access of its DocumentReference (`readBinary`), so it is confined exactly like it.
 */
import { ClinicalNoteTable, DocumentTable } from '#facade/legacy-db';
import { toDocumentBinary, toNoteBinary } from '#facade/mappers';
import { FILE_IDS, NOTE_IDS } from '#facade/mappers/src/document-reference/document-reference.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';

const noteText = sourceOf(ClinicalNoteTable)({
  // Keys distinct from DocumentReference's sources over the same tables (compiled statements are cached per key).
  key: 'note-content',
  alias: 'n',
  profiles: [],
  ids: NOTE_IDS,
  columns: ['NOTE_ID', 'PAT_ID', 'NOTE_FORMAT', 'NOTE_TEXT', 'DELETED_YN', 'UPDATED_AT', 'ROW_VER'],
  deletedColumn: 'n.DELETED_YN',
  patientColumn: 'n.PAT_ID',
  targets: {},
  map: (row, ctx) => toNoteBinary(row, ctx) as unknown as FhirResource,
  audit: false,
});

const fileContent = sourceOf(DocumentTable)({
  key: 'doc-content',
  alias: 'd',
  profiles: [],
  ids: FILE_IDS,
  columns: ['DOC_ID', 'PAT_ID', 'MIME_TYPE', 'CONTENT', 'DELETED_YN', 'UPDATED_AT', 'ROW_VER'],
  deletedColumn: 'd.DELETED_YN',
  patientColumn: 'd.PAT_ID',
  targets: {},
  map: (row, ctx) => toDocumentBinary(row, ctx) as unknown as FhirResource,
  audit: false,
});

/** Binary (read and vread only). */
export const binaryResource: ResourceEntry = { type: 'Binary', inPatientCompartment: true, interactions: ['read', 'vread'], sources: [noteText, fileContent] };
