/**
 * DiagnosticReport source over the narrative CLINICAL_NOTEs that are reports (NOTE_TYPE IMG, LAB, PATH):
 * `note-<NOTE_ID>`, the id of the same note as DocumentReference (US Core: a report may be exposed both ways).
 * NOTE_TEXT is never selected: presentedForm points at the note's Binary.
 */
import { ClinicalNoteTable, type LegacyClinicalNote } from '#facade/legacy-db';
import { type Coding, PROFILE, SYSTEM, REPORT_NOTE_CATEGORY, REPORT_NOTE_TYPES, toNoteReport, NOTE_TYPE } from '#facade/mappers';
import { NOTE_IDS } from '#facade/mappers/src/document-reference/document-reference.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf } from '../engine/registry/resource-entry.js';
import { reverseCodes } from '../engine/registry/target-helpers.js';
import { tableColumns } from '../engine/sql/row-normalizer.js';

const STATUS_SQL: Readonly<Record<string, string>> = {
  preliminary: "rn.SIGNED_YN <> 'Y'",
  final: "rn.SIGNED_YN = 'Y' AND rn.AMENDED_YN <> 'Y'",
  amended: "rn.SIGNED_YN = 'Y' AND rn.AMENDED_YN = 'Y'",
};

/** REPORT_NOTE_CATEGORY restricted to one code system (LOINC for imaging / pathology, v2 0074 for LAB). */
function categoriesOf(system: string): Record<string, Coding> {
  return Object.fromEntries(Object.entries(REPORT_NOTE_CATEGORY).filter(([, c]) => c.system === system));
}

/** The narrative-note source of DiagnosticReport. */
export const reportNoteSource = sourceOf(ClinicalNoteTable)({
  // Unique across types (DocumentReference has 'note' over the same table; statements are cached per key).
  key: 'report-note',
  alias: 'rn',
  profiles: [PROFILE.diagnosticReportNote],
  ids: NOTE_IDS,
  columns: tableColumns('CLINICAL_NOTE').filter((c) => c !== 'NOTE_TEXT') as (keyof LegacyClinicalNote & string)[],
  baseWhere: `rn.NOTE_TYPE IN (${REPORT_NOTE_TYPES.map((t) => `'${t}'`).join(', ')})`,
  deletedColumn: 'rn.DELETED_YN',
  patientColumn: 'rn.PAT_ID',
  sort: { date: 'rn.CREATED_AT' },
  targets: {
    patient: { kind: 'reference', column: 'rn.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'rn.PAT_ID', to: 'Patient' },
    category: {
      kind: 'token',
      columns: [SYSTEM.loinc, SYSTEM.diagnosticServiceSection].map((system) => ({ system, column: 'rn.NOTE_TYPE' as const, toDb: reverseCodes(categoriesOf(system), (c) => c.code) })),
    },
    code: { kind: 'token', columns: [{ system: SYSTEM.loinc, column: 'rn.NOTE_TYPE', toDb: reverseCodes(NOTE_TYPE, (c) => c.code) }], textColumns: ['rn.NOTE_TITLE'] },
    date: { kind: 'date', column: 'rn.CREATED_AT', columnType: 'datetime' },
    status: {
      kind: 'token',
      columns: [{ system: 'http://hl7.org/fhir/diagnostic-report-status', custom: (code) => (STATUS_SQL[code] ? { sql: STATUS_SQL[code] } : false) }],
    },
  },
  map: (row, ctx) => toNoteReport(row, ctx) as unknown as FhirResource,
});
