/**
 * Fixture rows of the care types (CarePlan, Goal, CareTeam, Device, screenings): one row per quirk worth reading
 * through the engine, on the base fixtures (PAT_ID 12/14, VISIT_ID 40, PROV_ID 5/6, CONTACT_ID 30).
 */
import * as c from './care-fixtures.js';

export const FIXTURE_ROWS: Readonly<Record<string, readonly object[]>> = {
  CARE_PLAN: [c.carePlanRow(), c.carePlanRow({ CP_ID: 111, PAT_ID: 14, VISIT_ID: null, AUTHOR_PROV_ID: null, TITLE: null, SNOMED_CODE: null, ASSESSMENT_TEXT: null, STATUS: 'C', END_DATE: '2024-06-30' })],
  GOAL: [
    c.goalRow(),
    c.goalRow({ GOAL_ID: 121, DESCRIPTION: 'Walk 30 minutes a day', STATUS: 'DONE', ACHIEVEMENT: 'ACHV', EXPRESSED_BY: 'V' }),
    c.goalRow({ GOAL_ID: 122, PAT_ID: 14, CP_ID: null, TARGET_DATE: null, ACHIEVEMENT: null, EXPRESSED_BY: null }),
    c.goalRow({ GOAL_ID: 123, DELETED_YN: 'Y' }),
  ],
  CARE_TEAM_MEMBER: [
    c.careTeamMemberRow(),
    c.careTeamMemberRow({ CTM_ID: 131, PROV_ID: 6, ROLE_CODE: 'NURSE', START_DATE: null }),
    c.careTeamMemberRow({ CTM_ID: 132, PROV_ID: null, CONTACT_ID: 30, ROLE_CODE: 'CAREGVR', END_DATE: '2024-01-31' }),
    c.careTeamMemberRow({ CTM_ID: 133, PAT_ID: 14, ROLE_CODE: 'SPEC', END_DATE: '2024-02-01' }),
  ],
  IMPLANT: [
    c.implantRow({ PROC_ID: null }),
    c.implantRow({ IMPLANT_ID: 141, PROC_ID: null, UDI_STRING: '+H123PARTNO1/$$420020216LOT123456789/SXYZ456789012345678/16D20130202C', STATUS: 'I' }),
    c.implantRow({ IMPLANT_ID: 142, PAT_ID: 14, PROC_ID: null, UDI_STRING: null, SNOMED_TYPE: null }),
  ],
  SCREENING: [
    c.screeningRow(),
    c.screeningRow({ SCREEN_ID: 161, INSTRUMENT_LOINC: '96777-8', SCORE_LOINC: null, INSTRUMENT_NAME: 'AHC HRSN transportation', TOTAL_SCORE: null, SDOH_CATEGORY: 'transportation-insec', STATUS: 'P' }),
  ],
  SCREENING_ANSWER: [
    ...c.phq2Answers(),
    c.screeningAnswerRow({ SCREEN_ID: 161, SEQ: 1, QUESTION_LOINC: '93030-5', QUESTION_TEXT: 'Has lack of transportation kept you from medical appointments?', ANSWER_LOINC: 'LA33-6', ANSWER_TEXT: 'Yes', ANSWER_VALUE: null }),
  ],
};
