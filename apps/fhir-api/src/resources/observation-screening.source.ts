/**
 * Observation source over SCREENING (+ SCREENING_ANSWER children): one row -> the instrument Observation, one per
 * answer and the total score (US Core screening-assessment), items of the row like VITALS. A `code` search is
 * "the instrument, the score or one of the answers has that LOINC code" in SQL, refined per item in memory.
 */
import { ScreeningAnswerTable, ScreeningTable } from '#facade/legacy-db';
import { SCREENING_OBSERVATION_STATUS, SCREENING_ASSESSMENT_PROFILE, toScreeningObservations, SDOH_CATEGORIES, SDOH_CATEGORY_WIDTH, SDOHCC_CATEGORY_SYSTEM, SYSTEM } from '#facade/mappers';
import { SCREENING_OBSERVATION_IDS, screeningItemSub } from '#facade/mappers/src/screening/screening.ids.js';
import type { ExpandedItem, FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf } from '../engine/registry/resource-entry.js';
import { mappedColumn } from '../engine/registry/target-helpers.js';
import { childColumn, quoteIdent } from './child-rows-sql.js';
import { SYSTEMS } from './registry-config.js';

const codingsOf = (field: 'code' | 'category') => (item: ExpandedItem) => {
  const value = item.resource[field] as { coding?: { system?: string; code: string }[] } | { coding?: { system?: string; code: string }[] }[] | undefined;
  const concepts = Array.isArray(value) ? value : value ? [value] : [];
  return concepts.flatMap((c) => (c.coding ?? []).map((x) => ({ system: x.system, code: x.code })));
};

/** The SCREENING source of Observation. */
export const screeningSource = sourceOf(ScreeningTable, { children: { answers: { table: ScreeningAnswerTable, fk: 'SCREEN_ID' } } })({
  key: 'screening',
  alias: 'sc',
  profiles: [SCREENING_ASSESSMENT_PROFILE],
  ids: SCREENING_OBSERVATION_IDS,
  deletedColumn: 'sc.DELETED_YN',
  patientColumn: 'sc.PAT_ID',
  sort: { date: 'sc.TAKEN_AT' },
  targets: {
    patient: { kind: 'reference', column: 'sc.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'sc.PAT_ID', to: 'Patient' },
    encounter: { kind: 'reference', column: 'sc.VISIT_ID', to: 'Encounter' },
    category: {
      kind: 'token',
      columns: [
        { system: SYSTEMS.observationCategory, constant: ['survey'] },
        { system: SYSTEM.usCoreCategory, custom: (code) => (code === 'sdoh' ? { sql: 'sc.SDOH_CATEGORY IS NOT NULL' } : false) },
        // The column holds the code cut to 20 characters (VARCHAR(20)).
        { system: SDOHCC_CATEGORY_SYSTEM, column: 'sc.SDOH_CATEGORY', toDb: (code) => (SDOH_CATEGORIES[code] ? [code.slice(0, SDOH_CATEGORY_WIDTH)] : undefined) },
      ],
    },
    code: {
      kind: 'token',
      columns: [
        {
          system: SYSTEMS.loinc,
          custom: (code, bag) => {
            const p = bag.bind(code);
            const answer = (column: string) => childColumn(bag.dialect, 'SCREENING_ANSWER', column);
            return {
              sql: `(sc.INSTRUMENT_LOINC = ${p} OR sc.SCORE_LOINC = ${p} OR EXISTS (SELECT 1 FROM ${quoteIdent(bag.dialect, 'SCREENING_ANSWER')} WHERE ${answer('SCREEN_ID')} = sc.SCREEN_ID AND ${answer('QUESTION_LOINC')} = ${p}))`,
            };
          },
        },
      ],
    },
    date: { kind: 'date', column: 'sc.TAKEN_AT', columnType: 'datetime' },
    status: { kind: 'token', columns: [mappedColumn(SYSTEMS.observationStatus, 'sc.STATUS', SCREENING_OBSERVATION_STATUS)] },
  },
  itemTokens: { code: codingsOf('code'), category: codingsOf('category') },
  // The instrument, one per answer, and the total score when both its LOINC code and value are there (the mapper's rule).
  itemCount: (dialect) =>
    `1 + (SELECT COUNT(*) FROM ${quoteIdent(dialect, 'SCREENING_ANSWER')} WHERE ${childColumn(dialect, 'SCREENING_ANSWER', 'SCREEN_ID')} = sc.SCREEN_ID)` +
    " + CASE WHEN sc.TOTAL_SCORE IS NOT NULL AND LTRIM(RTRIM(sc.SCORE_LOINC)) <> '' THEN 1 ELSE 0 END",
  map: (row, ctx) =>
    toScreeningObservations({ screening: row, answers: row.answers }, ctx).map((o) => {
      const parsed = SCREENING_OBSERVATION_IDS.parse(o.id as string)!;
      return { sub: screeningItemSub(parsed.item!), resource: o as unknown as FhirResource };
    }),
});
