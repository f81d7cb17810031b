/** DiagnosticReport for laboratory results: LAB orders (LAB_ORDER) with their results (LAB_RESULT children). */
import { LabOrderTable, LabResultTable } from '../../../../libs/legacy-db/src/index.js';
import { LAB_ORDER_STATUS } from '../../../../libs/mappers/src/common/code-maps.js';
import { PROFILE, SYSTEM } from '../../../../libs/mappers/src/common/systems.js';
import { DIAGNOSTIC_REPORT_IDS } from '../../../../libs/mappers/src/diagnostic-report/diagnostic-report.ids.js';
import { toDiagnosticReport } from '../../../../libs/mappers/src/diagnostic-report/diagnostic-report.mapper.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { mappedColumn } from '../engine/registry/target-helpers.js';

const labOrders = sourceOf(LabOrderTable, { children: { results: { table: LabResultTable, fk: 'ORDER_ID' } } })({
  key: 'order',
  alias: 'o',
  profiles: [PROFILE.diagnosticReportLab],
  ids: DIAGNOSTIC_REPORT_IDS,
  baseWhere: "o.ORDER_CATEGORY = 'LAB'",
  deletedColumn: 'o.DELETED_YN',
  patientColumn: 'o.PAT_ID',
  sort: { date: 'o.ORDERED_AT' },
  targets: {
    patient: { kind: 'reference', column: 'o.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'o.PAT_ID', to: 'Patient' },
    category: { kind: 'token', columns: [{ system: SYSTEM.diagnosticServiceSection, constant: ['LAB'] }] },
    code: { kind: 'token', columns: [{ system: SYSTEM.loinc, column: 'o.PANEL_LOINC' }, { system: SYSTEM.cpt, column: 'o.PANEL_CPT' }], textColumns: ['o.PANEL_NAME'] },
    date: { kind: 'date', column: 'o.COLLECTED_AT', columnType: 'datetime' },
    status: { kind: 'token', columns: [mappedColumn('http://hl7.org/fhir/diagnostic-report-status', 'o.STATUS', LAB_ORDER_STATUS)] },
  },
  map: (row, ctx) => toDiagnosticReport({ order: row, results: row.results }, ctx) as unknown as FhirResource,
});

/** DiagnosticReport (US Core 6.1.0 laboratory). */
export const diagnosticReportResource: ResourceEntry = { type: 'DiagnosticReport', inPatientCompartment: true, sources: [labOrders] };
