/**
 * MEDICATION rows for the registry suites: a prescription by RxNorm (110), one naming an NDC product (111, a
 * Medication), a patient-reported medication (112), a stopped as-needed inhaler (113), a deleted row (114).
 */
import { medicationRow } from '../testing/medication-fixtures.js';

export const FIXTURE_ROWS = {
  MEDICATION: [
    medicationRow(),
    medicationRow({ MED_ID: 111, VISIT_ID: null, RXNORM_CODE: '314076', NDC_CODE: '68180-0513-01', DRUG_NAME: 'lisinopril 10 MG Oral Tablet', FREQ_CODE: 'QD', DOSE_QTY: 10, REASON_ICD10: 'I10' }),
    medicationRow({
      MED_ID: 112, RX_TYPE: 'R', PRESCRIBER_ID: null, VISIT_ID: null, RXNORM_CODE: '198440', DRUG_NAME: 'acetaminophen 500 MG Oral Tablet', ORDERED_AT: null,
      FREQ_CODE: 'PRN', PRN_YN: 'Y', DISPENSE_QTY: null, DISPENSE_UNIT: null, REFILLS: null, DAYS_SUPPLY: null, REASON_ICD10: null, CREATED_BY: 8,
    }),
    medicationRow({ MED_ID: 113, PAT_ID: 14, VISIT_ID: null, RXNORM_CODE: '745679', DRUG_NAME: 'albuterol inhaler', ROUTE_CODE: 'INH', FREQ_CODE: 'Q4H', PRN_YN: 'Y', DOSE_QTY: 2, DOSE_UNIT: 'PUFF', STATUS: 'D', END_DATE: '2024-05-01' }),
    medicationRow({ MED_ID: 114, DELETED_YN: 'Y' }),
  ],
};
