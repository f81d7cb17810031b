/**
 * Observation source over LAB_RESULT rows of non-laboratory orders (RAD, CARD, PATH): one US Core clinical-result
 * Observation per result (`result-<RESULT_ID>`). Laboratory orders' results are the `lab` source; every
 * LAB_RESULT row is served by exactly one of the two. Same indexes and date semantics as the lab source.
 */
import type { LegacyLabOrder, LegacyLabResult } from '../../../../libs/legacy-db/src/index.js';
import { LAB_RESULT_STATUS } from '../../../../libs/mappers/src/common/code-maps.js';
import { CLINICAL_RESULT_CATEGORY, parseClinicalResultId, toClinicalResultObservation } from '../../../../libs/mappers/src/observation/clinical-result.mapper.js';
import { LOCAL_LAB_CODE_SYSTEM } from '../../../../libs/mappers/src/observation/lab-result.mapper.js';
import type { FhirResource, ResourceSource } from '../engine/registry/resource-definition.js';
import { mappedColumn, referenceKey, reverseCodes } from '../engine/registry/target-helpers.js';
import { tableColumns } from '../engine/sql/row-normalizer.js';
import { SYSTEMS } from './registry-config.js';

/** The clinical-result source of Observation. */
export const clinicalResultSource: ResourceSource = {
  key: 'result',
  table: 'LAB_RESULT',
  alias: 'cr',
  pk: 'RESULT_ID',
  joins: [{ table: 'LAB_ORDER', alias: 'o', on: 'o.ORDER_ID = cr.ORDER_ID', columns: tableColumns('LAB_ORDER').filter((c) => c !== 'REPORT_TEXT') }],
  baseWhere: "o.ORDER_CATEGORY <> 'LAB' AND o.DELETED_YN = 'N'",
  deletedColumn: 'cr.DELETED_YN',
  patientColumn: 'cr.PAT_ID',
  lastUpdatedColumn: 'cr.UPDATED_AT',
  sort: { date: 'o.ORDERED_AT' },
  targets: {
    patient: { kind: 'reference', column: 'cr.PAT_ID', targetTypes: ['Patient'], toKey: referenceKey },
    subject: { kind: 'reference', column: 'cr.PAT_ID', targetTypes: ['Patient'], toKey: referenceKey },
    encounter: { kind: 'reference', column: 'o.VISIT_ID', targetTypes: ['Encounter'], toKey: referenceKey },
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
  parseId(id) {
    const pk = parseClinicalResultId(id);
    return pk === undefined ? undefined : { pk };
  },
  map: (row, ctx) => [{ sub: 0, resource: toClinicalResultObservation(row as unknown as LegacyLabResult, row.o as LegacyLabOrder, ctx) as unknown as FhirResource }],
  references: (row) => {
    const visit = (row.o as LegacyLabOrder).VISIT_ID;
    return { patient: [`Patient/${row.PAT_ID}`], subject: [`Patient/${row.PAT_ID}`], ...(visit ? { encounter: [`Encounter/${visit}`] } : {}) };
  },
  audit: (row) => {
    const o = row.o as LegacyLabOrder;
    return { CREATED_AT: o.CREATED_AT, CREATED_BY: o.CREATED_BY, UPDATED_AT: row.UPDATED_AT as string, UPDATED_BY: o.UPDATED_BY, ROW_VER: row.ROW_VER as number, patientId: row.PAT_ID as number };
  },
};
