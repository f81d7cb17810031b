import type { LegacySocialHx } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import type { Observation } from '../common/fhir-types.js';
import { compact } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { parseRowKey, rowKeyId } from '../common/row-id.js';
import { SYSTEM } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import { numeric, observationCategory } from '../observation/observation-parts.js';

/** US Core 6.1.0 Simple Observation profile. */
export const SIMPLE_OBSERVATION_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-simple-observation|6.1.0';

/** Observation id of a SOCIAL_HX row's pack-years: `pack-years-<SOC_ID>`. */
export const packYearsId = (socId: number): string => `pack-years-${rowKeyId(socId)}`;
/** The SOC_ID of a pack-years Observation id, or `undefined` for any other id. */
export function parsePackYearsId(id: string): number | undefined {
  const m = /^pack-years-([0-9]+)$/.exec(id);
  return m ? parseRowKey(m[1]) : undefined;
}

/** Whether a SOCIAL_HX row records pack-years (a number in TOBACCO_PACK_YRS). */
export function hasPackYears(row: LegacySocialHx): boolean {
  return numeric(row.TOBACCO_PACK_YRS) !== undefined;
}

/**
 * SOCIAL_HX.TOBACCO_PACK_YRS -> US Core 6.1.0 Simple Observation (category social-history, SNOMED CT
 * 401201003 Cigarette pack-years, value in `{pack-years}`), or `undefined` when the row records none. The
 * schema's only observation not served by a more specific profile (smoking status, sexual orientation,
 * pregnancy status and intent, occupation come from the same row).
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-simple-observation.html
 */
export function toPackYearsObservation(row: LegacySocialHx, ctx: MapperContext): Observation | undefined {
  const value = numeric(row.TOBACCO_PACK_YRS);
  if (value === undefined) return undefined;
  return compact<Observation>({
    resourceType: 'Observation',
    id: packYearsId(row.SOC_ID),
    meta: buildMeta(row, SIMPLE_OBSERVATION_PROFILE, ctx),
    // SOCIAL_HX has no status column: a recorded snapshot is final.
    status: 'final',
    category: [observationCategory('social-history')],
    code: { coding: [{ system: SYSTEM.snomed, code: '401201003', display: 'Cigarette pack-years' }], text: 'Tobacco pack-years' },
    subject: ref.patient(row.PAT_ID),
    encounter: ref.encounter(row.VISIT_ID),
    effectiveDateTime: toInstant(row.RECORDED_AT, ctx),
    valueQuantity: { value, unit: 'pack-years', system: SYSTEM.ucum, code: '{pack-years}' },
  });
}
