/**
 * Legacy row fixtures of the medication, immunization, procedure, coverage and related-person mappers: a complete,
 * plausible row per table; each test overrides the columns of the quirk it covers. Names and numbers are invented.
 */
import type {
  LegacyImmunization,
  LegacyMedication,
  LegacyPatInsurance,
  LegacyPortalAccount,
  LegacyPortalProxy,
  LegacyProcedures,
  LegacyRxFill,
} from '#facade/legacy-db';

const audit = { CREATED_AT: '2024-03-01T09:15:00', CREATED_BY: 7, UPDATED_AT: '2024-03-02T16:40:00', UPDATED_BY: 7, ROW_VER: 3 };

export const medicationRow = (o: Partial<LegacyMedication> = {}): LegacyMedication => ({
  MED_ID: 110, PAT_ID: 12, VISIT_ID: 40, PRESCRIBER_ID: 5, RX_TYPE: 'P', RXNORM_CODE: '860975', NDC_CODE: null,
  DRUG_NAME: 'Metformin hydrochloride 500 MG Oral Tablet', SIG_TEXT: 'Take 1 tablet by mouth twice daily with meals',
  DOSE_QTY: 500, DOSE_UNIT: 'mg', ROUTE_CODE: 'PO', FREQ_CODE: 'BID', PRN_YN: 'N', DISPENSE_QTY: 60, DISPENSE_UNIT: 'TAB',
  REFILLS: 3, DAYS_SUPPLY: 30, START_DATE: '2024-03-01', END_DATE: null, STATUS: 'A', REASON_ICD10: 'E119',
  ORDERED_AT: '2024-03-01T09:20:00', DELETED_YN: 'N', ...audit, ...o,
});

export const rxFillRow = (o: Partial<LegacyRxFill> = {}): LegacyRxFill => ({
  FILL_ID: 120, MED_ID: 110, PAT_ID: 12, FILL_DATE: '2024-03-01T17:45:00', QTY: 60, DAYS_SUPPLY: 30,
  PHARMACY_NAME: 'Harbor Pharmacy', FILL_STATUS: 'F', UPDATED_AT: '2024-03-01T17:45:00', ROW_VER: 1, ...o,
});

export const immunizationRow = (o: Partial<LegacyImmunization> = {}): LegacyImmunization => ({
  IMM_ID: 130, PAT_ID: 12, VISIT_ID: 40, CVX_CODE: '140', NDC_CODE: null,
  VACCINE_NAME: 'Influenza, seasonal, injectable, preservative free', ADMIN_DATE: '2024-03-01T09:40:00', STATUS: 'G',
  NOT_GIVEN_REASON: null, HISTORICAL_YN: 'N', LOT_NUMBER: 'AB1234', EXPIRATION_DATE: '2024-12-31', MVX_CODE: 'SKB',
  ROUTE_CODE: 'IM', SITE_CODE: 'LD', DOSE_ML: 0.5, ADMIN_PROV_ID: 5, FACILITY_ID: 3, DELETED_YN: 'N', ...audit, ...o,
});

export const procedureRow = (o: Partial<LegacyProcedures> = {}): LegacyProcedures => ({
  PROC_ID: 140, PAT_ID: 12, VISIT_ID: 40, PROV_ID: 5, CPT_CODE: '45378', HCPCS_CODE: null, SNOMED_CODE: '73761001',
  ICD10PCS_CODE: null, DESCRIPTION: 'Colonoscopy', PERFORMED_START: '2024-03-01T10:00:00', PERFORMED_END: '2024-03-01T10:45:00',
  STATUS: 'C', REASON_ICD10: 'Z1211', BODY_SITE_SNOMED: null, FACILITY_ID: 3, DELETED_YN: 'N', ...audit, ...o,
});

export const insuranceRow = (o: Partial<LegacyPatInsurance> = {}): LegacyPatInsurance => ({
  INS_ID: 150, PAT_ID: 12, PAYER_ID: 4, PRIORITY: 1, MEMBER_ID: 'XJH123456789', GROUP_NO: 'GRP-7781', PLAN_NAME: 'Bay State PPO Gold',
  SUBSCRIBER_REL: 'SELF', SUBSCRIBER_NAME: 'Maria Rivera', START_DATE: '2023-01-01', END_DATE: null, DELETED_YN: 'N',
  UPDATED_AT: audit.UPDATED_AT, ROW_VER: 2, ...o,
});

export const portalAccountRow = (o: Partial<LegacyPortalAccount> = {}): LegacyPortalAccount => ({
  PORTAL_ID: 160, USERNAME: 'jrivera', PWD_HASH: 'x', PWD_SALT: null, PWD_ALGO: 'PBKDF2', PAT_ID: 13, EMAIL: 'jose.rivera@mail.example',
  ACTIVE_YN: 'Y', LOCKED_YN: 'N', FAILED_LOGINS: 0, LAST_LOGIN_AT: null, CREATED_AT: audit.CREATED_AT, UPDATED_AT: audit.UPDATED_AT,
  ROW_VER: 1, ...o,
});

export const portalProxyRow = (o: Partial<LegacyPortalProxy> = {}): LegacyPortalProxy => ({
  PORTAL_ID: 160, PAT_ID: 12, RELATION_CODE: 'SPS', START_DATE: '2023-05-01', END_DATE: null, ...o,
});
