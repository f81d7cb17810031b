/**
 * Observation source over LAB_RESULT rows of non-laboratory orders (RAD, CARD): one US Core clinical-result
 * Observation per result (`result-<RESULT_ID>`). Laboratory and pathology orders' results are the `lab` source
 * (LABORATORY_ORDER_CATEGORIES); every LAB_RESULT row is served by exactly one of the two, and a
 * `category=laboratory` search never runs this source's statement (no order category here maps to laboratory). Same indexes and date semantics as the lab source.
 */
import { LabOrderTable, LabResultTable, type LegacyLabOrder } from '#facade/legacy-db';
import { LAB_RESULT_STATUS } from '#facade/mappers/src/common/code-maps.js';
import { PROFILE, CLINICAL_RESULT_CATEGORY, CLINICAL_RESULT_IDS, LABORATORY_ORDER_CATEGORIES, toClinicalResultObservation, LOCAL_LAB_CODE_SYSTEM } from '#facade/mappers';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf } from '../engine/registry/resource-entry.js';
import { mappedColumn, reverseCodes } from '../engine/registry/target-helpers.js';
import { tableColumns } from '../engine/sql/row-normalizer.js';
import { SYSTEMS } from './registry-config.js';

const ORDER_COLUMNS = tableColumns('LAB_ORDER').filter((c) => c !== 'REPORT_TEXT') as (keyof LegacyLabOrder & string)[];

/** The clinical-result source of Observation. */
export const clinicalResultSource = sourceOf(LabResultTable, { joins: { o: { table: LabOrderTable, on: 'o.ORDER_ID = cr.ORDER_ID', columns: ORDER_COLUMNS } } })({
  key: 'result',
  alias: 'cr',
  profiles: [PROFILE.observationClinicalResult],
  ids: CLINICAL_RESULT_IDS,
  baseWhere: `o.ORDER_CATEGORY NOT IN (${LABORATORY_ORDER_CATEGORIES.map((c) => `'${c}'`).join(', ')}) AND o.DELETED_YN = 'N'`,
  deletedColumn: 'cr.DELETED_YN',
  patientColumn: 'cr.PAT_ID',
  sort: { date: 'o.ORDERED_AT' },
  targets: {
    patient: { kind: 'reference', column: 'cr.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'cr.PAT_ID', to: 'Patient' },
    encounter: { kind: 'reference', column: 'o.VISIT_ID', to: 'Encounter' },
    category: {
      kind: 'token',
      columns: [{ system: SYSTEMS.observationCategory, column: 'o.ORDER_CATEGORY', toDb: reverseCodes(CLINICAL_RESULT_CATEGORY, (c) => c.coding?.[0]?.code) }],
    },
    code: {
      kind: 'token',
      columns: [{ system: SYSTEMS.loinc, column: 'cr.LOINC_CODE' }, { system: LOCAL_LAB_CODE_SYSTEM, column: 'cr.LOCAL_CODE' }],
      textColumns: ['cr.TEST_NAME'],
    },
    date: { kind: 'date', column: 'o.COLLECTED_AT', columnType: 'datetime' },
    status: { kind: 'token', columns: [mappedColumn(SYSTEMS.observationStatus, 'cr.STATUS', LAB_RESULT_STATUS)] },
  },
  map: (row, ctx) => toClinicalResultObservation(row, row.o, ctx) as unknown as FhirResource,
  audit: (row) => ({ CREATED_AT: row.o.CREATED_AT, CREATED_BY: row.o.CREATED_BY, UPDATED_AT: row.UPDATED_AT, UPDATED_BY: row.o.UPDATED_BY, ROW_VER: row.ROW_VER, patientId: row.PAT_ID }),
});
