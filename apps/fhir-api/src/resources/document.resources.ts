/**
 * DocumentReference (CLINICAL_NOTE `note-<id>`, DOCUMENT `doc-<id>`) and Binary (the same ids: the note text or
 * the stored file). A DocumentReference page never selects NOTE_TEXT or CONTENT (attachment.url points at the
 * Binary); only a Binary read does. Binary has no search and no scopes of its own: FhirService reads it with the
 * access of its DocumentReference (see `readBinary`).
 */
import { ID_PARAM, LAST_UPDATED_PARAM } from '../../../../libs/fhir/src/search/search-param-definition.js';
import type { LegacyClinicalNote, LegacyDocument } from '../../../../libs/legacy-db/src/index.js';
import { toDocumentBinary, toNoteBinary } from '../../../../libs/mappers/src/document-reference/binary.mapper.js';
import { CLINICAL_NOTE_CATEGORY, DOC_CATEGORY_TYPE, NOTE_TYPE, parseDocumentId } from '../../../../libs/mappers/src/document-reference/document-codes.js';
import { toFileDocumentReference, toNoteDocumentReference } from '../../../../libs/mappers/src/document-reference/document-reference.mapper.js';
import { PROFILE, SYSTEM } from '../../../../libs/mappers/src/common/systems.js';
import type { FhirResource, ParamTarget, ResourceDefinition, ResourceSource, SourceRow } from '../engine/registry/resource-definition.js';
import { auditColumns, referenceKey, reverseCodes } from '../engine/registry/target-helpers.js';
import { tableColumns } from '../engine/sql/row-normalizer.js';
import { and, inList, or } from '../engine/sql/sql-fragment.js';
import { coreParam, usCoreParam } from './registry-config.js';

const unversioned = (p: string) => p.split('|')[0];
const one = (resource: unknown) => [{ sub: 0, resource: resource as FhirResource }];
const patientRef = (alias: string): ParamTarget => ({ kind: 'reference', column: `${alias}.PAT_ID`, targetTypes: ['Patient'], toKey: referenceKey });
const patientAudit = (row: SourceRow) => ({ ...auditColumns(row), patientId: row.PAT_ID as number });
const idParser = (table: 'CLINICAL_NOTE' | 'DOCUMENT') => (id: string) => {
  const parsed = parseDocumentId(id);
  return parsed?.table === table ? { pk: parsed.key } : undefined;
};
const references = (row: SourceRow) => ({ patient: [`Patient/${row.PAT_ID}`], subject: [`Patient/${row.PAT_ID}`] });

const DOCUMENT_STATUS_SYSTEM = 'http://hl7.org/fhir/document-reference-status';
const category: ParamTarget = { kind: 'token', columns: [{ system: CLINICAL_NOTE_CATEGORY.system, constant: ['clinical-note'] }] };
// Rows flagged deleted are never served: every served DocumentReference is `current`.
const status: ParamTarget = { kind: 'token', columns: [{ system: DOCUMENT_STATUS_SYSTEM, constant: ['current'] }] };
const noteTypeOf = reverseCodes(NOTE_TYPE, (c) => c.code);
const categoryTypeOf = reverseCodes(DOC_CATEGORY_TYPE, (c) => c?.code);

/** CLINICAL_NOTE as DocumentReference: every column but NOTE_TEXT. */
export const noteDocumentSource: ResourceSource = {
  key: 'note',
  table: 'CLINICAL_NOTE',
  alias: 'n',
  pk: 'NOTE_ID',
  columns: tableColumns('CLINICAL_NOTE').filter((c) => c !== 'NOTE_TEXT'),
  deletedColumn: 'n.DELETED_YN',
  patientColumn: 'n.PAT_ID',
  lastUpdatedColumn: 'n.UPDATED_AT',
  sort: { date: 'n.CREATED_AT' },
  targets: {
    patient: patientRef('n'),
    subject: patientRef('n'),
    category,
    status,
    type: { kind: 'token', columns: [{ system: SYSTEM.loinc, column: 'n.NOTE_TYPE', toDb: noteTypeOf }], textColumns: ['n.NOTE_TITLE'] },
    date: { kind: 'date', column: 'n.CREATED_AT', columnType: 'datetime' },
    period: { kind: 'date', column: 'n.CREATED_AT', columnType: 'datetime' },
  },
  parseId: idParser('CLINICAL_NOTE'),
  map: (row, ctx) => one(toNoteDocumentReference(row as unknown as LegacyClinicalNote, ctx)),
  references,
  audit: patientAudit,
};

