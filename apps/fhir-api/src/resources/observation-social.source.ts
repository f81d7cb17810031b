/**
 * Observation source over SOCIAL_HX: one row -> one Observation per recorded facet (`<facet>-<SOC_ID>`: smoking
 * status, sexual orientation, pregnancy status and intent, occupation). Same wide-row design as VITALS: SQL by
 * row (IX_SOCIAL_HX_PAT), a `code` search = "that facet's column is not null", items expanded in memory.
 */
import type { LegacySocialHx } from '../../../../libs/legacy-db/src/index.js';
import { parseResourceId, SOCIAL_HISTORY_FACETS } from '../../../../libs/mappers/src/ids.js';
import { socialHistoryFacetsPresent, toSocialHistoryObservation } from '../../../../libs/mappers/src/observation/social-history.mapper.js';
import type { ExpandedItem, FhirResource, ResourceSource } from '../engine/registry/resource-definition.js';
import { auditColumns, referenceKey } from '../engine/registry/target-helpers.js';
import { or } from '../engine/sql/sql-fragment.js';
import { SYSTEMS } from './registry-config.js';

const FACET_COLUMNS: Record<string, readonly string[]> = {
  '72166-2': ['SMOKING_STATUS'],
  '76690-7': ['SEX_ORIENTATION'],
  '82810-3': ['PREGNANCY_STATUS'],
  '86645-9': ['PREGNANCY_INTENT'],
  '11341-5': ['OCCUPATION_TEXT', 'INDUSTRY_TEXT'],
};

const codingsOf = (item: ExpandedItem) =>
  ((item.resource.code as { coding?: { system?: string; code: string }[] } | undefined)?.coding ?? []).map((c) => ({ system: c.system, code: c.code }));

/** The SOCIAL_HX source of Observation. */
export const socialHistorySource: ResourceSource = {
  key: 'social',
  table: 'SOCIAL_HX',
  alias: 's',
  pk: 'SOC_ID',
  deletedColumn: 's.DELETED_YN',
  patientColumn: 's.PAT_ID',
  lastUpdatedColumn: 's.UPDATED_AT',
  sort: { date: 's.RECORDED_AT' },
  targets: {
    patient: { kind: 'reference', column: 's.PAT_ID', targetTypes: ['Patient'], toKey: referenceKey },
    subject: { kind: 'reference', column: 's.PAT_ID', targetTypes: ['Patient'], toKey: referenceKey },
    encounter: { kind: 'reference', column: 's.VISIT_ID', targetTypes: ['Encounter'], toKey: referenceKey },
    category: { kind: 'token', columns: [{ system: SYSTEMS.observationCategory, constant: ['social-history'] }] },
    code: {
      kind: 'token',
      columns: [{ system: SYSTEMS.loinc, custom: (code) => (FACET_COLUMNS[code] ? or(FACET_COLUMNS[code].map((c) => ({ sql: `s.${c} IS NOT NULL` }))) : false) }],
    },
    date: { kind: 'date', column: 's.RECORDED_AT', columnType: 'datetime' },
    status: { kind: 'token', columns: [{ system: SYSTEMS.observationStatus, constant: ['final'] }] },
  },
  itemTokens: { code: codingsOf },
  parseId(id) {
    const parsed = parseResourceId('Observation', id);
    return parsed?.table === 'SOCIAL_HX' ? { pk: parsed.key, sub: SOCIAL_HISTORY_FACETS.indexOf(parsed.facet) } : undefined;
  },
  map(row, ctx) {
    const sh = row as unknown as LegacySocialHx;
    return socialHistoryFacetsPresent(sh).flatMap((facet) => {
      const obs = toSocialHistoryObservation(sh, facet, ctx);
      return obs ? [{ sub: SOCIAL_HISTORY_FACETS.indexOf(facet), resource: obs as unknown as FhirResource }] : [];
    });
  },
  references: (row) => ({ patient: [`Patient/${row.PAT_ID}`], subject: [`Patient/${row.PAT_ID}`], ...(row.VISIT_ID ? { encounter: [`Encounter/${row.VISIT_ID}`] } : {}) }),
  audit: (row) => ({ ...auditColumns(row), patientId: row.PAT_ID as number }),
};
