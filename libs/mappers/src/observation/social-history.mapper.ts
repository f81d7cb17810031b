import type { LegacySocialHx } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { PREGNANCY_INTENT, PREGNANCY_STATUS, SEXUAL_ORIENTATION, SMOKING_STATUS } from '../common/code-maps.js';
import { dataAbsentConcept } from '../common/data-absent-reason.js';
import type { CodeableConcept, Coding, Observation } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { PROFILE } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import { fhirId, SOCIAL_HISTORY_FACETS, type SocialHistoryFacet } from '../ids.js';
import { loinc, observationCategory } from './observation-parts.js';

interface CodedFacet {
  column: 'SMOKING_STATUS' | 'SEX_ORIENTATION' | 'PREGNANCY_STATUS' | 'PREGNANCY_INTENT';
  table: Record<string, Coding>;
  code: Coding;
  profile: string;
}

const CODED: Record<Exclude<SocialHistoryFacet, 'occupation'>, CodedFacet> = {
  smoking: { column: 'SMOKING_STATUS', table: SMOKING_STATUS, code: loinc('72166-2', 'Tobacco smoking status'), profile: PROFILE.smokingStatus },
  'sexual-orientation': { column: 'SEX_ORIENTATION', table: SEXUAL_ORIENTATION, code: loinc('76690-7', 'Sexual orientation'), profile: PROFILE.sexualOrientation },
  'pregnancy-status': { column: 'PREGNANCY_STATUS', table: PREGNANCY_STATUS, code: loinc('82810-3', 'Pregnancy status'), profile: PROFILE.pregnancyStatus },
  'pregnancy-intent': {
    column: 'PREGNANCY_INTENT',
    table: PREGNANCY_INTENT,
    code: loinc('86645-9', 'Pregnancy intention in the next year - Reported'),
    profile: PROFILE.pregnancyIntent,
  },
};

const OCCUPATION_CODE = loinc('11341-5', 'History of Occupation');
const INDUSTRY_CODE = loinc('86188-0', 'History of Occupation industry');

/** The facets a SOCIAL_HX row records (each a `<facet>-<SOC_ID>` Observation), in a fixed order. */
export function socialHistoryFacetsPresent(row: LegacySocialHx): SocialHistoryFacet[] {
  return SOCIAL_HISTORY_FACETS.filter((facet) =>
    facet === 'occupation' ? !!(text(row.OCCUPATION_TEXT) || text(row.INDUSTRY_TEXT)) : !!text(row[CODED[facet].column]),
  );
}

function base(row: LegacySocialHx, facet: SocialHistoryFacet, profile: string, ctx: MapperContext) {
  return {
    resourceType: 'Observation' as const,
    id: fhirId.socialHistory(row.SOC_ID, facet),
    meta: buildMeta(row, profile, ctx),
    // SOCIAL_HX has no status column: a recorded snapshot is final.
    status: 'final',
    category: [observationCategory('social-history')],
    subject: ref.patient(row.PAT_ID),
    encounter: ref.encounter(row.VISIT_ID),
    effectiveDateTime: toInstant(row.RECORDED_AT, ctx),
  };
}

function concept(coding: Coding | undefined): CodeableConcept {
  // value[x] is required by these profiles: an unknown local code becomes a data-absent value, never a guess.
  return coding ? { coding: [coding], text: coding.display } : dataAbsentConcept('unknown');
}

/**
 * One facet of a SOCIAL_HX row -> its US Core 6.1.0 Observation, or `undefined` when the row does not record
 * it: smoking status (us-core-smokingstatus, LOINC 72166-2, SNOMED CT value), sexual orientation (76690-7),
 * pregnancy status (82810-3), pregnancy intent (86645-9), occupation (11341-5, text value, industry component).
 * TOBACCO_PACK_YRS is not mapped (no US Core 6.1.0 element for it).
 */
export function toSocialHistoryObservation(row: LegacySocialHx, facet: SocialHistoryFacet, ctx: MapperContext): Observation | undefined {
  if (!socialHistoryFacetsPresent(row).includes(facet)) return undefined;
  if (facet === 'occupation') {
    const occupation = text(row.OCCUPATION_TEXT);
    const industry = text(row.INDUSTRY_TEXT);
    return compact<Observation>({
      ...base(row, facet, PROFILE.occupation, ctx),
      code: { coding: [OCCUPATION_CODE], text: 'Occupation' },
      valueCodeableConcept: occupation ? { text: occupation } : dataAbsentConcept('unknown'),
      component: industry ? [{ code: { coding: [INDUSTRY_CODE], text: 'Industry' }, valueCodeableConcept: { text: industry } }] : undefined,
    });
  }
  const spec = CODED[facet];
  const coding = lookupCode(spec.table, row[spec.column], `SOCIAL_HX.${spec.column}`, ctx);
  return compact<Observation>({
    ...base(row, facet, spec.profile, ctx),
    code: { coding: [spec.code], text: spec.code.display },
    valueCodeableConcept: concept(coding),
  });
}

/** Every facet a SOCIAL_HX row records -> its Observations. */
export function toSocialHistoryObservations(row: LegacySocialHx, ctx: MapperContext): Observation[] {
  return socialHistoryFacetsPresent(row)
    .map((facet) => toSocialHistoryObservation(row, facet, ctx))
    .filter((o): o is Observation => o !== undefined);
}
