import { parseRowKey, rowKeyId } from '../common/row-id.js';

/** Ids of the resources one SCREENING row gives. */
export const screeningIds = {
  /** QuestionnaireResponse `<SCREEN_ID>`. */
  questionnaireResponse: (screenId: number): string => rowKeyId(screenId),
  /** Observation of the instrument (panel): `screening-<SCREEN_ID>`. */
  panel: (screenId: number): string => `screening-${rowKeyId(screenId)}`,
  /** Observation of one answer: `screening-<SCREEN_ID>-<SEQ>`. */
  answer: (screenId: number, seq: number): string => `screening-${rowKeyId(screenId)}-${rowKeyId(seq)}`,
  /** Observation of the total score: `screening-<SCREEN_ID>-score`. */
  score: (screenId: number): string => `screening-${rowKeyId(screenId)}-score`,
};

/** What a screening Observation id points at. */
export type ScreeningObservationKey = { screenId: number; part: 'panel' } | { screenId: number; part: 'score' } | { screenId: number; part: 'answer'; seq: number };

/** Parses a screening Observation id (`screening-12`, `screening-12-3`, `screening-12-score`); `undefined` otherwise. */
export function parseScreeningObservationId(id: string): ScreeningObservationKey | undefined {
  const m = /^screening-([0-9]+)(?:-([0-9]+|score))?$/.exec(id);
  const screenId = m ? parseRowKey(m[1]) : undefined;
  if (!m || screenId === undefined) return undefined;
  if (m[2] === undefined) return { screenId, part: 'panel' };
  if (m[2] === 'score') return { screenId, part: 'score' };
  const seq = parseRowKey(m[2]);
  return seq === undefined ? undefined : { screenId, part: 'answer', seq };
}

/** SCREENING.STATUS -> Observation.status. */
export const SCREENING_OBSERVATION_STATUS: Record<string, 'preliminary' | 'final' | 'amended' | 'entered-in-error'> = {
  P: 'preliminary',
  F: 'final',
  A: 'amended',
  E: 'entered-in-error',
};

/** SCREENING.STATUS -> QuestionnaireResponse.status (a preliminary screen is still being answered). */
export const SCREENING_RESPONSE_STATUS: Record<string, 'in-progress' | 'completed' | 'amended' | 'entered-in-error'> = {
  P: 'in-progress',
  F: 'completed',
  A: 'amended',
  E: 'entered-in-error',
};

/** The LOINC form canonical of an instrument (LOINC publishes its panels as Questionnaires at this URL). */
export const loincQuestionnaire = (panelLoinc: string): string => `http://loinc.org/q/${panelLoinc.trim()}`;

