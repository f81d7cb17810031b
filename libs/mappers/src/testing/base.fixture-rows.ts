/**
 * Legacy fixture rows of the types served before the registry redesign (one row or a few per quirk). A new type
 * puts its rows in its own mapper folder (`<folder>/<name>.fixture-rows.ts`, same export); the registry-driven
 * suites (apps/fhir-api `registry-rows.spec.ts`) find every such file, insert all rows (tables in DDL order) and
 * fail when a registered profile gets no resource from them.
 */
import * as f from './fixtures.js';

/** Rows by table; keys are explicit so other fixture files can refer to them (PAT_ID 12, VISIT_ID 40 ...). */
export const FIXTURE_ROWS: Readonly<Record<string, readonly object[]>> = {
  PRACTICE: [f.practiceRow()],
  PAYER: [f.payerRow()],
  FACILITY: [f.facilityRow()],
  PROVIDER: [f.providerRow(), f.providerRow({ PROV_ID: 6, NPI: null, CREDENTIAL: 'NP', TAXONOMY_CODE: '363L00000X', SPECIALTY_DESC: 'Nurse Practitioner' })],
  USERS: [f.userRow(), f.userRow({ USER_ID: 8, PROV_ID: null, ROLE_CODE: 'NURSE', LOGIN_NAME: 'nurse1' })],
  PATIENT: [
    f.patientRow(),
    f.patientRow({ PAT_ID: 13, MRN: 'MRN000013', MERGED_INTO_PAT_ID: 12, CREATED_BY: 8, UPDATED_BY: null }),
    f.patientRow({ PAT_ID: 14, MRN: 'MRN000014', DECEASED_YN: 'Y', DECEASED_DATE: '2024-03-10T02:30:00', GENDER_IDENTITY: 'NB', BIRTH_SEX: null }),
  ],
  PATIENT_RACE: [{ PAT_ID: 12, RACE_CODE: '2106-3', SEQ: 1 }, { PAT_ID: 12, RACE_CODE: '2028-9', SEQ: 2 }, { PAT_ID: 14, RACE_CODE: 'ASKU', SEQ: 1 }],
  PAT_CONTACT: [f.contactRow()],
  VISIT: [f.visitRow(), f.visitRow({ VISIT_ID: 41, VISIT_TYPE: 'IP', DISCH_DISPOSITION: 'HOME', END_DT: '2024-03-04T10:00:00' }), f.visitRow({ VISIT_ID: 42, DELETED_YN: 'Y' })],
  PROBLEM: [f.problemRow(), f.problemRow({ PROB_ID: 51, PROB_TYPE: 'D', VISIT_ID: 40 }), f.problemRow({ PROB_ID: 52, VERIFIED: 'E' })],
  ALLERGY: [f.allergyRow(), f.allergyRow({ ALLERGY_ID: 61, PAT_ID: 14, NKA_YN: 'Y', ALLERGEN_TYPE: null, ALLERGEN_NAME: null, RXNORM_CODE: null, REACTION_TEXT: null, REACTION_SNOMED: null, SEVERITY: null, CRITICALITY: null })],
  VITALS: [
    f.vitalsRow({ HEIGHT_IN: 65.25, WEIGHT_LB: 154.3, BMI: 25.48, BP_SYSTOLIC: 128, BP_DIASTOLIC: 82, PULSE: 72, RESP_RATE: 16, TEMP_F: 98.6, SPO2: 96, O2_FLOW_LPM: 2 }),
    f.vitalsRow({ VITAL_ID: 71, PAT_ID: 14, HEAD_CIRC_CM: 44.5, BMI_PCTL: 50, WFL_PCTL: 45.5, HC_PCTL: 60 }),
  ],
  LAB_ORDER: [f.labOrderRow()],
  LAB_RESULT: [f.labResultRow(), f.labResultRow({ RESULT_ID: 91, SEQ: 2, VALUE_TEXT: '<0.5', LOINC_CODE: null, LOCAL_CODE: 'X1', REF_RANGE: '<1.0' }), f.labResultRow({ RESULT_ID: 92, SEQ: 3, VALUE_TEXT: 'Not detected', UNITS: null, REF_RANGE: 'Not detected' })],
  SOCIAL_HX: [f.socialRow({ SMOKING_STATUS: 'FMR', SEX_ORIENTATION: 'BI', PREGNANCY_STATUS: 'N', PREGNANCY_INTENT: 'U', OCCUPATION_TEXT: 'Teacher', INDUSTRY_TEXT: 'Education', TOBACCO_PACK_YRS: 10.5 })],
};
