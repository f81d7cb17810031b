/**
 * DiagnosticReport source over the narrative CLINICAL_NOTEs that are reports (NOTE_TYPE IMG, LAB, PATH):
 * `note-<NOTE_ID>`, the id of the same note as DocumentReference (US Core: a report may be exposed both ways).
 * NOTE_TEXT is never selected: presentedForm points at the note's Binary.
 */
import type { LegacyClinicalNote } from '../../../../libs/legacy-db/src/index.js';
import { SYSTEM } from '../../../../libs/mappers/src/common/systems.js';
import { REPORT_NOTE_CATEGORY, REPORT_NOTE_TYPES, toNoteReport } from '../../../../libs/mappers/src/diagnostic-report/report-note.mapper.js';
import { NOTE_TYPE, parseDocumentId } from '../../../../libs/mappers/src/document-reference/document-codes.js';
import type { Coding } from '../../../../libs/mappers/src/common/fhir-types.js';
import type { FhirResource, ResourceSource, TokenColumn } from '../engine/registry/resource-definition.js';
import { auditColumns, referenceKey, reverseCodes } from '../engine/registry/target-helpers.js';
import { tableColumns } from '../engine/sql/row-normalizer.js';

const STATUS_SQL: Readonly<Record<string, string>> = {
  preliminary: "rn.SIGNED_YN <> 'Y'",
  final: "rn.SIGNED_YN = 'Y' AND rn.AMENDED_YN <> 'Y'",
  amended: "rn.SIGNED_YN = 'Y' AND rn.AMENDED_YN = 'Y'",
};

/** Category columns per code system of REPORT_NOTE_CATEGORY (LOINC for imaging / pathology, v2 0074 for LAB). */
function categoryColumns(): TokenColumn[] {
  const systems = new Set(Object.values(REPORT_NOTE_CATEGORY).map((c) => c.system));
  return [...systems].map((system) => {
    const subset: Record<string, Coding> = Object.fromEntries(Object.entries(REPORT_NOTE_CATEGORY).filter(([, c]) => c.system === system));
    return { system, column: 'rn.NOTE_TYPE', toDb: reverseCodes(subset, (c) => c.code) };
  });
}

/** The narrative-note source of DiagnosticReport. */
export const reportNoteSource: ResourceSource = {
  key: 'note',
  table: 'CLINICAL_NOTE',
  alias: 'rn',
  pk: 'NOTE_ID',
  columns: tableColumns('CLINICAL_NOTE').filter((c) => c !== 'NOTE_TEXT'),
  baseWhere: `rn.NOTE_TYPE IN (${REPORT_NOTE_TYPES.map((t) => `'${t}'`).join(', ')})`,
  deletedColumn: 'rn.DELETED_YN',
  patientColumn: 'rn.PAT_ID',
  lastUpdatedColumn: 'rn.UPDATED_AT',
  sort: { date: 'rn.CREATED_AT' },
  targets: {
    patient: { kind: 'reference', column: 'rn.PAT_ID', targetTypes: ['Patient'], toKey: referenceKey },
    subject: { kind: 'reference', column: 'rn.PAT_ID', targetTypes: ['Patient'], toKey: referenceKey },
    category: { kind: 'token', columns: categoryColumns() },
    code: { kind: 'token', columns: [{ system: SYSTEM.loinc, column: 'rn.NOTE_TYPE', toDb: reverseCodes(NOTE_TYPE, (c) => c.code) }], textColumns: ['rn.NOTE_TITLE'] },
    date: { kind: 'date', column: 'rn.CREATED_AT', columnType: 'datetime' },
    status: {
      kind: 'token',
      columns: [{ system: 'http://hl7.org/fhir/diagnostic-report-status', custom: (code) => (STATUS_SQL[code] ? { sql: STATUS_SQL[code] } : false) }],
    },
  },
  parseId(id) {
    const parsed = parseDocumentId(id);
    return parsed?.table === 'CLINICAL_NOTE' ? { pk: parsed.key } : undefined;
  },
  map: (row, ctx) => [{ sub: 0, resource: toNoteReport(row as unknown as LegacyClinicalNote, ctx) as unknown as FhirResource }],
  references: (row) => ({ patient: [`Patient/${row.PAT_ID}`] }),
  audit: (row) => ({ ...auditColumns(row), patientId: row.PAT_ID as number }),
};
