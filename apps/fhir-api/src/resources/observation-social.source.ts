/**
 * Observation source over SOCIAL_HX: one row -> one Observation per recorded facet (`<facet>-<SOC_ID>`: smoking
 * status, sexual orientation, pregnancy status and intent, occupation). Same wide-row design as VITALS: SQL by
 * row (IX_SOCIAL_HX_PAT), a `code` search = "that facet's column is not null", items expanded in memory.
 */
import { SocialHxTable } from '#facade/legacy-db';
import { PROFILE, socialHistoryFacetsPresent, toSocialHistoryObservation } from '#facade/mappers';
import { SOCIAL_HISTORY_FACETS, SOCIAL_HISTORY_IDS } from '#facade/mappers/src/observation/observation.ids.js';
import type { ExpandedItem, FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf } from '../engine/registry/resource-entry.js';
import { or } from '../engine/sql/sql-fragment.js';
import { SYSTEMS } from './registry-config.js';

const FACET_COLUMNS: Record<string, readonly string[]> = {
  '72166-2': ['SMOKING_STATUS'],
  '76690-7': ['SEX_ORIENTATION'],
  '82810-3': ['PREGNANCY_STATUS'],
  '86645-9': ['PREGNANCY_INTENT'],
  '11341-5': ['OCCUPATION_TEXT', 'INDUSTRY_TEXT'],
};

/** The SOCIAL_HX columns behind each facet. */
const FACET_ITEMS: Record<(typeof SOCIAL_HISTORY_FACETS)[number], readonly string[]> = {
  smoking: ['SMOKING_STATUS'],
  'sexual-orientation': ['SEX_ORIENTATION'],
  'pregnancy-status': ['PREGNANCY_STATUS'],
  'pregnancy-intent': ['PREGNANCY_INTENT'],
  occupation: ['OCCUPATION_TEXT', 'INDUSTRY_TEXT'],
};

const codingsOf = (item: ExpandedItem) =>
  ((item.resource.code as { coding?: { system?: string; code: string }[] } | undefined)?.coding ?? []).map((c) => ({ system: c.system, code: c.code }));

/** The SOCIAL_HX source of Observation. */
export const socialHistorySource = sourceOf(SocialHxTable)({
  key: 'social',
  alias: 's',
  profiles: [PROFILE.smokingStatus, PROFILE.sexualOrientation, PROFILE.pregnancyStatus, PROFILE.pregnancyIntent, PROFILE.occupation],
  ids: SOCIAL_HISTORY_IDS,
  deletedColumn: 's.DELETED_YN',
  patientColumn: 's.PAT_ID',
  sort: { date: 's.RECORDED_AT' },
  targets: {
    patient: { kind: 'reference', column: 's.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 's.PAT_ID', to: 'Patient' },
    encounter: { kind: 'reference', column: 's.VISIT_ID', to: 'Encounter' },
    category: { kind: 'token', columns: [{ system: SYSTEMS.observationCategory, constant: ['social-history'] }] },
    code: {
      kind: 'token',
      columns: [{ system: SYSTEMS.loinc, custom: (code) => (FACET_COLUMNS[code] ? or(FACET_COLUMNS[code].map((c) => ({ sql: `s.${c} IS NOT NULL` }))) : false) }],
    },
    date: { kind: 'date', column: 's.RECORDED_AT', columnType: 'datetime' },
    status: { kind: 'token', columns: [{ system: SYSTEMS.observationStatus, constant: ['final'] }] },
  },
  itemTokens: { code: codingsOf },
  // A facet is present when one of its columns holds more than blanks (socialHistoryFacetsPresent).
  itemPresence: Object.fromEntries(
    Object.entries(FACET_ITEMS).map(([facet, cols]) => [facet, `(${cols.map((c) => `LTRIM(RTRIM(s.${c})) <> ''`).join(' OR ')})`]),
  ),
  map: (row, ctx) =>
    socialHistoryFacetsPresent(row).flatMap((facet) => {
      const obs = toSocialHistoryObservation(row, facet, ctx);
      return obs ? [{ sub: SOCIAL_HISTORY_FACETS.indexOf(facet), resource: obs as unknown as FhirResource }] : [];
    }),
});
