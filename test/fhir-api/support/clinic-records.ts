/**
 * Medications, immunizations, procedures, insurance and contacts of the test clinic (issue 8): Amy has a
 * prescription named by RxNorm, one naming an NDC product (a referenced Medication) with a fill, a
 * patient-reported medication, a given and a refused vaccine, a completed procedure, a coverage and a contact;
 * Cara (practice B) has a prescription and a contact, for confinement checks.
 */
import type { LegacyFactory } from './legacy-factory.js';

const AUDIT = { DELETED_YN: 'N', CREATED_AT: '2024-03-01T09:00:00', UPDATED_AT: '2024-03-01T09:00:00', ROW_VER: 1 };

export interface ClinicRecords {
  amyPrescription: number;
  amyProductPrescription: number;
  amyReportedMedication: number;
  amyFill: number;
  amyVaccine: number;
  amyRefusedVaccine: number;
  amyProcedure: number;
  amyCoverage: number;
  amyContact: number;
  caraPrescription: number;
  caraContact: number;
}

/** Seeds the records; `user` is the creating user (so the rows have a Provenance author). */
export async function seedClinicRecords(
  f: LegacyFactory,
  k: { amy: number; cara: number; amyVisit: number; provider: number; facility: number; payer: number; user: number },
): Promise<ClinicRecords> {
  const medication = (patId: number, over: Record<string, unknown>) =>
    f.insert('MEDICATION', {
      PAT_ID: patId, VISIT_ID: null, PRESCRIBER_ID: k.provider, RX_TYPE: 'P', RXNORM_CODE: '314076', NDC_CODE: null, DRUG_NAME: 'lisinopril 10 MG Oral Tablet',
      SIG_TEXT: 'Take 1 tablet by mouth once daily', DOSE_QTY: 10, DOSE_UNIT: 'mg', ROUTE_CODE: 'PO', FREQ_CODE: 'QD', PRN_YN: 'N', DISPENSE_QTY: 90,
      DISPENSE_UNIT: 'TAB', REFILLS: 3, DAYS_SUPPLY: 90, START_DATE: '2024-03-01', STATUS: 'A', REASON_ICD10: 'I10', ORDERED_AT: '2024-03-01T09:20:00',
      CREATED_BY: k.user, UPDATED_BY: k.user, ...AUDIT, ...over,
    });
  const amyPrescription = await medication(k.amy, { VISIT_ID: k.amyVisit });
  const amyProductPrescription = await medication(k.amy, {
    RXNORM_CODE: '860975', NDC_CODE: '00093-7267-01', DRUG_NAME: '24 HR metformin hydrochloride 500 MG Extended Release Oral Tablet', FREQ_CODE: 'BID', DOSE_QTY: 500,
  });
  const amyReportedMedication = await medication(k.amy, {
    RX_TYPE: 'R', PRESCRIBER_ID: null, RXNORM_CODE: '198440', DRUG_NAME: 'acetaminophen 500 MG Oral Tablet', ORDERED_AT: null, DISPENSE_QTY: null,
    DISPENSE_UNIT: null, REFILLS: null, DAYS_SUPPLY: null, FREQ_CODE: 'PRN', PRN_YN: 'Y', REASON_ICD10: null,
  });
  const amyFill = await f.insert('RX_FILL', {
    MED_ID: amyProductPrescription, PAT_ID: k.amy, FILL_DATE: '2024-03-01T17:30:00', QTY: 60, DAYS_SUPPLY: 30, PHARMACY_NAME: 'Harbor Pharmacy',
    FILL_STATUS: 'F', UPDATED_AT: '2024-03-01T17:30:00', ROW_VER: 1,
  });
  const immunization = (over: Record<string, unknown>) =>
    f.insert('IMMUNIZATION', {
      PAT_ID: k.amy, VISIT_ID: k.amyVisit, CVX_CODE: '140', NDC_CODE: '49281-0421-50', VACCINE_NAME: 'Influenza, seasonal, injectable, preservative free',
      ADMIN_DATE: '2024-03-01T09:40:00', STATUS: 'G', NOT_GIVEN_REASON: null, HISTORICAL_YN: 'N', LOT_NUMBER: 'UT1234', EXPIRATION_DATE: '2024-12-31',
      MVX_CODE: 'PMC', ROUTE_CODE: 'IM', SITE_CODE: 'LD', DOSE_ML: 0.5, ADMIN_PROV_ID: k.provider, FACILITY_ID: k.facility, CREATED_BY: k.user, UPDATED_BY: k.user,
      ...AUDIT, ...over,
    });
  const amyVaccine = await immunization({});
  const amyRefusedVaccine = await immunization({
    CVX_CODE: '208', NDC_CODE: null, VACCINE_NAME: 'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose', STATUS: 'R', NOT_GIVEN_REASON: 'PATOBJ', LOT_NUMBER: null,
    EXPIRATION_DATE: null, ROUTE_CODE: null, SITE_CODE: null, DOSE_ML: null, ADMIN_PROV_ID: null, ADMIN_DATE: '2024-03-01T09:45:00',
  });
  const amyProcedure = await f.insert('PROCEDURES', {
    PAT_ID: k.amy, VISIT_ID: k.amyVisit, PROV_ID: k.provider, CPT_CODE: '93000', HCPCS_CODE: null, SNOMED_CODE: '268400002', ICD10PCS_CODE: null,
    DESCRIPTION: 'Electrocardiogram, routine, with interpretation', PERFORMED_START: '2024-03-01T09:30:00', PERFORMED_END: '2024-03-01T09:45:00', STATUS: 'C',
    REASON_ICD10: 'I10', BODY_SITE_SNOMED: null, FACILITY_ID: k.facility, CREATED_BY: k.user, UPDATED_BY: k.user, ...AUDIT,
  });
  const amyCoverage = await f.insert('PAT_INSURANCE', {
    PAT_ID: k.amy, PAYER_ID: k.payer, PRIORITY: 1, MEMBER_ID: 'ACM000111', GROUP_NO: 'G-42', PLAN_NAME: 'Acme Gold PPO', SUBSCRIBER_REL: 'SELF',
    SUBSCRIBER_NAME: 'Amy Shaw', START_DATE: '2023-01-01', END_DATE: null, DELETED_YN: 'N', UPDATED_AT: AUDIT.UPDATED_AT, ROW_VER: 1,
  });
  const contact = (patId: number, over: Record<string, unknown>) =>
    f.insert('PAT_CONTACT', {
      PAT_ID: patId, RELATION_CODE: 'SPS', LAST_NAME: 'Shaw', FIRST_NAME: 'Sam', PHONE: '6175550199', EMAIL: null, IS_EMERGENCY_YN: 'Y', IS_GUARDIAN_YN: 'N',
      ACTIVE_YN: 'Y', UPDATED_AT: AUDIT.UPDATED_AT, ROW_VER: 1, ...over,
    });
  const amyContact = await contact(k.amy, {});
  const caraPrescription = await medication(k.cara, { RXNORM_CODE: '308182', DRUG_NAME: 'amoxicillin 250 MG Oral Capsule', REASON_ICD10: null });
  const caraContact = await contact(k.cara, { RELATION_CODE: 'MTH', FIRST_NAME: 'Carol', IS_GUARDIAN_YN: 'Y' });
  return { amyPrescription, amyProductPrescription, amyReportedMedication, amyFill, amyVaccine, amyRefusedVaccine, amyProcedure, amyCoverage, amyContact, caraPrescription, caraContact };
}
