import { describe, expect, it } from '@jest/globals';
import type { LegacyScreeningAnswer } from '#facade/legacy-db';
import { phq2Answers, screeningAnswerRow, screeningRow } from '../testing/care-fixtures.js';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { testContext } from '../testing/test-context.js';
import { QUESTIONNAIRE_RESPONSE_PROFILE, toQuestionnaireResponse } from './questionnaire-response.mapper.js';
import { parseScreeningObservationId } from './screening-parts.js';
import { SCREENING_ASSESSMENT_PROFILE, toScreeningObservations } from './screening.mapper.js';
import { SDOH_CATEGORIES, SDOH_CATEGORY_WIDTH, sdohCategory } from './sdoh-category.js';

type Json = Record<string, any>;
const SDOHCC = 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes';

const hungerAnswers = (): LegacyScreeningAnswer[] => [
  screeningAnswerRow({ SCREEN_ID: 170, SEQ: 1, QUESTION_LOINC: '88122-7', QUESTION_TEXT: 'Within the past 12 months we worried whether our food would run out before we got money to buy more', ANSWER_LOINC: 'LA28397-0', ANSWER_TEXT: 'Often true', ANSWER_VALUE: null }),
  screeningAnswerRow({ SCREEN_ID: 170, SEQ: 2, QUESTION_LOINC: '88123-5', QUESTION_TEXT: "Within the past 12 months the food we bought just didn't last and we didn't have money to get more", ANSWER_LOINC: 'LA6729-3', ANSWER_TEXT: 'Sometimes true', ANSWER_VALUE: null }),
];
const hunger = { SCREEN_ID: 170, INSTRUMENT_LOINC: '88121-9', SCORE_LOINC: null, INSTRUMENT_NAME: 'Hunger Vital Sign [HVS]', TOTAL_SCORE: null, SDOH_CATEGORY: 'food-insecurity' };

type Case = { name: string; row: Parameters<typeof screeningRow>[0]; answers: LegacyScreeningAnswer[]; issues?: string[]; expect: (obs: Json[], qr: Json) => void };

