/**
 * DiagnosticReport: laboratory reports (LAB orders with their results), reports and notes (RAD / CARD / PATH orders
 * with their clinical results and narrative), and the narrative notes that are reports (report-note.source.ts).
 */
import { LabOrderTable, LabResultTable } from '#facade/legacy-db';
import { LAB_ORDER_STATUS } from '#facade/mappers/src/common/code-maps.js';
import { PROFILE, SYSTEM, toDiagnosticReport, REPORT_ORDER_CATEGORY, toOrderReportNote } from '#facade/mappers';
import { DIAGNOSTIC_REPORT_IDS } from '#facade/mappers/src/diagnostic-report/diagnostic-report.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { mappedColumn, reverseCodes } from '../engine/registry/target-helpers.js';
import { reportNoteSource } from './report-note.source.js';

// Every order: LAB orders are laboratory reports, RAD / CARD / PATH orders reports and notes (one id space).
const orders = sourceOf(LabOrderTable, { children: { results: { table: LabResultTable, fk: 'ORDER_ID' } } })({
  key: 'order',
  alias: 'o',
  profiles: [PROFILE.diagnosticReportLab, PROFILE.diagnosticReportNote],
  ids: DIAGNOSTIC_REPORT_IDS,
  deletedColumn: 'o.DELETED_YN',
  patientColumn: 'o.PAT_ID',
  sort: { date: 'o.ORDERED_AT' },
  targets: {
    patient: { kind: 'reference', column: 'o.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'o.PAT_ID', to: 'Patient' },
    category: {
      kind: 'token',
      columns: [
        { system: SYSTEM.diagnosticServiceSection, column: 'o.ORDER_CATEGORY', toDb: (c) => (c === 'LAB' ? ['LAB'] : undefined) },
        { system: SYSTEM.loinc, column: 'o.ORDER_CATEGORY', toDb: reverseCodes(REPORT_ORDER_CATEGORY, (c) => c.code) },
      ],
    },
    code: { kind: 'token', columns: [{ system: SYSTEM.loinc, column: 'o.PANEL_LOINC' }, { system: SYSTEM.cpt, column: 'o.PANEL_CPT' }], textColumns: ['o.PANEL_NAME'] },
    date: { kind: 'date', column: 'o.COLLECTED_AT', columnType: 'datetime' },
    status: { kind: 'token', columns: [mappedColumn('http://hl7.org/fhir/diagnostic-report-status', 'o.STATUS', LAB_ORDER_STATUS)] },
  },
  map: (row, ctx) => {
    const input = { order: row, results: row.results };
    const laboratory = (row.ORDER_CATEGORY?.trim().toUpperCase() || 'LAB') === 'LAB';
    return (laboratory ? toDiagnosticReport(input, ctx) : toOrderReportNote(input, ctx)) as unknown as FhirResource;
  },
});

/** DiagnosticReport (US Core 6.1.0 laboratory, and report and note exchange). */
export const diagnosticReportResource: ResourceEntry = { type: 'DiagnosticReport', inPatientCompartment: true, sources: [orders, reportNoteSource] };
