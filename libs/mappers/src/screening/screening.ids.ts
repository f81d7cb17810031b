/**
 * Ids of the resources of one SCREENING row (see common/id-scheme.ts): QuestionnaireResponse `<SCREEN_ID>`, and the
 * screening-assessment Observations `screening-<SCREEN_ID>` (the instrument), `screening-<SCREEN_ID>-<SEQ>` (one
 * answer) and `screening-<SCREEN_ID>-score` (the total). The Observations are items of the row; their paging
 * sub-key is 0 for the instrument, SEQ for an answer and 2^31 for the score (after any SEQ).
 */
import { FHIR_ID_RE, keyText, parseKey, plainIds, type IdScheme, type ParsedId } from '../common/id-scheme.js';

/** `<SCREEN_ID>`. */
export const QUESTIONNAIRE_RESPONSE_IDS = plainIds();

/** An item of a screening row: `panel`, `score`, or an answer's SEQ as text. */
export type ScreeningItem = string;

const SCORE_SUB = 2 ** 31;

/** The screening Observation ids (`format(key, 'panel' | 'score' | '<SEQ>')`). */
export const SCREENING_OBSERVATION_IDS: IdScheme<ScreeningItem> = {
  format: ((key: number, item: ScreeningItem) =>
    item === 'panel' ? `screening-${keyText(key)}` : `screening-${keyText(key)}-${item === 'score' ? 'score' : keyText(Number(item))}`) as IdScheme<ScreeningItem>['format'],
  parse: (id): ParsedId<ScreeningItem> | undefined => {
    const m = FHIR_ID_RE.test(id) ? /^screening-([0-9]+)(?:-([0-9]+|score))?$/.exec(id) : null;
    const key = m ? parseKey(m[1]) : undefined;
    if (!m || key === undefined) return undefined;
    if (m[2] === undefined) return { key, item: 'panel', sub: 0 };
    if (m[2] === 'score') return { key, item: 'score', sub: SCORE_SUB };
    const seq = parseKey(m[2]);
    return seq === undefined ? undefined : { key, item: String(seq), sub: seq };
  },
};

/** The paging sub-key of a screening Observation item. */
export function screeningItemSub(item: ScreeningItem): number {
  return item === 'panel' ? 0 : item === 'score' ? SCORE_SUB : Number(item);
}
