/**
 * Explicit tables from the legacy EHR's local codes (libs/legacy-db/ddl/README.md) to the standard codes that
 * US Core 6.1.0 asks for. Anything not in a table is reported (see `lookupCode`), never guessed.
 */
import type { Coding } from './fhir-types.js';
import { SYSTEM } from './systems.js';

const snomed = (code: string, display: string): Coding => ({ system: SYSTEM.snomed, code, display });
const nullFlavor = (code: string, display: string): Coding => ({ system: SYSTEM.v3NullFlavor, code, display });

/** PATIENT.SEX -> Patient.gender. */
export const ADMINISTRATIVE_GENDER: Record<string, 'male' | 'female' | 'other' | 'unknown'> = {
  M: 'male',
  F: 'female',
  O: 'other',
  U: 'unknown',
};

/** PATIENT.BIRTH_SEX -> us-core-birthsex valueCode (NULL = not asked: the extension is left out). */
export const BIRTH_SEX: Record<string, string> = { M: 'M', F: 'F', U: 'UNK' };

/** PATIENT.GENDER_IDENTITY -> us-core-genderIdentity (6.1.0) valueCodeableConcept coding. */
export const GENDER_IDENTITY: Record<string, Coding> = {
  M: snomed('446151000124109', 'Identifies as male gender (finding)'),
  F: snomed('446141000124107', 'Identifies as female gender (finding)'),
  TM: snomed('407377005', 'Female-to-male transsexual (finding)'),
  TF: snomed('407376001', 'Male-to-female transsexual (finding)'),
  NB: snomed('33791000087105', 'Identifies as nonbinary gender (finding)'),
  OTH: nullFlavor('OTH', 'other'),
  ASKU: nullFlavor('ASKU', 'asked but unknown'),
};

/** PATIENT.MARITAL_STATUS -> Patient.maritalStatus (required-ish: extensible v3 MaritalStatus). */
export const MARITAL_STATUS: Record<string, Coding> = {
  S: { system: SYSTEM.v3MaritalStatus, code: 'S', display: 'Never Married' },
  M: { system: SYSTEM.v3MaritalStatus, code: 'M', display: 'Married' },
  D: { system: SYSTEM.v3MaritalStatus, code: 'D', display: 'Divorced' },
  W: { system: SYSTEM.v3MaritalStatus, code: 'W', display: 'Widowed' },
  L: { system: SYSTEM.v3MaritalStatus, code: 'L', display: 'Legally Separated' },
  U: nullFlavor('UNK', 'unknown'),
};

/** PAT_CONTACT.RELATION_CODE -> Patient.contact.relationship (v3 RoleCode personal relationships). */
export const CONTACT_RELATION: Record<string, Coding> = {
  MTH: { system: SYSTEM.v3RoleCode, code: 'MTH', display: 'mother' },
  FTH: { system: SYSTEM.v3RoleCode, code: 'FTH', display: 'father' },
  SPS: { system: SYSTEM.v3RoleCode, code: 'SPS', display: 'spouse' },
  DOMP: { system: SYSTEM.v3RoleCode, code: 'DOMPART', display: 'domestic partner' },
  CHILD: { system: SYSTEM.v3RoleCode, code: 'CHILD', display: 'child' },
  SIB: { system: SYSTEM.v3RoleCode, code: 'SIB', display: 'sibling' },
  GRD: { system: SYSTEM.v3RoleCode, code: 'GUARD', display: 'guardian' },
  EMC: { system: SYSTEM.v2ContactRole, code: 'C', display: 'Emergency Contact' },
  FRND: { system: SYSTEM.v3RoleCode, code: 'FRND', display: 'unrelated friend' },
  OTH: { system: SYSTEM.v2ContactRole, code: 'O', display: 'Other' },
};

