/**
 * Extra victim data on top of the shared two-practice clinic (test/fhir-api/support/clinic.ts): Cara (practice B)
 * and Bob (practice A) get a row of every clinical table; a practice-A chart merged (replaced-by) into Cara's
 * chart and a duplicate of Amy's chart merged into Amy's, so following merge links can be attacked.
 */
import type { Clinic } from '../../fhir-api/support/clinic.js';
import type { LegacyFactory } from '../../fhir-api/support/legacy-factory.js';

/** Keys of the victims' rows. */
export interface Victims {
  caraVisit: number;
  caraProblem: number;
  caraDiagnosis: number;
  caraAllergy: number;
  caraSocial: number;
  caraOrder: number;
  bobVisit: number;
  bobVitals: number;
  bobOrder: number;
  bobLab: number;
  bobSocial: number;
  bobProblem: number;
  /** A chart of practice A merged into Cara's chart (practice B). */
  mergedIntoCara: number;
  /** A chart of practice A into which Amy's old duplicate chart was merged (Amy's duplicate). */
  amyDuplicate: number;
  /** A practice-B provider and facility. */
  providerB: number;
  facilityB: number;
}

/** Seeds the victims' rows. */
export async function seedVictims(f: LegacyFactory, c: Clinic): Promise<Victims> {
  const caraVisit = await f.visit(c.cara, { REASON_ICD10: 'J069' });
  const caraProblem = await f.problem(c.cara, { DESCRIPTION: 'Asthma', ICD10_CODE: 'J45909', SNOMED_CODE: '195967001' });
  const caraDiagnosis = await f.problem(c.cara, { PROB_TYPE: 'D', VISIT_ID: caraVisit, ICD10_CODE: 'J069', SNOMED_CODE: '54150009', DESCRIPTION: 'URI' });
  const caraAllergy = await f.allergy(c.cara, { ALLERGEN_NAME: 'Peanut', ALLERGEN_TYPE: 'F', RXNORM_CODE: null });
  const caraSocial = await f.socialHx(c.cara, { VISIT_ID: caraVisit, SMOKING_STATUS: 'NVR', OCCUPATION_TEXT: 'Student', INDUSTRY_TEXT: 'School' });
  const caraOrder = await f.labOrder(c.cara, { VISIT_ID: caraVisit });
  const bobVisit = await f.visit(c.bob);
  const bobVitals = await f.vitals(c.bob, { VISIT_ID: bobVisit });
  const bobOrder = await f.labOrder(c.bob, { VISIT_ID: bobVisit });
  const bobLab = await f.labResult(bobOrder, c.bob, { VALUE_TEXT: '250' });
  const bobSocial = await f.socialHx(c.bob, { VISIT_ID: bobVisit, SMOKING_STATUS: 'CUR' });
  const bobProblem = await f.problem(c.bob, { DESCRIPTION: 'HIV disease', ICD10_CODE: 'B20', SNOMED_CODE: '86406008' });
  const mergedIntoCara = await f.patient(c.practiceA, { LAST_NAME: 'Shaw', FIRST_NAME: 'Cara', MERGED_INTO_PAT_ID: c.cara, INACTIVE_YN: 'Y' });
  const amyDuplicate = await f.patient(c.practiceA, { LAST_NAME: 'Shaw', FIRST_NAME: 'Amy', MERGED_INTO_PAT_ID: c.amy, INACTIVE_YN: 'Y' });
  await f.problem(amyDuplicate, { DESCRIPTION: 'Duplicate chart problem' });
  const facilityB = await f.facility(c.practiceB);
  const providerB = await f.provider(c.practiceB, { FACILITY_ID: facilityB, LAST_NAME: 'Bravo', NPI: '1245319599' });
  return { caraVisit, caraProblem, caraDiagnosis, caraAllergy, caraSocial, caraOrder, bobVisit, bobVitals, bobOrder, bobLab, bobSocial, bobProblem, mergedIntoCara, amyDuplicate, providerB, facilityB };
}
