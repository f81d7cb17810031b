/**
 * Observation source over LAB_RESULT (+ its LAB_ORDER): one laboratory Observation per result (`lab-<RESULT_ID>`).
 * Searches by patient use IX_LAB_RESULT_PAT (PAT_ID, LOINC_CODE), so `patient + code` is a pure index seek; the
 * order is joined by its primary key. The results of LAB and PATH orders that are not deleted are laboratory results
 * (LABORATORY_ORDER_CATEGORIES: pathology is laboratory; a `category=laboratory` search is this one source). `date` is the
 * order's COLLECTED_AT (the Observation's effective time); `_sort=date` orders by ORDERED_AT, which is NOT NULL and
 * indexed (IX_LAB_ORDER_PAT) and, for a lab order, precedes collection by minutes.
 */
import { LabOrderTable, LabResultTable, type LegacyLabOrder } from '#facade/legacy-db';
import { LAB_RESULT_STATUS } from '#facade/mappers/src/common/code-maps.js';
import { PROFILE, LABORATORY_ORDER_CATEGORIES, LOCAL_LAB_CODE_SYSTEM, toLabObservation } from '#facade/mappers';
import { LAB_RESULT_IDS } from '#facade/mappers/src/observation/observation.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf } from '../engine/registry/resource-entry.js';
import { mappedColumn } from '../engine/registry/target-helpers.js';
import { tableColumns } from '../engine/sql/row-normalizer.js';
import { SYSTEMS } from './registry-config.js';

// Every order column but the narrative REPORT_TEXT (NVARCHAR(MAX), not part of a lab Observation).
const ORDER_COLUMNS = tableColumns('LAB_ORDER').filter((c) => c !== 'REPORT_TEXT') as (keyof LegacyLabOrder & string)[];

/** The LAB_RESULT source of Observation. */
export const labResultSource = sourceOf(LabResultTable, { joins: { o: { table: LabOrderTable, on: 'o.ORDER_ID = r.ORDER_ID', columns: ORDER_COLUMNS } } })({
  key: 'lab',
  alias: 'r',
  profiles: [PROFILE.observationLab],
  ids: LAB_RESULT_IDS,
  baseWhere: `o.ORDER_CATEGORY IN (${LABORATORY_ORDER_CATEGORIES.map((c) => `'${c}'`).join(', ')}) AND o.DELETED_YN = 'N'`,
  deletedColumn: 'r.DELETED_YN',
  patientColumn: 'r.PAT_ID',
  sort: { date: 'o.ORDERED_AT' },
  targets: {
    patient: { kind: 'reference', column: 'r.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'r.PAT_ID', to: 'Patient' },
    encounter: { kind: 'reference', column: 'o.VISIT_ID', to: 'Encounter' },
    category: { kind: 'token', columns: [{ system: SYSTEMS.observationCategory, constant: ['laboratory'] }] },
    code: {
      kind: 'token',
      columns: [{ system: SYSTEMS.loinc, column: 'r.LOINC_CODE' }, { system: LOCAL_LAB_CODE_SYSTEM, column: 'r.LOCAL_CODE' }],
      textColumns: ['r.TEST_NAME'],
    },
    date: { kind: 'date', column: 'o.COLLECTED_AT', columnType: 'datetime' },
    status: { kind: 'token', columns: [mappedColumn(SYSTEMS.observationStatus, 'r.STATUS', LAB_RESULT_STATUS)] },
  },
  map: (row, ctx) => toLabObservation(row, row.o, ctx) as unknown as FhirResource,
  audit: (row) => ({ CREATED_AT: row.o.CREATED_AT, CREATED_BY: row.o.CREATED_BY, UPDATED_AT: row.UPDATED_AT, UPDATED_BY: row.o.UPDATED_BY, ROW_VER: row.ROW_VER, patientId: row.PAT_ID }),
});
