/**
 * DocumentReference (US Core 6.1.0): clinical notes (CLINICAL_NOTE, `note-<id>`) and stored documents (DOCUMENT,
 * `doc-<id>`). A page never selects NOTE_TEXT or CONTENT: `attachment.url` points at the Binary of the same id
 * (binary.resource.ts), which only a Binary read loads.
 */
import { ClinicalNoteTable, DocumentTable, type LegacyClinicalNote, type LegacyDocument } from '#facade/legacy-db';
import { PROFILE, SYSTEM, CLINICAL_NOTE_CATEGORY, DOC_CATEGORY_TYPE, NOTE_TYPE, toFileDocumentReference, toNoteDocumentReference } from '#facade/mappers';
import { FILE_IDS, NOTE_IDS } from '#facade/mappers/src/document-reference/document-reference.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { reverseCodes } from '../engine/registry/target-helpers.js';
import { tableColumns } from '../engine/sql/row-normalizer.js';
import { and, inList, or } from '../engine/sql/sql-fragment.js';

const DOCUMENT_STATUS_SYSTEM = 'http://hl7.org/fhir/document-reference-status';
const CATEGORY_SYSTEM = CLINICAL_NOTE_CATEGORY.system;
const noteTypeOf = reverseCodes(NOTE_TYPE, (c) => c.code);
const categoryTypeOf = reverseCodes(DOC_CATEGORY_TYPE, (c) => c?.code);
const NOTE_HEADER = tableColumns('CLINICAL_NOTE').filter((c) => c !== 'NOTE_TEXT') as (keyof LegacyClinicalNote & string)[];
const DOCUMENT_HEADER = tableColumns('DOCUMENT').filter((c) => c !== 'CONTENT') as (keyof LegacyDocument & string)[];

const notes = sourceOf(ClinicalNoteTable)({
  key: 'note',
  alias: 'n',
  profiles: [PROFILE.documentReference],
  ids: NOTE_IDS,
  columns: NOTE_HEADER,
  deletedColumn: 'n.DELETED_YN',
  patientColumn: 'n.PAT_ID',
  sort: { date: 'n.CREATED_AT' },
  targets: {
    patient: { kind: 'reference', column: 'n.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'n.PAT_ID', to: 'Patient' },
    category: { kind: 'token', columns: [{ system: CATEGORY_SYSTEM, constant: ['clinical-note'] }] },
    // Rows flagged deleted are never served: every served DocumentReference is `current`.
    status: { kind: 'token', columns: [{ system: DOCUMENT_STATUS_SYSTEM, constant: ['current'] }] },
    type: { kind: 'token', columns: [{ system: SYSTEM.loinc, column: 'n.NOTE_TYPE', toDb: noteTypeOf }], textColumns: ['n.NOTE_TITLE'] },
    date: { kind: 'date', column: 'n.CREATED_AT', columnType: 'datetime' },
    period: { kind: 'date', column: 'n.CREATED_AT', columnType: 'datetime' },
  },
  map: (row, ctx) => toNoteDocumentReference(row, ctx) as unknown as FhirResource,
});

const files = sourceOf(DocumentTable)({
  key: 'doc',
  alias: 'd',
  profiles: [PROFILE.documentReference],
  ids: FILE_IDS,
  columns: DOCUMENT_HEADER,
  deletedColumn: 'd.DELETED_YN',
  patientColumn: 'd.PAT_ID',
  sort: { date: 'd.CREATED_AT' },
  targets: {
    patient: { kind: 'reference', column: 'd.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'd.PAT_ID', to: 'Patient' },
    category: { kind: 'token', columns: [{ system: CATEGORY_SYSTEM, constant: ['clinical-note'] }] },
    status: { kind: 'token', columns: [{ system: DOCUMENT_STATUS_SYSTEM, constant: ['current'] }] },
    // The type is LOINC_TYPE, else the one of the category (as the mapper derives it).
    type: {
      kind: 'token',
      columns: [
        {
          system: SYSTEM.loinc,
          custom: (code, bag) => {
            const categories = categoryTypeOf(code);
            return or([
              { sql: `d.LOINC_TYPE = ${bag.bind(code)}` },
              categories ? and([{ sql: 'd.LOINC_TYPE IS NULL' }, inList('d.DOC_CATEGORY', categories, bag)]) : false,
            ]);
          },
        },
      ],
      textColumns: ['d.TITLE'],
    },
    date: { kind: 'date', column: 'd.CREATED_AT', columnType: 'datetime' },
    period: { kind: 'date', column: 'd.DOC_DATE', columnType: 'datetime' },
  },
  map: (row, ctx) => toFileDocumentReference(row, ctx) as unknown as FhirResource,
});

/** DocumentReference: clinical notes and stored documents; `$docref` (service/docref-operation.ts) searches them. */
export const documentReferenceResource: ResourceEntry = {
  type: 'DocumentReference',
  inPatientCompartment: true,
  sources: [notes, files],
  operations: [
    {
      name: 'docref',
      definition: 'http://hl7.org/fhir/us/core/OperationDefinition/docref',
      documentation:
        'Existing documents only: on-demand=true is accepted and answered with the stored documents (none are generated). ' +
        'type defaults to the CCD (LOINC 34133-9); start/end select by the care date; without them all documents of the type, newest first.',
    },
  ],
};
