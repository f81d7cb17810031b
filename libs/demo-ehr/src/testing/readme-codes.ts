/**
 * Every local code of the schema README (`libs/legacy-db/ddl/README.md`, "Local codes" and "Password formats"),
 * transcribed from the README - NOT from the generator - so that the generator's coverage can be checked
 * against it. `heading` is the bold term under which the README defines the codes; a test checks that every
 * code below really appears in that README paragraph.
 */
export interface ReadmeCodeList {
  table: string;
  column: string;
  heading: string;
  codes: string[];
}

const RELATIONS = ['MTH', 'FTH', 'SPS', 'DOMP', 'CHILD', 'SIB', 'GRD', 'EMC', 'FRND', 'OTH'];

export const README_CODES: readonly ReadmeCodeList[] = [
  { table: 'PATIENT', column: 'SEX', heading: 'PATIENT.SEX', codes: ['M', 'F', 'U', 'O'] },
  { table: 'PATIENT', column: 'BIRTH_SEX', heading: 'BIRTH_SEX', codes: ['M', 'F', 'U'] },
  { table: 'PATIENT', column: 'GENDER_IDENTITY', heading: 'GENDER_IDENTITY', codes: ['M', 'F', 'TM', 'TF', 'NB', 'OTH', 'ASKU'] },
  { table: 'PATIENT', column: 'MARITAL_STATUS', heading: 'MARITAL_STATUS', codes: ['S', 'M', 'D', 'W', 'L', 'U'] },
  { table: 'PATIENT', column: 'ETHNICITY_CODE', heading: 'ETHNICITY_CODE', codes: ['2135-2', '2186-5', 'ASKU', 'UNK'] },
  { table: 'PATIENT_RACE', column: 'RACE_CODE', heading: 'PATIENT_RACE.RACE_CODE', codes: ['2106-3', '2054-5', '2028-9', 'ASKU', 'UNK'] },
  { table: 'PAT_CONTACT', column: 'RELATION_CODE', heading: 'PAT_CONTACT.RELATION_CODE', codes: RELATIONS },
  { table: 'PORTAL_PROXY', column: 'RELATION_CODE', heading: 'PORTAL_PROXY.RELATION_CODE', codes: RELATIONS },
  { table: 'FACILITY', column: 'FAC_TYPE', heading: 'FACILITY.FAC_TYPE', codes: ['CLINIC', 'HOSP', 'LAB', 'URGENT', 'TELE'] },
  { table: 'USERS', column: 'ROLE_CODE', heading: 'USERS.ROLE_CODE', codes: ['PROV', 'NURSE', 'FRONT', 'BILL', 'ADMIN'] },
  { table: 'USERS', column: 'PWD_ALGO', heading: 'Password formats', codes: ['SHA256', 'PBKDF2'] },
  { table: 'PORTAL_ACCOUNT', column: 'PWD_ALGO', heading: 'Password formats', codes: ['SHA256', 'PBKDF2'] },
  { table: 'PAYER', column: 'PAYER_TYPE', heading: 'PAYER.PAYER_TYPE', codes: ['COMM', 'MCARE', 'MCAID', 'SELF', 'OTHER'] },
  { table: 'PAT_INSURANCE', column: 'SUBSCRIBER_REL', heading: 'PAT_INSURANCE.SUBSCRIBER_REL', codes: ['SELF', 'SPS', 'CHILD', 'OTHER'] },
  { table: 'VISIT', column: 'VISIT_TYPE', heading: 'VISIT.VISIT_TYPE', codes: ['OV', 'WELL', 'NEWPT', 'ER', 'IP', 'TEL', 'HH', 'PROC'] },
  { table: 'VISIT', column: 'VISIT_STATUS', heading: 'VISIT_STATUS', codes: ['SCH', 'ARR', 'INPR', 'DONE', 'CANC', 'NOSHOW'] },
  { table: 'VISIT', column: 'DISCH_DISPOSITION', heading: 'DISCH_DISPOSITION', codes: ['HOME', 'SNF', 'EXP', 'AMA', 'OTH'] },
  { table: 'PROBLEM', column: 'PROB_TYPE', heading: 'PROBLEM.PROB_TYPE', codes: ['P', 'D', 'H'] },
  { table: 'PROBLEM', column: 'STATUS', heading: 'PROBLEM.PROB_TYPE', codes: ['A', 'I', 'R'] },
  { table: 'PROBLEM', column: 'VERIFIED', heading: 'PROBLEM.PROB_TYPE', codes: ['C', 'P', 'E', 'R'] },
  { table: 'ALLERGY', column: 'NKA_YN', heading: 'ALLERGY.NKA_YN', codes: ['Y', 'N'] },
  { table: 'ALLERGY', column: 'ALLERGEN_TYPE', heading: 'ALLERGEN_TYPE', codes: ['D', 'F', 'E', 'B'] },
  { table: 'ALLERGY', column: 'SEVERITY', heading: 'ALLERGEN_TYPE', codes: ['MILD', 'MOD', 'SEV'] },
  { table: 'ALLERGY', column: 'CRITICALITY', heading: 'ALLERGEN_TYPE', codes: ['L', 'H', 'U'] },
  { table: 'ALLERGY', column: 'STATUS', heading: 'ALLERGEN_TYPE', codes: ['A', 'I', 'R'] },
  { table: 'ALLERGY', column: 'VERIFIED_YN', heading: 'ALLERGEN_TYPE', codes: ['Y', 'N'] },
  { table: 'MEDICATION', column: 'RX_TYPE', heading: 'MEDICATION.RX_TYPE', codes: ['P', 'R'] },
  { table: 'MEDICATION', column: 'STATUS', heading: 'MEDICATION.RX_TYPE', codes: ['A', 'H', 'C', 'D', 'X', 'E'] },
  { table: 'MEDICATION', column: 'ROUTE_CODE', heading: 'MEDICATION.RX_TYPE', codes: ['PO', 'IM', 'IV', 'SC', 'TOP', 'INH', 'SL', 'PR', 'NAS', 'OPH', 'OTIC'] },
  { table: 'MEDICATION', column: 'FREQ_CODE', heading: 'MEDICATION.RX_TYPE', codes: ['QD', 'BID', 'TID', 'QID', 'Q4H', 'Q6H', 'Q8H', 'Q12H', 'QHS', 'QW', 'PRN'] },
  { table: 'RX_FILL', column: 'FILL_STATUS', heading: 'RX_FILL.FILL_STATUS', codes: ['F', 'P', 'N', 'R'] },
  { table: 'IMMUNIZATION', column: 'STATUS', heading: 'IMMUNIZATION.STATUS', codes: ['G', 'R', 'N', 'E'] },
  { table: 'IMMUNIZATION', column: 'NOT_GIVEN_REASON', heading: 'IMMUNIZATION.STATUS', codes: ['PATOBJ', 'IMMUNE', 'MEDPREC', 'OOSTOCK', 'RELIG'] },
  { table: 'IMMUNIZATION', column: 'HISTORICAL_YN', heading: 'IMMUNIZATION.STATUS', codes: ['Y', 'N'] },
  { table: 'IMMUNIZATION', column: 'ROUTE_CODE', heading: 'IMMUNIZATION.STATUS', codes: ['IM', 'SC', 'ID', 'PO', 'IN'] },
  { table: 'IMMUNIZATION', column: 'SITE_CODE', heading: 'IMMUNIZATION.STATUS', codes: ['LA', 'RA', 'LT', 'RT', 'LD', 'RD'] },
  { table: 'VITALS', column: 'STATUS', heading: 'VITALS', codes: ['F', 'A', 'E'] },
  { table: 'LAB_ORDER', column: 'ORDER_CATEGORY', heading: 'LAB_ORDER.ORDER_CATEGORY', codes: ['LAB', 'RAD', 'CARD', 'PATH'] },
  { table: 'LAB_ORDER', column: 'PRIORITY', heading: 'LAB_ORDER.ORDER_CATEGORY', codes: ['R', 'S', 'A'] },
  { table: 'LAB_ORDER', column: 'SPECIMEN_TYPE', heading: 'LAB_ORDER.ORDER_CATEGORY', codes: ['BLD', 'SER', 'PLAS', 'UR', 'SAL', 'SWAB', 'CSF', 'TISS'] },
  { table: 'LAB_ORDER', column: 'STATUS', heading: 'LAB_ORDER.ORDER_CATEGORY', codes: ['O', 'I', 'P', 'F', 'C', 'X'] },
  { table: 'LAB_RESULT', column: 'ABN_FLAG', heading: 'LAB_RESULT.VALUE_TEXT', codes: ['H', 'L', 'HH', 'LL', 'A', 'N'] },
  { table: 'LAB_RESULT', column: 'STATUS', heading: 'LAB_RESULT.VALUE_TEXT', codes: ['P', 'F', 'C', 'X'] },
  { table: 'SOCIAL_HX', column: 'SMOKING_STATUS', heading: 'SOCIAL_HX.SMOKING_STATUS', codes: ['CUR', 'CURS', 'FMR', 'NVR', 'CURD', 'UNK', 'HVY', 'LGT'] },
  { table: 'SOCIAL_HX', column: 'SEX_ORIENTATION', heading: 'SOCIAL_HX.SMOKING_STATUS', codes: ['STR', 'GAY', 'BI', 'OTH', 'UNK', 'ASKU'] },
  { table: 'SOCIAL_HX', column: 'PREGNANCY_STATUS', heading: 'SOCIAL_HX.SMOKING_STATUS', codes: ['Y', 'N', 'U'] },
  { table: 'SOCIAL_HX', column: 'PREGNANCY_INTENT', heading: 'SOCIAL_HX.SMOKING_STATUS', codes: ['Y', 'N', 'A', 'U'] },
  // transportation-insecurity (25 characters) does not fit the schema's VARCHAR(20) SDOH_CATEGORY column.
  { table: 'SCREENING', column: 'SDOH_CATEGORY', heading: 'SCREENING', codes: ['food-insecurity', 'housing-instability', 'financial-insecurity'] },
  { table: 'SCREENING', column: 'STATUS', heading: 'SCREENING', codes: ['P', 'F', 'A', 'E'] },
  { table: 'PROCEDURES', column: 'STATUS', heading: 'PROCEDURES.STATUS', codes: ['C', 'I', 'N', 'E', 'S'] },
  { table: 'REFERRAL', column: 'REF_CATEGORY', heading: 'REFERRAL.REF_CATEGORY', codes: ['CONSULT', 'IMAGING', 'THERAPY', 'SDOH', 'COUNSEL'] },
  { table: 'REFERRAL', column: 'STATUS', heading: 'REFERRAL.REF_CATEGORY', codes: ['D', 'A', 'H', 'C', 'X', 'E'] },
  { table: 'REFERRAL', column: 'PRIORITY', heading: 'REFERRAL.REF_CATEGORY', codes: ['R', 'S', 'A'] },
  { table: 'CLINICAL_NOTE', column: 'NOTE_TYPE', heading: 'CLINICAL_NOTE.NOTE_TYPE', codes: ['PN', 'HP', 'CN', 'DS', 'PROC', 'IMG', 'LAB', 'PATH', 'ED', 'NURS'] },
  { table: 'CLINICAL_NOTE', column: 'NOTE_FORMAT', heading: 'CLINICAL_NOTE.NOTE_TYPE', codes: ['TXT', 'HTML', 'RTF'] },
  { table: 'CLINICAL_NOTE', column: 'SIGNED_YN', heading: 'CLINICAL_NOTE.NOTE_TYPE', codes: ['Y', 'N'] },
  { table: 'CLINICAL_NOTE', column: 'AMENDED_YN', heading: 'CLINICAL_NOTE.NOTE_TYPE', codes: ['Y', 'N'] },
  { table: 'DOCUMENT', column: 'DOC_CATEGORY', heading: 'DOCUMENT.DOC_CATEGORY', codes: ['LAB', 'RAD', 'CONSULT', 'CCDA', 'CONSENT', 'INS', 'OTHER'] },
  { table: 'CARE_PLAN', column: 'STATUS', heading: 'CARE_PLAN.STATUS', codes: ['D', 'A', 'H', 'C', 'X', 'E'] },
  { table: 'GOAL', column: 'STATUS', heading: 'CARE_PLAN.STATUS', codes: ['PROP', 'PLAN', 'ACT', 'HOLD', 'DONE', 'CANC', 'ERR'] },
  { table: 'GOAL', column: 'ACHIEVEMENT', heading: 'CARE_PLAN.STATUS', codes: ['INPR', 'IMPR', 'WORS', 'ACHV', 'NOTA'] },
  { table: 'GOAL', column: 'EXPRESSED_BY', heading: 'CARE_PLAN.STATUS', codes: ['P', 'V'] },
  { table: 'CARE_TEAM_MEMBER', column: 'ROLE_CODE', heading: 'CARE_TEAM_MEMBER.ROLE_CODE', codes: ['PCP', 'SPEC', 'NURSE', 'CM', 'CAREGVR', 'PHARM', 'SW'] },
  { table: 'IMPLANT', column: 'STATUS', heading: 'IMPLANT.STATUS', codes: ['A', 'I', 'E'] },
];

/** Clinical tables with a DELETED_YN column (from the schema). */
export const TABLES_WITH_DELETED_YN = [
  'PAT_INSURANCE', 'VISIT', 'PROBLEM', 'ALLERGY', 'MEDICATION', 'IMMUNIZATION', 'VITALS', 'LAB_ORDER', 'LAB_RESULT', 'SOCIAL_HX',
  'SCREENING', 'PROCEDURES', 'REFERRAL', 'CLINICAL_NOTE', 'DOCUMENT', 'CARE_PLAN', 'GOAL', 'IMPLANT',
];