/** FACILITY.FAC_TYPE -> Location.type (v3 ServiceDeliveryLocationRoleType); `text` always set. */
export const FACILITY_TYPE: Record<string, { coding?: Coding; text: string }> = {
  CLINIC: { coding: { system: SYSTEM.v3RoleCode, code: 'OF', display: 'Outpatient facility' }, text: 'Outpatient clinic' },
  HOSP: { coding: { system: SYSTEM.v3RoleCode, code: 'HOSP', display: 'Hospital' }, text: 'Hospital' },
  LAB: { coding: { system: SYSTEM.v3RoleCode, code: 'MBL', display: 'medical laboratory' }, text: 'Laboratory' },
  URGENT: { coding: { system: SYSTEM.v3RoleCode, code: 'OF', display: 'Outpatient facility' }, text: 'Urgent care' },
  // The v3 value set has no code for a virtual location: text only.
  TELE: { text: 'Virtual / telehealth location' },
};

/** PAYER.PAYER_TYPE -> Source of Payment Typology (Organization.type, next to organization-type `pay`). */
export const PAYER_TYPE: Record<string, Coding> = {
  COMM: { system: SYSTEM.payerType, code: '5', display: 'PRIVATE HEALTH INSURANCE' },
  MCARE: { system: SYSTEM.payerType, code: '1', display: 'MEDICARE' },
  MCAID: { system: SYSTEM.payerType, code: '2', display: 'MEDICAID' },
  SELF: { system: SYSTEM.payerType, code: '81', display: 'Self-pay' },
  OTHER: { system: SYSTEM.payerType, code: '9', display: 'MISCELLANEOUS/OTHER' },
};

/**
 * PROVIDER.CREDENTIAL -> Practitioner.qualification.code (v2-0360 degree/license) where one exists. CREDENTIAL is
 * an open list ("MD, DO, NP, PA, RN, ..."): others stay text-only, without a data-quality report.
 */
export const CREDENTIAL: Record<string, Coding> = {
  MD: { system: SYSTEM.v2Degree, code: 'MD', display: 'Doctor of Medicine' },
  DO: { system: SYSTEM.v2Degree, code: 'DO', display: 'Doctor of Osteopathy' },
  NP: { system: SYSTEM.v2Degree, code: 'NP', display: 'Nurse Practitioner' },
  PA: { system: SYSTEM.v2Degree, code: 'PA', display: 'Physician Assistant' },
  RN: { system: SYSTEM.v2Degree, code: 'RN', display: 'Registered Nurse' },
  CNM: { system: SYSTEM.v2Degree, code: 'CNM', display: 'Certified Nurse Midwife' },
  PHARMD: { system: SYSTEM.v2Degree, code: 'PharmD', display: 'Doctor of Pharmacy' },
  CNP: { system: SYSTEM.v2Degree, code: 'CNP', display: 'Certified Nurse Practitioner' },
  CNS: { system: SYSTEM.v2Degree, code: 'CNS', display: 'Certified Nurse Specialist' },
  RPH: { system: SYSTEM.v2Degree, code: 'RPH', display: 'Registered Pharmacist' },
  EMT: { system: SYSTEM.v2Degree, code: 'EMT', display: 'Emergency Medical Technician' },
  MSN: { system: SYSTEM.v2Degree, code: 'MSN', display: 'Master of Science - Nursing' },
  BSN: { system: SYSTEM.v2Degree, code: 'BSN', display: 'Bachelor of Science in Nursing' },
  PHD: { system: SYSTEM.v2Degree, code: 'PHD', display: 'Doctor of Philosophy' },
};

