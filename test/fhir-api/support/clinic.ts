/**
 * A small two-practice clinic for the FHIR API suites: practice A with patients Amy and Bob, practice B with
 * Cara, each with visits, vitals, labs, social history, problems, allergies (Bob: no known allergies).
 */
import { seedClinicRecords, type ClinicRecords } from './clinic-records.js';
import type { LegacyFactory } from './legacy-factory.js';

export interface Clinic {
  practiceA: number;
  practiceB: number;
  provider: number;
  facility: number;
  payer: number;
  user: number;
  amy: number;
  bob: number;
  cara: number;
  amyVisit: number;
  amyVitals: number;
  amyOrder: number;
  amyLab: number;
  amyLab2: number;
  amySocial: number;
  amyProblem: number;
  amyDiagnosis: number;
  amyAllergy: number;
  bobAllergy: number;
  caraLab: number;
  caraVitals: number;
  /** Medications, immunizations, procedures, coverage and contacts (issue 8). */
  records: ClinicRecords;
}

/** Seeds the clinic and returns its keys. */
export async function seedClinic(f: LegacyFactory): Promise<Clinic> {
  const practiceA = await f.practice({ PRACTICE_NAME: 'Riverside Family Practice', ADDR1: '12 River Rd', CITY: 'Boston', STATE: 'MA', ZIP: '02110' });
  const practiceB = await f.practice({ PRACTICE_NAME: 'Hilltop Pediatrics' });
  const facility = await f.facility(practiceA);
  const provider = await f.provider(practiceA, { FACILITY_ID: facility });
  const payer = await f.payer();
  const user = await f.user(practiceA, provider);
  const amy = await f.patient(practiceA, { LAST_NAME: 'Shaw', FIRST_NAME: 'Amy', DOB: '1987-02-20', SEX: 'F', PCP_PROV_ID: provider, CREATED_BY: user });
  const bob = await f.patient(practiceA, { LAST_NAME: 'Baker', FIRST_NAME: 'Bob', DOB: '1960-11-02', SEX: 'M', SSN: '123-45-6789' });
  const cara = await f.patient(practiceB, { LAST_NAME: 'Shaw', FIRST_NAME: 'Cara', DOB: '2015-06-01', SEX: 'F' });
  await f.race(amy, '2106-3');
  const amyVisit = await f.visit(amy, { PROV_ID: provider, FACILITY_ID: facility, REASON_ICD10: 'E119', CREATED_BY: user, UPDATED_BY: user });
  const amyVitals = await f.vitals(amy, { VISIT_ID: amyVisit, CREATED_BY: user });
  const amyOrder = await f.labOrder(amy, { VISIT_ID: amyVisit, ORDERING_PROV_ID: provider, CREATED_BY: user });
  const amyLab = await f.labResult(amyOrder, amy);
  const amyLab2 = await f.labResult(amyOrder, amy, { SEQ: 2, LOINC_CODE: '4548-4', LOCAL_CODE: 'A1C', TEST_NAME: 'Hemoglobin A1c', VALUE_TEXT: '>=9.0', UNITS: '%', REF_RANGE: '<5.7', ABN_FLAG: 'H' });
  const amySocial = await f.socialHx(amy, { VISIT_ID: amyVisit, SMOKING_STATUS: 'FMR', OCCUPATION_TEXT: 'Teacher', INDUSTRY_TEXT: 'Education' });
  const amyProblem = await f.problem(amy, { CREATED_BY: user });
  const amyDiagnosis = await f.problem(amy, { PROB_TYPE: 'D', VISIT_ID: amyVisit, ICD10_CODE: 'I10', SNOMED_CODE: '38341003', DESCRIPTION: 'Hypertension', ONSET_DATE: '2024-01-10' });
  const amyAllergy = await f.allergy(amy);
  const bobAllergy = await f.allergy(bob, { NKA_YN: 'Y', ALLERGEN_TYPE: null, ALLERGEN_NAME: null, RXNORM_CODE: null, REACTION_TEXT: null, REACTION_SNOMED: null, SEVERITY: null });
  const caraOrder = await f.labOrder(cara);
  const caraLab = await f.labResult(caraOrder, cara);
  const caraVitals = await f.vitals(cara, { HEIGHT_IN: 40, WEIGHT_LB: 40, BP_SYSTOLIC: null, BP_DIASTOLIC: null });
  const records = await seedClinicRecords(f, { amy, cara, amyVisit, provider, facility, payer, user });
  return { practiceA, practiceB, provider, facility, payer, user, amy, bob, cara, amyVisit, amyVitals, amyOrder, amyLab, amyLab2, amySocial, amyProblem, amyDiagnosis, amyAllergy, bobAllergy, caraLab, caraVitals, records };
}
