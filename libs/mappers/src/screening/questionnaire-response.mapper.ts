import type { LegacyScreeningAnswer } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { dataAbsentExtension } from '../common/data-absent-reason.js';
import type { FhirResource } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { SYSTEM } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import { loincQuestionnaire, screeningIds, SCREENING_RESPONSE_STATUS } from './screening-parts.js';
import type { ScreeningMapperInput } from './screening.mapper.js';

export type QuestionnaireResponse = FhirResource & { resourceType: 'QuestionnaireResponse' };

/** US Core 6.1.0 QuestionnaireResponse profile. */
export const QUESTIONNAIRE_RESPONSE_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-questionnaireresponse|6.1.0';
const DISPLAY_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/display';

function answer(a: LegacyScreeningAnswer): Array<Record<string, unknown>> | undefined {
  const answerText = text(a.ANSWER_TEXT);
  const la = text(a.ANSWER_LOINC);
  if (la) return [{ valueCoding: { system: SYSTEM.loinc, code: la, display: answerText } }];
  if (answerText) return [{ valueString: answerText }];
  if (a.ANSWER_VALUE !== null && a.ANSWER_VALUE !== undefined) return [{ valueInteger: Number(a.ANSWER_VALUE) }];
  return undefined;
}

/**
 * One SCREENING row with its answers -> US Core 6.1.0 QuestionnaireResponse (id `<SCREEN_ID>`): the LOINC form
 * (`http://loinc.org/q/<INSTRUMENT_LOINC>`, INSTRUMENT_NAME as its display), status from STATUS (P in-progress),
 * authored TAKEN_AT, one item per answer (linkId `/<QUESTION_LOINC>` as in LOINC forms, made unique with the SEQ
 * when a question repeats; LOINC answer as valueCoding, else text, else points) and the total score item.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-questionnaireresponse.html
 */
export function toQuestionnaireResponse(input: ScreeningMapperInput, ctx: MapperContext): QuestionnaireResponse {
  const s = input.screening;
  const answers = input.answers.filter((a) => a.SCREEN_ID === s.SCREEN_ID).sort((a, b) => a.SEQ - b.SEQ);
  const seen = new Set<string>();
  const items = answers.map((a) => {
    let linkId = `/${a.QUESTION_LOINC.trim()}`;
    if (seen.has(linkId)) linkId = `${linkId}-${a.SEQ}`;
    seen.add(linkId);
    return { linkId, text: text(a.QUESTION_TEXT), answer: answer(a) };
  });
  const scoreLoinc = text(s.SCORE_LOINC);
  if (s.TOTAL_SCORE !== null && s.TOTAL_SCORE !== undefined) {
    items.push({ linkId: scoreLoinc ? `/${scoreLoinc}` : '/total-score', text: 'Total score', answer: [{ valueInteger: Number(s.TOTAL_SCORE) }] });
  }
  const status = lookupCode(SCREENING_RESPONSE_STATUS, s.STATUS, 'SCREENING.STATUS', ctx);
  return compact<QuestionnaireResponse>({
    resourceType: 'QuestionnaireResponse',
    id: screeningIds.questionnaireResponse(s.SCREEN_ID),
    meta: buildMeta(s, QUESTIONNAIRE_RESPONSE_PROFILE, ctx),
    questionnaire: loincQuestionnaire(s.INSTRUMENT_LOINC),
    _questionnaire: { extension: [{ url: DISPLAY_EXTENSION, valueString: s.INSTRUMENT_NAME }] },
    status,
    _status: status ? undefined : { extension: [dataAbsentExtension('unknown')] },
    subject: ref.patient(s.PAT_ID),
    encounter: ref.encounter(s.VISIT_ID),
    authored: toInstant(s.TAKEN_AT, ctx),
    item: items,
  });
}