/** VISIT.VISIT_TYPE -> Encounter.class (v3 ActCode) and a local type text. */
export const VISIT_TYPE: Record<string, { class: Coding; text: string }> = {
  OV: { class: { system: SYSTEM.v3ActCode, code: 'AMB', display: 'ambulatory' }, text: 'Office visit' },
  WELL: { class: { system: SYSTEM.v3ActCode, code: 'AMB', display: 'ambulatory' }, text: 'Preventive / wellness visit' },
  NEWPT: { class: { system: SYSTEM.v3ActCode, code: 'AMB', display: 'ambulatory' }, text: 'New patient visit' },
  ER: { class: { system: SYSTEM.v3ActCode, code: 'EMER', display: 'emergency' }, text: 'Emergency department visit' },
  IP: { class: { system: SYSTEM.v3ActCode, code: 'IMP', display: 'inpatient encounter' }, text: 'Inpatient stay' },
  TEL: { class: { system: SYSTEM.v3ActCode, code: 'VR', display: 'virtual' }, text: 'Telehealth visit' },
  HH: { class: { system: SYSTEM.v3ActCode, code: 'HH', display: 'home health' }, text: 'Home visit' },
  PROC: { class: { system: SYSTEM.v3ActCode, code: 'AMB', display: 'ambulatory' }, text: 'Procedure visit' },
};

/** VISIT.VISIT_STATUS -> Encounter.status (required binding). */
export const VISIT_STATUS: Record<string, string> = {
  SCH: 'planned',
  ARR: 'arrived',
  INPR: 'in-progress',
  DONE: 'finished',
  CANC: 'cancelled',
  NOSHOW: 'cancelled',
};

/** VISIT.DISCH_DISPOSITION -> NUBC patient discharge status (us-core-discharge-disposition). */
export const DISCHARGE_DISPOSITION: Record<string, Coding> = {
  HOME: { system: 'http://www.nubc.org/patient-discharge', code: '01', display: 'Discharged to home or self care (routine discharge)' },
  SNF: { system: 'http://www.nubc.org/patient-discharge', code: '03', display: 'Discharged/transferred to skilled nursing facility (SNF) with Medicare certification' },
  EXP: { system: 'http://www.nubc.org/patient-discharge', code: '20', display: 'Expired' },
  AMA: { system: 'http://www.nubc.org/patient-discharge', code: '07', display: 'Left against medical advice or discontinued care' },
  OTH: { system: SYSTEM.dischargeDisposition, code: 'oth', display: 'Other' },
};

/** PROBLEM.STATUS -> Condition.clinicalStatus code. */
export const PROBLEM_STATUS: Record<string, string> = { A: 'active', I: 'inactive', R: 'resolved' };
/** PROBLEM.VERIFIED -> Condition.verificationStatus code. */
export const PROBLEM_VERIFIED: Record<string, string> = {
  C: 'confirmed',
  P: 'provisional',
  E: 'entered-in-error',
  R: 'refuted',
};

/** ALLERGY.ALLERGEN_TYPE -> AllergyIntolerance.category. */
export const ALLERGEN_CATEGORY: Record<string, string> = { D: 'medication', F: 'food', E: 'environment', B: 'biologic' };
/** ALLERGY.SEVERITY -> reaction.severity. */
export const REACTION_SEVERITY: Record<string, string> = { MILD: 'mild', MOD: 'moderate', SEV: 'severe' };
/** ALLERGY.CRITICALITY -> AllergyIntolerance.criticality. */
export const ALLERGY_CRITICALITY: Record<string, string> = { L: 'low', H: 'high', U: 'unable-to-assess' };
/** ALLERGY.STATUS -> clinicalStatus code. */
export const ALLERGY_STATUS: Record<string, string> = { A: 'active', I: 'inactive', R: 'resolved' };

/** VITALS.STATUS and SOCIAL_HX-derived observation status. */
export const VITALS_STATUS: Record<string, string> = { F: 'final', A: 'amended', E: 'entered-in-error' };
/** LAB_RESULT.STATUS -> Observation.status. */
export const LAB_RESULT_STATUS: Record<string, string> = { P: 'preliminary', F: 'final', C: 'corrected', X: 'cancelled' };
/** LAB_ORDER.STATUS -> DiagnosticReport.status. */
export const LAB_ORDER_STATUS: Record<string, string> = {
  O: 'registered',
  I: 'partial',
  P: 'preliminary',
  F: 'final',
  C: 'corrected',
  X: 'cancelled',
};

