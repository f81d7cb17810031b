/**
 * Observation source over VITALS: one row -> one Observation per measured sign (`vitals-<VITAL_ID>-<sign>`).
 *
 * Design (paging + indexes): the row is the unit of SQL (WHERE PAT_ID = ? [AND TAKEN_AT range], ordered by
 * (TAKEN_AT,) VITAL_ID, served by IX_VITALS_PAT (PAT_ID, TAKEN_AT)); a `code` search becomes "the sign's column is
 * not null" so only rows that can yield a match are read; the row is expanded in memory and each sign is an item
 * whose index in VITAL_SIGN_SLUGS is the last part of the paging key (VITAL_ID, item). A page may therefore end in
 * the middle of a row and the next page resumes at the next sign of that row.
 */
import type { LegacyVitals } from '../../../../libs/legacy-db/src/index.js';
import { VITALS_STATUS } from '../../../../libs/mappers/src/common/code-maps.js';
import { parseResourceId, VITAL_SIGN_SLUGS } from '../../../../libs/mappers/src/ids.js';
import { toVitalSignObservation, vitalSignsPresent } from '../../../../libs/mappers/src/observation/vital-signs.mapper.js';
import type { ExpandedItem, FhirResource, ResourceSource } from '../engine/registry/resource-definition.js';
import { auditColumns, mappedColumn, referenceKey } from '../engine/registry/target-helpers.js';
import { or, type ParamBag } from '../engine/sql/sql-fragment.js';
import { SYSTEMS } from './registry-config.js';

/** LOINC code of each sign's Observation.code -> the VITALS columns that produce it. */
const SIGN_COLUMNS: Record<string, readonly string[]> = {
  '8302-6': ['HEIGHT_IN'],
  '29463-7': ['WEIGHT_LB'],
  '39156-5': ['BMI'],
  '85354-9': ['BP_SYSTOLIC', 'BP_DIASTOLIC'],
  '8867-4': ['PULSE'],
  '9279-1': ['RESP_RATE'],
  '8310-5': ['TEMP_F'],
  '59408-5': ['SPO2', 'O2_FLOW_LPM'],
  '2708-6': ['SPO2', 'O2_FLOW_LPM'],
  '9843-4': ['HEAD_CIRC_CM'],
  '59576-9': ['BMI_PCTL'],
  '77606-2': ['WFL_PCTL'],
  '8289-1': ['HC_PCTL'],
};

function signPresent(code: string, _bag: ParamBag) {
  const cols = SIGN_COLUMNS[code];
  return cols ? or(cols.map((c) => ({ sql: `v.${c} IS NOT NULL` }))) : false;
}

const codingsOf = (item: ExpandedItem) =>
  ((item.resource.code as { coding?: { system?: string; code: string }[] } | undefined)?.coding ?? []).map((c) => ({ system: c.system, code: c.code }));

/** The VITALS source of Observation. */
export const vitalSignsSource: ResourceSource = {
  key: 'vitals',
  table: 'VITALS',
  alias: 'v',
  pk: 'VITAL_ID',
  deletedColumn: 'v.DELETED_YN',
  patientColumn: 'v.PAT_ID',
  lastUpdatedColumn: 'v.UPDATED_AT',
  sort: { date: 'v.TAKEN_AT' },
  targets: {
    patient: { kind: 'reference', column: 'v.PAT_ID', targetTypes: ['Patient'], toKey: referenceKey },
    subject: { kind: 'reference', column: 'v.PAT_ID', targetTypes: ['Patient'], toKey: referenceKey },
    encounter: { kind: 'reference', column: 'v.VISIT_ID', targetTypes: ['Encounter'], toKey: referenceKey },
    category: { kind: 'token', columns: [{ system: SYSTEMS.observationCategory, constant: ['vital-signs'] }] },
    code: { kind: 'token', columns: [{ system: SYSTEMS.loinc, custom: signPresent }], textColumns: [] },
    date: { kind: 'date', column: 'v.TAKEN_AT', columnType: 'datetime' },
    status: { kind: 'token', columns: [mappedColumn(SYSTEMS.observationStatus, 'v.STATUS', VITALS_STATUS)] },
  },
  itemTokens: { code: codingsOf },
  parseId(id) {
    const parsed = parseResourceId('Observation', id);
    return parsed?.table === 'VITALS' ? { pk: parsed.key, sub: VITAL_SIGN_SLUGS.indexOf(parsed.sign) } : undefined;
  },
  map(row, ctx) {
    const vitals = row as unknown as LegacyVitals;
    return vitalSignsPresent(vitals).flatMap((slug) => {
      const obs = toVitalSignObservation(vitals, slug, ctx);
      return obs ? [{ sub: VITAL_SIGN_SLUGS.indexOf(slug), resource: obs as unknown as FhirResource }] : [];
    });
  },
  references: (row) => ({
    patient: [`Patient/${row.PAT_ID}`],
    subject: [`Patient/${row.PAT_ID}`],
    ...(row.VISIT_ID ? { encounter: [`Encounter/${row.VISIT_ID}`] } : {}),
  }),
  audit: (row) => ({ ...auditColumns(row), patientId: row.PAT_ID as number }),
};