const cases: Case[] = [
  {
    name: 'PHQ-2: panel with hasMember answers + score, answers coded LOINC, score {score}; QR items and total',
    row: {},
    answers: phq2Answers(),
    expect: (obs, qr) => {
      expect(obs.map((o) => o.id)).toEqual(['screening-160', 'screening-160-1', 'screening-160-2', 'screening-160-score']);
      const [panel, a1, , score] = obs;
      expect(panel.meta.profile).toEqual([SCREENING_ASSESSMENT_PROFILE]);
      expect(panel.code.coding[0]).toMatchObject({ system: 'http://loinc.org', code: '55757-9' });
      expect(panel.category).toEqual([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'survey', display: 'Survey' }], text: 'Survey' }]);
      expect(panel.hasMember).toEqual([{ reference: 'Observation/screening-160-1' }, { reference: 'Observation/screening-160-2' }, { reference: 'Observation/screening-160-score' }]);
      expect(panel.valueQuantity).toBeUndefined();
      expect(panel).toMatchObject({ status: 'final', effectiveDateTime: '2024-03-01T09:12:00-05:00', encounter: { reference: 'Encounter/40' }, derivedFrom: [{ reference: 'QuestionnaireResponse/160' }] });
      expect(a1.code.coding[0].code).toBe('44250-9');
      expect(a1.valueCodeableConcept.coding[0]).toEqual({ system: 'http://loinc.org', code: 'LA6569-3', display: 'Several days' });
      expect(score.code.coding[0].code).toBe('55758-7');
      expect(score.valueQuantity).toEqual({ value: 3, unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' });

      expect(qr.meta.profile).toEqual([QUESTIONNAIRE_RESPONSE_PROFILE]);
      expect(qr).toMatchObject({ id: '160', questionnaire: 'http://loinc.org/q/55757-9', status: 'completed', authored: '2024-03-01T09:12:00-05:00', subject: { reference: 'Patient/12' } });
      expect(qr._questionnaire.extension[0]).toEqual({ url: 'http://hl7.org/fhir/StructureDefinition/display', valueString: 'Patient Health Questionnaire 2 item (PHQ-2)' });
      expect(qr.item.map((i: Json) => i.linkId)).toEqual(['/44250-9', '/44255-8', '/55758-7']);
      expect(qr.item[1].answer).toEqual([{ valueCoding: { system: 'http://loinc.org', code: 'LA6570-1', display: 'More than half the days' } }]);
      expect(qr.item[2].answer).toEqual([{ valueInteger: 3 }]);
    },
  },
  {
    name: 'SDOH screen (Hunger Vital Sign): survey + sdoh + food-insecurity categories, no score',
    row: hunger,
    answers: hungerAnswers(),
    expect: (obs, qr) => {
      expect(obs.map((o) => o.id)).toEqual(['screening-170', 'screening-170-1', 'screening-170-2']);
      for (const o of obs) expect(o.category.map((c: Json) => c.coding[0].code)).toEqual(['survey', 'sdoh', 'food-insecurity']);
      expect(obs[0].category[2].coding[0].system).toBe(SDOHCC);
      expect(qr.item).toHaveLength(2);
    },
  },
  {
    name: 'category cut by the VARCHAR(20) column is restored (transportation-insec)',
    row: { ...hunger, INSTRUMENT_LOINC: '93030-5', INSTRUMENT_NAME: 'Transportation needs', SDOH_CATEGORY: 'transportation-insec' },
    answers: [],
    expect: (obs) => {
      expect(obs[0].category[2].coding[0]).toEqual({ system: SDOHCC, code: 'transportation-insecurity', display: 'Transportation Insecurity' });
      // no answers and no total: the panel says why it has no value (us-core-2)
      expect(obs[0].dataAbsentReason.coding[0].code).toBe('unknown');
    },
  },
  {
    name: 'unknown SDOH category: reported, still an sdoh survey',
    row: { ...hunger, SDOH_CATEGORY: 'loneliness' },
    answers: hungerAnswers(),
    issues: ['SCREENING.SDOH_CATEGORY:LONELINESS'],
    expect: (obs) => expect(obs[0].category.map((c: Json) => c.coding[0].code)).toEqual(['survey', 'sdoh']),
  },
  {
    name: 'total without a score code: the panel carries it',
    row: { SCORE_LOINC: null },
    answers: phq2Answers(),
    expect: (obs, qr) => {
      expect(obs.map((o) => o.id)).toEqual(['screening-160', 'screening-160-1', 'screening-160-2']);
      expect(obs[0].valueQuantity.value).toBe(3);
      expect(qr.item[2]).toEqual({ linkId: '/total-score', text: 'Total score', answer: [{ valueInteger: 3 }] });
    },
  },
  {
    name: 'preliminary, partly answered, no total: Observations preliminary, QR in-progress, unanswered item has no answer',
    row: { STATUS: 'P', TOTAL_SCORE: null },
    answers: [phq2Answers()[0], screeningAnswerRow({ SEQ: 2, QUESTION_LOINC: '44255-8', QUESTION_TEXT: 'Feeling down', ANSWER_LOINC: null, ANSWER_TEXT: null, ANSWER_VALUE: null })],
    expect: (obs, qr) => {
      expect(obs.map((o) => o.status)).toEqual(['preliminary', 'preliminary', 'preliminary']);
      expect(obs[2].dataAbsentReason.coding[0].code).toBe('unknown');
      expect(qr.status).toBe('in-progress');
      expect(qr.item[1]).toEqual({ linkId: '/44255-8', text: 'Feeling down' });
    },
  },
  {
    name: 'text and points-only answers (no LOINC answer code); a repeated question keeps distinct linkIds',
    row: { INSTRUMENT_LOINC: '72109-2', SCORE_LOINC: '75626-2', INSTRUMENT_NAME: 'AUDIT-C', TOTAL_SCORE: 2 },
    answers: [
      screeningAnswerRow({ QUESTION_LOINC: '68518-0', QUESTION_TEXT: 'How often do you have a drink containing alcohol?', ANSWER_LOINC: null, ANSWER_TEXT: 'Monthly or less', ANSWER_VALUE: 1 }),
      screeningAnswerRow({ SEQ: 2, QUESTION_LOINC: '68518-0', QUESTION_TEXT: 'How often do you have a drink containing alcohol?', ANSWER_LOINC: null, ANSWER_TEXT: null, ANSWER_VALUE: 1 }),
    ],
    expect: (obs, qr) => {
      expect(obs[1].valueCodeableConcept).toEqual({ text: 'Monthly or less' });
      expect(obs[2].valueQuantity.value).toBe(1);
      expect(qr.item.map((i: Json) => i.linkId)).toEqual(['/68518-0', '/68518-0-2', '/75626-2']);
      expect(qr.item[0].answer).toEqual([{ valueString: 'Monthly or less' }]);
      expect(qr.item[1].answer).toEqual([{ valueInteger: 1 }]);
    },
  },
  {
    name: 'amended: Observations and QR amended',
    row: { STATUS: 'A' },
    answers: phq2Answers(),
    expect: (obs, qr) => {
      expect(obs[0].status).toBe('amended');
      expect(qr.status).toBe('amended');
    },
  },
  {
    name: 'unknown status: reported by both; Observation unknown, QR data-absent status',
    row: { STATUS: 'Q' },
    answers: phq2Answers(),
    issues: ['SCREENING.STATUS:Q', 'SCREENING.STATUS:Q'],
    expect: (obs, qr) => {
      expect(obs[0].status).toBe('unknown');
      expect(qr.status).toBeUndefined();
      expect(qr._status.extension[0].valueCode).toBe('unknown');
    },
  },
  {
    name: "answers of another screen are not this screen's",
    row: {},
    answers: [...phq2Answers(), screeningAnswerRow({ SCREEN_ID: 999, SEQ: 3 })],
    expect: (obs, qr) => {
      expect(obs).toHaveLength(4);
      expect(qr.item).toHaveLength(3);
    },
  },
];

