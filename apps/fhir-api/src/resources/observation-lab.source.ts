/**
 * Observation source over LAB_RESULT (+ its LAB_ORDER): one laboratory Observation per result (`lab-<RESULT_ID>`).
 * Searches by patient use IX_LAB_RESULT_PAT (PAT_ID, LOINC_CODE), so `patient + code` is a pure index seek; the
 * order is joined by its primary key. Only LAB orders that are not deleted are laboratory results. `date` is the
 * order's COLLECTED_AT (the Observation's effective time); `_sort=date` orders by ORDERED_AT, which is NOT NULL and
 * indexed (IX_LAB_ORDER_PAT) and, for a lab order, precedes collection by minutes.
 */
import type { LegacyLabOrder, LegacyLabResult } from '../../../../libs/legacy-db/src/index.js';
import { LAB_RESULT_STATUS } from '../../../../libs/mappers/src/common/code-maps.js';
import { parseResourceId } from '../../../../libs/mappers/src/ids.js';
import { LOCAL_LAB_CODE_SYSTEM, toLabObservation } from '../../../../libs/mappers/src/observation/lab-result.mapper.js';
import type { FhirResource, ResourceSource } from '../engine/registry/resource-definition.js';
import { auditColumns, mappedColumn, referenceKey } from '../engine/registry/target-helpers.js';
import { tableColumns } from '../engine/sql/row-normalizer.js';
import { SYSTEMS } from './registry-config.js';

/** The LAB_RESULT source of Observation. */
export const labResultSource: ResourceSource = {
  key: 'lab',
  table: 'LAB_RESULT',
  alias: 'r',
  pk: 'RESULT_ID',
  // Every order column but the narrative REPORT_TEXT (NVARCHAR(MAX), not part of a lab Observation).
  joins: [{ table: 'LAB_ORDER', alias: 'o', on: 'o.ORDER_ID = r.ORDER_ID', columns: tableColumns('LAB_ORDER').filter((c) => c !== 'REPORT_TEXT') }],
  baseWhere: "o.ORDER_CATEGORY = 'LAB' AND o.DELETED_YN = 'N'",
  deletedColumn: 'r.DELETED_YN',
  patientColumn: 'r.PAT_ID',
  lastUpdatedColumn: 'r.UPDATED_AT',
  sort: { date: 'o.ORDERED_AT' },
  targets: {
    patient: { kind: 'reference', column: 'r.PAT_ID', targetTypes: ['Patient'], toKey: referenceKey },
    subject: { kind: 'reference', column: 'r.PAT_ID', targetTypes: ['Patient'], toKey: referenceKey },
    encounter: { kind: 'reference', column: 'o.VISIT_ID', targetTypes: ['Encounter'], toKey: referenceKey },
    category: { kind: 'token', columns: [{ system: SYSTEMS.observationCategory, constant: ['laboratory'] }] },
    code: {
      kind: 'token',
      columns: [{ system: SYSTEMS.loinc, column: 'r.LOINC_CODE' }, { system: LOCAL_LAB_CODE_SYSTEM, column: 'r.LOCAL_CODE' }],
      textColumns: ['r.TEST_NAME'],
    },
    date: { kind: 'date', column: 'o.COLLECTED_AT', columnType: 'datetime' },
    status: { kind: 'token', columns: [mappedColumn(SYSTEMS.observationStatus, 'r.STATUS', LAB_RESULT_STATUS)] },
  },
  parseId(id) {
    const parsed = parseResourceId('Observation', id);
    return parsed?.table === 'LAB_RESULT' ? { pk: parsed.key } : undefined;
  },
  map: (row, ctx) => [{ sub: 0, resource: toLabObservation(row as unknown as LegacyLabResult, row.o as LegacyLabOrder, ctx) as unknown as FhirResource }],
  references: (row) => {
    const visit = (row.o as LegacyLabOrder).VISIT_ID;
    return { patient: [`Patient/${row.PAT_ID}`], subject: [`Patient/${row.PAT_ID}`], ...(visit ? { encounter: [`Encounter/${visit}`] } : {}) };
  },
  audit: (row) => {
    const o = row.o as LegacyLabOrder;
    return { CREATED_AT: o.CREATED_AT, CREATED_BY: o.CREATED_BY, UPDATED_AT: row.UPDATED_AT as string, UPDATED_BY: o.UPDATED_BY, ROW_VER: row.ROW_VER as number, patientId: row.PAT_ID as number };
  },
};
