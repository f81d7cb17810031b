/**
 * Legacy row fixtures for mapper tests: a complete, plausible row per table; each test overrides the columns
 * of the quirk it covers. Names and numbers are invented.
 */
import type {
  LegacyAllergy,
  LegacyFacility,
  LegacyLabOrder,
  LegacyLabResult,
  LegacyPatContact,
  LegacyPatient,
  LegacyPayer,
  LegacyPractice,
  LegacyProblem,
  LegacyProvider,
  LegacySocialHx,
  LegacyUsers,
  LegacyVisit,
  LegacyVitals,
} from '#facade/legacy-db';

const audit = { CREATED_AT: '2024-03-01T09:15:00', CREATED_BY: 7, UPDATED_AT: '2024-03-02T16:40:00', UPDATED_BY: 7, ROW_VER: 3 };

export const practiceRow = (o: Partial<LegacyPractice> = {}): LegacyPractice => ({
  PRACTICE_ID: 1, PRACTICE_NAME: 'Riverside Family Medicine', NPI: '1234567893', TAX_ID: '12-3456789', ADDR1: '10 Main St', ADDR2: 'Suite 200',
  CITY: 'Boston', STATE: 'MA', ZIP: '02110', PHONE: '6175550100', FAX: '6175550101', EMAIL: 'front@riverside.example', ACTIVE_YN: 'Y',
  CREATED_AT: audit.CREATED_AT, UPDATED_AT: audit.UPDATED_AT, ROW_VER: 2, ...o,
});

export const payerRow = (o: Partial<LegacyPayer> = {}): LegacyPayer => ({
  PAYER_ID: 4, PAYER_NAME: 'Bay State Health Plan', PAYER_CODE: 'BSHP1', PAYER_TYPE: 'COMM', PHONE: '8005550199', ADDR1: '1 Insurance Way',
  CITY: 'Quincy', STATE: 'MA', ZIP: '02169', ACTIVE_YN: 'Y', UPDATED_AT: audit.UPDATED_AT, ROW_VER: 1, ...o,
});

export const facilityRow = (o: Partial<LegacyFacility> = {}): LegacyFacility => ({
  FACILITY_ID: 3, PRACTICE_ID: 1, FAC_NAME: 'Riverside Main Clinic', FAC_TYPE: 'CLINIC', ADDR1: '10 Main St', ADDR2: null, CITY: 'Boston',
  STATE: 'MA', ZIP: '02110', PHONE: '6175550100', LATITUDE: 42.3601, LONGITUDE: -71.0589, ACTIVE_YN: 'Y',
  CREATED_AT: audit.CREATED_AT, UPDATED_AT: audit.UPDATED_AT, ROW_VER: 1, ...o,
});

export const providerRow = (o: Partial<LegacyProvider> = {}): LegacyProvider => ({
  PROV_ID: 5, PRACTICE_ID: 1, FACILITY_ID: 3, NPI: '1497758544', LAST_NAME: 'Okafor', FIRST_NAME: 'Adaeze', MIDDLE_NAME: 'N', SUFFIX: null,
  CREDENTIAL: 'MD', SEX: 'F', TAXONOMY_CODE: '207Q00000X', SPECIALTY_DESC: 'Family Medicine', PHONE: '6175550123',
  EMAIL: 'aokafor@riverside.example', ADDR1: '10 Main St', CITY: 'Boston', STATE: 'MA', ZIP: '02110', ACTIVE_YN: 'Y',
  CREATED_AT: audit.CREATED_AT, UPDATED_AT: audit.UPDATED_AT, ROW_VER: 4, ...o,
});

export const userRow = (o: Partial<LegacyUsers> = {}): LegacyUsers => ({
  USER_ID: 7, PRACTICE_ID: 1, LOGIN_NAME: 'aokafor', PWD_HASH: 'x', PWD_SALT: null, PWD_ALGO: 'PBKDF2', PROV_ID: 5, FULL_NAME: 'Adaeze Okafor',
  ROLE_CODE: 'PROV', ACTIVE_YN: 'Y', LOCKED_YN: 'N', FAILED_LOGINS: 0, LAST_LOGIN_AT: null,
  CREATED_AT: audit.CREATED_AT, UPDATED_AT: audit.UPDATED_AT, ROW_VER: 1, ...o,
});

export const patientRow = (o: Partial<LegacyPatient> = {}): LegacyPatient => ({
  PAT_ID: 12, PRACTICE_ID: 1, MRN: 'MRN000012', LAST_NAME: 'Rivera', FIRST_NAME: 'Maria', MIDDLE_NAME: 'Elena', NAME_PREFIX: 'Ms.',
  NAME_SUFFIX: null, PREFERRED_NAME: null, PREV_LAST_NAME: null, DOB: '1980-07-14', SEX: 'F', BIRTH_SEX: 'F', GENDER_IDENTITY: null,
  SSN: '999-12-3456', ADDR1: '22 Elm St', ADDR2: 'Apt 3', CITY: 'Cambridge', STATE: 'MA', ZIP: '02139', COUNTY: 'Middlesex',
  HOME_PHONE: '6175550111', CELL_PHONE: '6175550112', WORK_PHONE: null, EMAIL: 'maria.rivera@mail.example', MARITAL_STATUS: 'M',
  LANGUAGE_CODE: 'es', ETHNICITY_CODE: '2135-2', DECEASED_YN: 'N', DECEASED_DATE: null, PCP_PROV_ID: 5, INACTIVE_YN: 'N',
  MERGED_INTO_PAT_ID: null, ...audit, ...o,
});

