import type { LegacyScreening, LegacyScreeningAnswer } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { dataAbsentConcept } from '../common/data-absent-reason.js';
import type { CodeableConcept, Observation, Quantity, Reference } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { SYSTEM } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import { loinc } from '../observation/observation-parts.js';
import { screeningIds, SCREENING_OBSERVATION_STATUS } from './screening-parts.js';
import { sdohCategory } from './sdoh-category.js';

/** US Core 6.1.0 Observation Screening Assessment profile. */
export const SCREENING_ASSESSMENT_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-screening-assessment|6.1.0';

const SURVEY: CodeableConcept = { coding: [{ system: SYSTEM.observationCategory, code: 'survey', display: 'Survey' }], text: 'Survey' };
const SDOH: CodeableConcept = { coding: [{ system: SYSTEM.usCoreCategory, code: 'sdoh', display: 'SDOH' }], text: 'SDOH' };

/** What `toScreeningObservations` needs: the SCREENING row and its SCREENING_ANSWER rows. */
export interface ScreeningMapperInput {
  screening: LegacyScreening;
  answers: LegacyScreeningAnswer[];
}

function categories(s: LegacyScreening, ctx: MapperContext): CodeableConcept[] {
  if (s.SDOH_CATEGORY === null || s.SDOH_CATEGORY === undefined || String(s.SDOH_CATEGORY).trim() === '') return [SURVEY];
  const domain = sdohCategory(s.SDOH_CATEGORY, ctx);
  return domain ? [SURVEY, SDOH, { coding: [domain], text: domain.display }] : [SURVEY, SDOH];
}

function scoreQuantity(value: number): Quantity {
  return { value: Number(value), unit: '{score}', system: SYSTEM.ucum, code: '{score}' };
}

function answerValue(a: LegacyScreeningAnswer): Record<string, unknown> {
  const answerText = text(a.ANSWER_TEXT);
  const la = text(a.ANSWER_LOINC);
  if (la) return { valueCodeableConcept: { coding: [{ system: SYSTEM.loinc, code: la, display: answerText }], text: answerText } };
  if (answerText) return { valueCodeableConcept: { text: answerText } };
  if (a.ANSWER_VALUE !== null && a.ANSWER_VALUE !== undefined) return { valueQuantity: scoreQuantity(a.ANSWER_VALUE) };
  // us-core-2: an answer Observation without a value says why.
  return { dataAbsentReason: dataAbsentConcept('unknown') };
}

/**
 * One SCREENING row with its answers -> US Core 6.1.0 screening-assessment Observations: the instrument
 * (`screening-<SCREEN_ID>`, LOINC panel code, `hasMember` every answer and the score), one per answer
 * (`screening-<SCREEN_ID>-<SEQ>`, LOINC question, LOINC answer code or text) and the total score
 * (`screening-<SCREEN_ID>-score`, SCORE_LOINC, `{score}`; without SCORE_LOINC the total is the panel's value).
 * Each is `derivedFrom` the QuestionnaireResponse of the same screen. Categories: survey, plus `sdoh` and the
 * SDOH domain for social-needs screens (SDOH_CATEGORY, cut codes restored). STATUS gives the status of all.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-observation-screening-assessment.html
 */
export function toScreeningObservations(input: ScreeningMapperInput, ctx: MapperContext): Observation[] {
  const s = input.screening;
  const answers = input.answers.filter((a) => a.SCREEN_ID === s.SCREEN_ID).sort((a, b) => a.SEQ - b.SEQ);
  const common = {
    meta: buildMeta(s, SCREENING_ASSESSMENT_PROFILE, ctx),
    status: lookupCode(SCREENING_OBSERVATION_STATUS, s.STATUS, 'SCREENING.STATUS', ctx) ?? 'unknown',
    category: categories(s, ctx),
    subject: ref.patient(s.PAT_ID),
    encounter: ref.encounter(s.VISIT_ID),
    effectiveDateTime: toInstant(s.TAKEN_AT, ctx),
    derivedFrom: [{ reference: `QuestionnaireResponse/${screeningIds.questionnaireResponse(s.SCREEN_ID)}` }],
  };
  const scoreLoinc = text(s.SCORE_LOINC);
  const total = s.TOTAL_SCORE === null || s.TOTAL_SCORE === undefined ? undefined : Number(s.TOTAL_SCORE);
  const items: Observation[] = answers.map((a) =>
    compact<Observation>({
      resourceType: 'Observation',
      id: screeningIds.answer(s.SCREEN_ID, a.SEQ),
      ...common,
      code: { coding: [loinc(a.QUESTION_LOINC.trim(), a.QUESTION_TEXT)], text: a.QUESTION_TEXT },
      ...answerValue(a),
    }),
  );
  if (scoreLoinc && total !== undefined) {
    items.push(compact<Observation>({
      resourceType: 'Observation',
      id: screeningIds.score(s.SCREEN_ID),
      ...common,
      code: { coding: [loinc(scoreLoinc, `${s.INSTRUMENT_NAME} total score`)], text: 'Total score' },
      valueQuantity: scoreQuantity(total),
    }));
  }
  const members: Reference[] = items.map((o) => ({ reference: `Observation/${o.id}` }));
  const panelValue = total !== undefined && !scoreLoinc ? { valueQuantity: scoreQuantity(total) } : members.length ? {} : { dataAbsentReason: dataAbsentConcept('unknown') };
  const panel = compact<Observation>({
    resourceType: 'Observation',
    id: screeningIds.panel(s.SCREEN_ID),
    ...common,
    code: { coding: [loinc(s.INSTRUMENT_LOINC.trim(), s.INSTRUMENT_NAME)], text: s.INSTRUMENT_NAME },
    ...panelValue,
    hasMember: members,
  });
  return [panel, ...items];
}