describe('screening -> Observation screening-assessment + QuestionnaireResponse', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const input = { screening: screeningRow(c.row), answers: c.answers };
    const obs = toScreeningObservations(input, ctx);
    const qr = toQuestionnaireResponse(input, ctx);
    c.expect(obs as Json[], qr as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`).sort()).toEqual([...(c.issues ?? [])].sort());
    for (const o of obs) expectValidUsCore(o);
    expectValidUsCore(qr);
  });
});

describe('SDOH categories', () => {
  it('every code, full or cut to the column width, maps back to itself', () => {
    const ctx = testContext();
    for (const code of Object.keys(SDOH_CATEGORIES)) {
      expect(sdohCategory(code, ctx)?.code).toBe(code);
      expect(sdohCategory(code.slice(0, SDOH_CATEGORY_WIDTH), ctx)?.code).toBe(code);
      expect(sdohCategory(` ${code.toUpperCase()} `, ctx)?.code).toBe(code);
    }
    expect(ctx.issues).toEqual([]);
    expect(Object.keys(SDOH_CATEGORIES).filter((c) => c.length > SDOH_CATEGORY_WIDTH).length).toBeGreaterThan(3);
  });
  it('NULL and blank are clinical screens (no category, no report)', () => {
    const ctx = testContext();
    expect(sdohCategory(null, ctx)).toBeUndefined();
    expect(sdohCategory('  ', ctx)).toBeUndefined();
    expect(ctx.issues).toEqual([]);
  });
});

describe('screening Observation ids', () => {
  it('parse back to their part', () => {
    expect(parseScreeningObservationId('screening-160')).toEqual({ screenId: 160, part: 'panel' });
    expect(parseScreeningObservationId('screening-160-2')).toEqual({ screenId: 160, part: 'answer', seq: 2 });
    expect(parseScreeningObservationId('screening-160-score')).toEqual({ screenId: 160, part: 'score' });
    for (const bad of ['screening-0', 'screening-160-02', 'screening-160-total', 'screening-', 'smoking-160', 'screening-160-2-3']) {
      expect(parseScreeningObservationId(bad)).toBeUndefined();
    }
  });
});