/** LAB_RESULT.ABN_FLAG -> v3 ObservationInterpretation. */
export const ABNORMAL_FLAG: Record<string, Coding> = {
  H: { system: SYSTEM.v3ObservationInterpretation, code: 'H', display: 'High' },
  L: { system: SYSTEM.v3ObservationInterpretation, code: 'L', display: 'Low' },
  HH: { system: SYSTEM.v3ObservationInterpretation, code: 'HH', display: 'Critical high' },
  LL: { system: SYSTEM.v3ObservationInterpretation, code: 'LL', display: 'Critical low' },
  A: { system: SYSTEM.v3ObservationInterpretation, code: 'A', display: 'Abnormal' },
  N: { system: SYSTEM.v3ObservationInterpretation, code: 'N', display: 'Normal' },
};

/** LAB_ORDER.SPECIMEN_TYPE -> specimen text (the Specimen resource is not served yet). */
export const SPECIMEN_TYPE: Record<string, string> = {
  BLD: 'Whole blood',
  SER: 'Serum',
  PLAS: 'Plasma',
  UR: 'Urine',
  SAL: 'Saliva',
  SWAB: 'Swab',
  CSF: 'Cerebrospinal fluid',
  TISS: 'Tissue',
};

/** SOCIAL_HX.SMOKING_STATUS -> SNOMED CT (Smoking Status value set 2.16.840.1.113883.11.20.9.38). */
export const SMOKING_STATUS: Record<string, Coding> = {
  CUR: snomed('449868002', 'Smokes tobacco daily (finding)'),
  CURS: snomed('428041000124106', 'Occasional tobacco smoker (finding)'),
  FMR: snomed('8517006', 'Ex-smoker (finding)'),
  NVR: snomed('266919005', 'Never smoked tobacco (finding)'),
  CURD: snomed('77176002', 'Smoker (finding)'),
  UNK: snomed('266927001', 'Tobacco smoking consumption unknown (finding)'),
  HVY: snomed('428071000124103', 'Heavy tobacco smoker (finding)'),
  LGT: snomed('428061000124105', 'Light tobacco smoker (finding)'),
};

/** SOCIAL_HX.SEX_ORIENTATION -> us-core-sexual-orientation value set. */
export const SEXUAL_ORIENTATION: Record<string, Coding> = {
  STR: snomed('20430005', 'Heterosexual (finding)'),
  GAY: snomed('38628009', 'Homosexual (finding)'),
  BI: snomed('42035005', 'Bisexual (finding)'),
  OTH: nullFlavor('OTH', 'Other'),
  UNK: nullFlavor('UNK', 'Unknown'),
  ASKU: nullFlavor('ASKU', 'Asked but no answer'),
};

/** SOCIAL_HX.PREGNANCY_STATUS -> us-core-pregnancy-status value set. */
export const PREGNANCY_STATUS: Record<string, Coding> = {
  Y: snomed('77386006', 'Pregnant (finding)'),
  N: snomed('60001007', 'Not pregnant (finding)'),
  U: nullFlavor('UNK', 'Unknown'),
};

/**
 * SOCIAL_HX.PREGNANCY_INTENT -> us-core-pregnancy-intent (VSAC Pregnancy Intention). Codes and preferred terms as
 * in the US Core concept table (454381000124105 is "not sure", as in US Core's own example).
 */
export const PREGNANCY_INTENT: Record<string, Coding> = {
  Y: snomed('454411000124108', 'Wants to become pregnant (finding)'),
  N: snomed('454401000124105', 'No desire to become pregnant (finding)'),
  A: snomed('454391000124108', 'Ambivalent about becoming pregnant (finding)'),
  U: snomed('454381000124105', 'Not sure of desire to become pregnant (finding)'),
};