/** DOCUMENT as DocumentReference: every column but CONTENT. The type is LOINC_TYPE, else the category's. */
export const fileDocumentSource: ResourceSource = {
  key: 'doc',
  table: 'DOCUMENT',
  alias: 'd',
  pk: 'DOC_ID',
  columns: tableColumns('DOCUMENT').filter((c) => c !== 'CONTENT'),
  deletedColumn: 'd.DELETED_YN',
  patientColumn: 'd.PAT_ID',
  lastUpdatedColumn: 'd.UPDATED_AT',
  sort: { date: 'd.CREATED_AT' },
  targets: {
    patient: patientRef('d'),
    subject: patientRef('d'),
    category,
    status,
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
  parseId: idParser('DOCUMENT'),
  map: (row, ctx) => one(toFileDocumentReference(row as unknown as LegacyDocument, ctx)),
  references,
  audit: patientAudit,
};

/** DocumentReference (US Core 6.1.0): clinical notes and stored documents. */
export const documentReferenceResource: ResourceDefinition = {
  type: 'DocumentReference',
  profiles: [unversioned(PROFILE.documentReference)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: true,
  params: [
    ID_PARAM, LAST_UPDATED_PARAM,
    usCoreParam('DocumentReference', 'patient', 'reference', { targetTypes: ['Patient'] }),
    coreParam('DocumentReference', 'subject', 'reference', { targetTypes: ['Patient'] }),
    usCoreParam('DocumentReference', 'category', 'token'),
    usCoreParam('DocumentReference', 'type', 'token'),
    usCoreParam('DocumentReference', 'date', 'date', { sortable: true }),
    usCoreParam('DocumentReference', 'period', 'date'),
    usCoreParam('DocumentReference', 'status', 'token'),
  ],
  combinations: [
    { params: ['_id'], expectation: 'SHALL' }, { params: ['patient'], expectation: 'SHALL' }, { params: ['patient', 'type'], expectation: 'SHALL' },
    { params: ['patient', 'category'], expectation: 'SHALL' }, { params: ['patient', 'category', 'date'], expectation: 'SHALL' },
    { params: ['patient', 'status'], expectation: 'SHOULD' }, { params: ['patient', 'type', 'period'], expectation: 'SHOULD' },
  ],
  includes: [{ sourceType: 'DocumentReference', param: 'patient', targetType: 'Patient' }],
  revincludes: [{ sourceType: 'Provenance', param: 'target', targetType: 'DocumentReference' }],
  sources: [noteDocumentSource, fileDocumentSource],
};

const NOTE_CONTENT_COLUMNS = ['NOTE_ID', 'PAT_ID', 'NOTE_FORMAT', 'NOTE_TEXT', 'DELETED_YN', 'CREATED_AT', 'CREATED_BY', 'UPDATED_AT', 'UPDATED_BY', 'ROW_VER'];
const DOCUMENT_CONTENT_COLUMNS = ['DOC_ID', 'PAT_ID', 'MIME_TYPE', 'CONTENT', 'DELETED_YN', 'CREATED_AT', 'CREATED_BY', 'UPDATED_AT', 'UPDATED_BY', 'ROW_VER'];

/**
 * Binary: the content of a DocumentReference, under the same id. Read only (no search: Binary is reached through
 * `attachment.url`); confined like its DocumentReference (patient compartment, practice).
 */
export const binaryResource: ResourceDefinition = {
  type: 'Binary',
  profiles: [],
  interactions: ['read', 'vread'],
  inPatientCompartment: true,
  params: [ID_PARAM],
  sources: [
    {
      key: 'note',
      table: 'CLINICAL_NOTE',
      alias: 'n',
      pk: 'NOTE_ID',
      columns: NOTE_CONTENT_COLUMNS,
      deletedColumn: 'n.DELETED_YN',
      patientColumn: 'n.PAT_ID',
      lastUpdatedColumn: 'n.UPDATED_AT',
      targets: {},
      parseId: idParser('CLINICAL_NOTE'),
      map: (row, ctx) => one(toNoteBinary(row as unknown as LegacyClinicalNote, ctx)),
    },
    {
      key: 'doc',
      table: 'DOCUMENT',
      alias: 'd',
      pk: 'DOC_ID',
      columns: DOCUMENT_CONTENT_COLUMNS,
      deletedColumn: 'd.DELETED_YN',
      patientColumn: 'd.PAT_ID',
      lastUpdatedColumn: 'd.UPDATED_AT',
      targets: {},
      parseId: idParser('DOCUMENT'),
      map: (row, ctx) => one(toDocumentBinary(row as unknown as LegacyDocument, ctx)),
    },
  ],
};
