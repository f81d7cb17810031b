/**
 * Local-code tables and ids of the document types (CLINICAL_NOTE and DOCUMENT -> DocumentReference and Binary).
 * Kept in this folder (not the shared code-maps) so the type is one folder.
 */
import type { Coding } from '../common/fhir-types.js';
import { SYSTEM } from '../common/systems.js';
import { FILE_IDS, NOTE_IDS } from './document-reference.ids.js';

const loinc = (code: string, display: string): Coding => ({ system: SYSTEM.loinc, code, display });

/** CLINICAL_NOTE.NOTE_TYPE -> LOINC document type (US Core clinical notes, us-core-documentreference-type). */
export const NOTE_TYPE: Readonly<Record<string, Coding>> = {
  PN: loinc('11506-3', 'Progress note'),
  HP: loinc('34117-2', 'History and physical note'),
  CN: loinc('11488-4', 'Consult note'),
  DS: loinc('18842-5', 'Discharge summary'),
  PROC: loinc('28570-0', 'Procedure note'),
  IMG: loinc('18748-4', 'Diagnostic imaging study'),
  LAB: loinc('11502-2', 'Laboratory report'),
  PATH: loinc('11526-1', 'Pathology study'),
  ED: loinc('34111-5', 'Emergency department note'),
  NURS: loinc('34746-8', 'Nurse note'),
};

/** DOCUMENT.DOC_CATEGORY -> LOINC document type, used when DOCUMENT.LOINC_TYPE is NULL (OTHER has none). */
export const DOC_CATEGORY_TYPE: Readonly<Record<string, Coding | null>> = {
  LAB: loinc('11502-2', 'Laboratory report'),
  RAD: loinc('18748-4', 'Diagnostic imaging study'),
  CONSULT: loinc('11488-4', 'Consult note'),
  CCDA: loinc('34133-9', 'Summary of episode note'),
  CONSENT: loinc('59284-0', 'Consent Document'),
  INS: loinc('64290-0', 'Insurance card'),
  OTHER: null,
};

/** CLINICAL_NOTE.NOTE_FORMAT -> media type of the note text (served as UTF-8). */
export const NOTE_FORMAT: Readonly<Record<string, string>> = {
  TXT: 'text/plain; charset=utf-8',
  HTML: 'text/html; charset=utf-8',
  RTF: 'text/rtf; charset=utf-8',
};

/** The type's "unknown" member (us-core-documentreference-type includes v3 NullFlavor UNK). */
export const UNKNOWN_TYPE: Coding = { system: SYSTEM.v3NullFlavor, code: 'UNK', display: 'unknown' };

/** US Core DocumentReference category (the one code of us-core-documentreference-category). */
export const CLINICAL_NOTE_CATEGORY: Coding = {
  system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
  code: 'clinical-note',
  display: 'Clinical Note',
};

/** IHE format codes (DocumentReference.content.format). */
export const FORMAT_CODE_SYSTEM = 'http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode';
export const FORMAT_MIME_SUFFICIENT: Coding = { system: FORMAT_CODE_SYSTEM, code: 'urn:ihe:iti:xds:2017:mimeTypeSufficient', display: 'mimeType Sufficient' };
export const FORMAT_CCDA: Coding = { system: FORMAT_CODE_SYSTEM, code: 'urn:hl7-org:sdwg:ccda-structuredBody:2.1', display: 'Documents following C-CDA constraints using a structured body' };

/** Identifier systems of the EHR's row keys. */
export const NOTE_ID_SYSTEM = `${SYSTEM.localPrefix}clinical-note-id`;
export const DOCUMENT_ID_SYSTEM = `${SYSTEM.localPrefix}document-id`;

/** Which row a DocumentReference / Binary id names: `note-<NOTE_ID>` (CLINICAL_NOTE) or `doc-<DOC_ID>` (DOCUMENT). */
export type DocumentKey = { table: 'CLINICAL_NOTE' | 'DOCUMENT'; key: number };

/**
 * Ids of DocumentReference and of its Binary (the same id for both, so `Binary/<id>` is the content of
 * `DocumentReference/<id>`); the narrative notes that are reports use the note's id as DiagnosticReport too.
 */
export const documentId = {
  note: (noteId: number) => NOTE_IDS.format(noteId),
  document: (docId: number) => FILE_IDS.format(docId),
};

/** Parses a DocumentReference / Binary id; `undefined` for an id this facade never produces. */
export function parseDocumentId(id: string): DocumentKey | undefined {
  const note = NOTE_IDS.parse(id);
  if (note) return { table: 'CLINICAL_NOTE', key: note.key };
  const file = FILE_IDS.parse(id);
  return file ? { table: 'DOCUMENT', key: file.key } : undefined;
}
