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
import { parseResourceId, VITAL_SIGN_SLUGS, type VitalSignSlug } from '../../../../libs/mappers/src/ids.js';
import { tableColumns } from '../engine/sql/row-normalizer.js';
import { toVitalSignObservation, vitalSignsPresent } from '../../../../libs/mappers/src/observation/vital-signs.mapper.js';
import type { ExpandedItem, FhirResource, ResourceSource } from '../engine/registry/resource-definition.js';
import { auditColumns, mappedColumn, referenceKey } from '../engine/registry/target-helpers.js';
import { or, type ParamBag } from '../engine/sql/sql-fragment.js';
import { SYSTEMS } from './registry-config.js';

/** The VITALS columns behind each sign (the schema's structure). */
const SIGN_SOURCE_COLUMNS: Record<VitalSignSlug, readonly string[]> = {
  height: ['HEIGHT_IN'],
  weight: ['WEIGHT_LB'],
  bmi: ['BMI'],
  bp: ['BP_SYSTOLIC', 'BP_DIASTOLIC'],
  'heart-rate': ['PULSE'],
  'respiratory-rate': ['RESP_RATE'],
  temperature: ['TEMP_F'],
  'pulse-oximetry': ['SPO2', 'O2_FLOW_LPM'],
  'head-circumference': ['HEAD_CIRC_CM'],
  'bmi-percentile': ['BMI_PCTL'],
  'weight-for-length-percentile': ['WFL_PCTL'],
  'head-circumference-percentile': ['HC_PCTL'],
};

/**
 * LOINC code -> VITALS columns, derived once from the mapper itself (a row with every sign measured), so the
 * search can never disagree with the codes the Observations carry.
 */
const SIGN_COLUMNS: Record<string, readonly string[]> = (() => {
  const row = Object.fromEntries(tableColumns('VITALS').map((c) => [c, 1])) as unknown as LegacyVitals;
  Object.assign(row, { TAKEN_AT: '2000-01-01T00:00:00', CREATED_AT: '2000-01-01T00:00:00', UPDATED_AT: '2000-01-01T00:00:00', STATUS: 'F', DELETED_YN: 'N' });
  const ctx = { baseUrl: 'x', timeZone: 'UTC', identifierSystems: { mrn: 'x', ssn: 'x', npi: 'x', practice: 'x' }, report: () => undefined };
  const out: Record<string, string[]> = {};
  for (const slug of VITAL_SIGN_SLUGS) {
    const obs = toVitalSignObservation(row, slug, ctx) as { code?: { coding?: { code?: string }[] } } | undefined;
    for (const c of obs?.code?.coding ?? []) if (c.code) out[c.code] = [...new Set([...(out[c.code] ?? []), ...SIGN_SOURCE_COLUMNS[slug]])];
  }
  return out;
})();

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