export const contactRow = (o: Partial<LegacyPatContact> = {}): LegacyPatContact => ({
  CONTACT_ID: 30, PAT_ID: 12, RELATION_CODE: 'SPS', LAST_NAME: 'Rivera', FIRST_NAME: 'Jose', PHONE: '6175550113', EMAIL: null,
  ADDR1: null, CITY: null, STATE: null, ZIP: null, IS_EMERGENCY_YN: 'Y', IS_GUARDIAN_YN: 'N', ACTIVE_YN: 'Y',
  UPDATED_AT: audit.UPDATED_AT, ROW_VER: 1, ...o,
});

export const visitRow = (o: Partial<LegacyVisit> = {}): LegacyVisit => ({
  VISIT_ID: 40, PAT_ID: 12, PROV_ID: 5, FACILITY_ID: 3, VISIT_TYPE: 'OV', VISIT_STATUS: 'DONE', START_DT: '2024-03-01T09:00:00',
  END_DT: '2024-03-01T09:30:00', CPT_CODE: '99213', REASON_ICD10: 'E119', REASON_SNOMED: '44054006', REASON_TEXT: 'Diabetes follow-up',
  DISCH_DISPOSITION: null, DELETED_YN: 'N', ...audit, ...o,
});

export const problemRow = (o: Partial<LegacyProblem> = {}): LegacyProblem => ({
  PROB_ID: 50, PAT_ID: 12, VISIT_ID: null, PROB_TYPE: 'P', ICD10_CODE: 'E119', SNOMED_CODE: '44054006',
  DESCRIPTION: 'Type 2 diabetes mellitus without complications', STATUS: 'A', VERIFIED: 'C', ONSET_DATE: '2019-05-01',
  RESOLVED_DATE: null, NOTE_TEXT: null, DELETED_YN: 'N', ...audit, ...o,
});

export const allergyRow = (o: Partial<LegacyAllergy> = {}): LegacyAllergy => ({
  ALLERGY_ID: 60, PAT_ID: 12, NKA_YN: 'N', ALLERGEN_TYPE: 'D', ALLERGEN_NAME: 'Penicillin V', RXNORM_CODE: '7980', SNOMED_CODE: null,
  REACTION_TEXT: 'Hives', REACTION_SNOMED: '247472004', SEVERITY: 'MOD', CRITICALITY: 'H', STATUS: 'A', VERIFIED_YN: 'Y',
  ONSET_DATE: '2010-01-01', DELETED_YN: 'N', ...audit, ...o,
});

export const vitalsRow = (o: Partial<LegacyVitals> = {}): LegacyVitals => ({
  VITAL_ID: 70, PAT_ID: 12, VISIT_ID: 40, TAKEN_AT: '2024-03-01T09:05:00', HEIGHT_IN: null, WEIGHT_LB: null, BMI: null,
  BP_SYSTOLIC: null, BP_DIASTOLIC: null, PULSE: null, RESP_RATE: null, TEMP_F: null, SPO2: null, O2_FLOW_LPM: null,
  HEAD_CIRC_CM: null, BMI_PCTL: null, WFL_PCTL: null, HC_PCTL: null, STATUS: 'F', DELETED_YN: 'N', ...audit, ...o,
});

export const labOrderRow = (o: Partial<LegacyLabOrder> = {}): LegacyLabOrder => ({
  ORDER_ID: 80, PAT_ID: 12, VISIT_ID: 40, ORDERING_PROV_ID: 5, ORDER_CATEGORY: 'LAB', PANEL_LOINC: '24323-8',
  PANEL_CPT: '80053', PANEL_NAME: 'Comprehensive metabolic panel', ORDERED_AT: '2024-03-01T09:20:00', PRIORITY: 'R',
  SPECIMEN_TYPE: 'SER', SPECIMEN_ID: 'ACC-2024-0001', COLLECTED_AT: '2024-03-01T09:25:00', RESULTED_AT: '2024-03-01T14:00:00',
  STATUS: 'F', PERFORMING_LAB: 'Quest Diagnostics', REPORT_TEXT: null, DELETED_YN: 'N', ...audit, ...o,
});

export const labResultRow = (o: Partial<LegacyLabResult> = {}): LegacyLabResult => ({
  RESULT_ID: 90, ORDER_ID: 80, PAT_ID: 12, SEQ: 1, LOINC_CODE: '2345-7', LOCAL_CODE: 'GLU', TEST_NAME: 'Glucose',
  VALUE_TEXT: '105', UNITS: 'mg/dL', REF_RANGE: '70-99', ABN_FLAG: 'H', STATUS: 'F', RESULTED_AT: '2024-03-01T13:55:00',
  COMMENT_TEXT: null, DELETED_YN: 'N', UPDATED_AT: audit.UPDATED_AT, ROW_VER: 1, ...o,
});

export const socialRow = (o: Partial<LegacySocialHx> = {}): LegacySocialHx => ({
  SOC_ID: 95, PAT_ID: 12, VISIT_ID: 40, RECORDED_AT: '2024-03-01T09:10:00', SMOKING_STATUS: null, TOBACCO_PACK_YRS: null,
  SEX_ORIENTATION: null, PREGNANCY_STATUS: null, PREGNANCY_INTENT: null, OCCUPATION_TEXT: null, INDUSTRY_TEXT: null,
  DELETED_YN: 'N', ...audit, ...o,
});
