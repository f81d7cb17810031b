/**
 * Legacy row fixtures of the care tables (CARE_PLAN, GOAL, CARE_TEAM_MEMBER, IMPLANT, SCREENING,
 * SCREENING_ANSWER): a complete, plausible row each; tests override the columns of the quirk they cover.
 * Names and numbers are invented; the UDI is the GS1 example of the legacy README.
 */
import type {
  LegacyCarePlan,
  LegacyCareTeamMember,
  LegacyGoal,
  LegacyImplant,
  LegacyScreening,
  LegacyScreeningAnswer,
} from '#facade/legacy-db';

const audit = { CREATED_AT: '2024-03-01T09:15:00', CREATED_BY: 7, UPDATED_AT: '2024-03-02T16:40:00', UPDATED_BY: 7, ROW_VER: 2 };

export const carePlanRow = (o: Partial<LegacyCarePlan> = {}): LegacyCarePlan => ({
  CP_ID: 110, PAT_ID: 12, VISIT_ID: 40, AUTHOR_PROV_ID: 5, TITLE: 'Diabetes self management plan', SNOMED_CODE: '698360004',
  ASSESSMENT_TEXT: 'Type 2 diabetes, A1c 7.9 % & rising.', PLAN_TEXT: 'Start metformin 500 mg <with meals>. Follow up in 3 months.',
  START_DATE: '2024-03-01', END_DATE: null, STATUS: 'A', DELETED_YN: 'N', ...audit, ...o,
});

export const goalRow = (o: Partial<LegacyGoal> = {}): LegacyGoal => ({
  GOAL_ID: 120, PAT_ID: 12, CP_ID: 110, DESCRIPTION: 'Hemoglobin A1c below 7 %', SNOMED_CODE: null, START_DATE: '2024-03-01',
  TARGET_DATE: '2024-09-01', STATUS: 'ACT', ACHIEVEMENT: 'IMPR', EXPRESSED_BY: 'P', DELETED_YN: 'N', ...audit, ...o,
});

export const careTeamMemberRow = (o: Partial<LegacyCareTeamMember> = {}): LegacyCareTeamMember => ({
  CTM_ID: 130, PAT_ID: 12, PROV_ID: 5, CONTACT_ID: null, ROLE_CODE: 'PCP', START_DATE: '2020-01-15', END_DATE: null,
  UPDATED_AT: '2024-03-02T16:40:00', ROW_VER: 1, ...o,
});

export const implantRow = (o: Partial<LegacyImplant> = {}): LegacyImplant => ({
  IMPLANT_ID: 140, PAT_ID: 12, PROC_ID: 150, UDI_STRING: '(01)00844588003288(17)141120(10)7654321D(21)10987654d321',
  DEVICE_NAME: 'Coated femoral stem prosthesis, modular', SNOMED_TYPE: '468063009', MANUFACTURER: 'Acme Orthopedics',
  MODEL_NUMBER: 'FS-200', LOT_NUMBER: '7654321D', SERIAL_NUMBER: '10987654d321', MFG_DATE: null, EXP_DATE: '2014-11-20',
  IMPLANT_DATE: '2013-06-01', REMOVED_DATE: null, STATUS: 'A', DELETED_YN: 'N', ...audit, ...o,
});

export const screeningRow = (o: Partial<LegacyScreening> = {}): LegacyScreening => ({
  SCREEN_ID: 160, PAT_ID: 12, VISIT_ID: 40, INSTRUMENT_LOINC: '55757-9', SCORE_LOINC: '55758-7',
  INSTRUMENT_NAME: 'Patient Health Questionnaire 2 item (PHQ-2)', TOTAL_SCORE: 3, TAKEN_AT: '2024-03-01T09:12:00', SDOH_CATEGORY: null,
  STATUS: 'F', DELETED_YN: 'N', ...audit, ...o,
});

export const screeningAnswerRow = (o: Partial<LegacyScreeningAnswer> = {}): LegacyScreeningAnswer => ({
  SCREEN_ID: 160, SEQ: 1, QUESTION_LOINC: '44250-9', QUESTION_TEXT: 'Little interest or pleasure in doing things',
  ANSWER_LOINC: 'LA6569-3', ANSWER_TEXT: 'Several days', ANSWER_VALUE: 1, ...o,
});

/** The two answers of the PHQ-2 fixture (1 + 2 = TOTAL_SCORE 3). */
export const phq2Answers = (): LegacyScreeningAnswer[] => [
  screeningAnswerRow(),
  screeningAnswerRow({ SEQ: 2, QUESTION_LOINC: '44255-8', QUESTION_TEXT: 'Feeling down, depressed, or hopeless', ANSWER_LOINC: 'LA6570-1', ANSWER_TEXT: 'More than half the days', ANSWER_VALUE: 2 }),
];
