/**
 * Observation source over VITALS: one row -> one Observation per measured sign (`vitals-<VITAL_ID>-<sign>`).
 *
 * Design (paging + indexes): the row is the unit of SQL (WHERE PAT_ID = ? [AND TAKEN_AT range], ordered by
 * (TAKEN_AT,) VITAL_ID, served by IX_VITALS_PAT (PAT_ID, TAKEN_AT)); a `code` search becomes "the sign's column is
 * not null" so only rows that can yield a match are read; the row is expanded in memory and each sign is an item
 * whose index in VITAL_SIGN_SLUGS is the last part of the paging key (VITAL_ID, item). A page may therefore end in
 * the middle of a row and the next page resumes at the next sign of that row.
 */
import { VitalsTable, type LegacyVitals } from '#facade/legacy-db';
import { VITALS_STATUS } from '#facade/mappers/src/common/code-maps.js';
import { PROFILE, toVitalSignObservation, vitalSignsPresent } from '#facade/mappers';
import { VITAL_SIGN_IDS, VITAL_SIGN_SLUGS, type VitalSignSlug } from '#facade/mappers/src/observation/observation.ids.js';
import type { ExpandedItem, FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf } from '../engine/registry/resource-entry.js';
import { mappedColumn } from '../engine/registry/target-helpers.js';
import { tableColumns } from '../engine/sql/row-normalizer.js';
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
export const vitalSignsSource = sourceOf(VitalsTable)({
  key: 'vitals',
  alias: 'v',
  profiles: [
    PROFILE.bodyHeight, PROFILE.bodyWeight, PROFILE.bmi, PROFILE.bloodPressure, PROFILE.heartRate, PROFILE.respiratoryRate,
    PROFILE.bodyTemperature, PROFILE.pulseOximetry, PROFILE.headCircumference, PROFILE.pediatricBmiForAge,
    PROFILE.pediatricWeightForHeight, PROFILE.headCircumferencePercentile,
  ],
  ids: VITAL_SIGN_IDS,
  deletedColumn: 'v.DELETED_YN',
  patientColumn: 'v.PAT_ID',
  sort: { date: 'v.TAKEN_AT' },
  targets: {
    patient: { kind: 'reference', column: 'v.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'v.PAT_ID', to: 'Patient' },
    encounter: { kind: 'reference', column: 'v.VISIT_ID', to: 'Encounter' },
    category: { kind: 'token', columns: [{ system: SYSTEMS.observationCategory, constant: ['vital-signs'] }] },
    code: { kind: 'token', columns: [{ system: SYSTEMS.loinc, custom: signPresent }], textColumns: [] },
    date: { kind: 'date', column: 'v.TAKEN_AT', columnType: 'datetime' },
    status: { kind: 'token', columns: [mappedColumn(SYSTEMS.observationStatus, 'v.STATUS', VITALS_STATUS)] },
  },
  itemTokens: { code: codingsOf },
  // A sign is present when one of its columns is not NULL (vitalSignsPresent; every column is numeric).
  itemPresence: Object.fromEntries(VITAL_SIGN_SLUGS.map((slug) => [slug, `(${SIGN_SOURCE_COLUMNS[slug].map((c) => `v.${c} IS NOT NULL`).join(' OR ')})`])),
  map: (row, ctx) =>
    vitalSignsPresent(row).flatMap((slug) => {
      const obs = toVitalSignObservation(row, slug, ctx);
      return obs ? [{ sub: VITAL_SIGN_SLUGS.indexOf(slug), resource: obs as unknown as FhirResource }] : [];
    }),
});
