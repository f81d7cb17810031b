/**
 * Legacy rows of the order types for the registry-driven suites: imaging, cardiology and pathology orders with
 * their results (report-and-note DiagnosticReports, clinical-result Observations, ServiceRequests, a tissue
 * Specimen) and referrals (consultation, SDOH without codes). The base fixtures' LAB order 80 has a serum specimen.
 */
import { labOrderRow, labResultRow } from '../testing/fixtures.js';
import { referralRow } from './referral.fixtures.js';

const noSpecimen = { SPECIMEN_TYPE: null, SPECIMEN_ID: null };

export const FIXTURE_ROWS: Readonly<Record<string, readonly object[]>> = {
  LAB_ORDER: [
    labOrderRow({ ORDER_ID: 81, ORDER_CATEGORY: 'RAD', PANEL_LOINC: '36643-5', PANEL_CPT: '71046', PANEL_NAME: 'XR Chest 2 Views', PERFORMING_LAB: 'Harbor Imaging Center', REPORT_TEXT: 'EXAM: Chest, PA and lateral.\nIMPRESSION: No acute process.', ...noSpecimen }),
    labOrderRow({ ORDER_ID: 82, ORDER_CATEGORY: 'CARD', PANEL_LOINC: '11524-6', PANEL_CPT: '93000', PANEL_NAME: 'EKG study', STATUS: 'P', COLLECTED_AT: null, ...noSpecimen }),
    labOrderRow({ ORDER_ID: 83, ORDER_CATEGORY: 'PATH', PANEL_LOINC: '60567-5', PANEL_CPT: '88305', PANEL_NAME: 'Surgical pathology, skin biopsy', SPECIMEN_TYPE: 'TISS', SPECIMEN_ID: 'P24-0001', PRIORITY: 'S', REPORT_TEXT: 'GROSS: skin shave.' }),
    labOrderRow({ ORDER_ID: 84, ORDER_CATEGORY: 'RAD', STATUS: 'O', COLLECTED_AT: null, RESULTED_AT: null, PANEL_LOINC: '30799-1', PANEL_CPT: '70450', PANEL_NAME: 'CT Head WO contrast', ...noSpecimen }),
  ],
  LAB_RESULT: [
    labResultRow({ RESULT_ID: 95, ORDER_ID: 81, LOINC_CODE: '19005-8', LOCAL_CODE: 'CXRIMP', TEST_NAME: 'Radiology Imaging study [Impression] (narrative)', VALUE_TEXT: 'No acute process.', UNITS: null, REF_RANGE: null, ABN_FLAG: null }),
    labResultRow({ RESULT_ID: 96, ORDER_ID: 82, LOINC_CODE: '8867-4', LOCAL_CODE: 'ECGHR', TEST_NAME: 'Heart rate', VALUE_TEXT: '112', UNITS: '/min', REF_RANGE: '60-100', ABN_FLAG: 'H', STATUS: 'P' }),
    labResultRow({ RESULT_ID: 97, ORDER_ID: 83, LOINC_CODE: '22637-3', LOCAL_CODE: 'PATHDX', TEST_NAME: 'Pathology report final diagnosis Narrative', VALUE_TEXT: 'Seborrheic keratosis', UNITS: null, REF_RANGE: null, ABN_FLAG: null }),
  ],
  REFERRAL: [
    referralRow(),
    referralRow({ REF_ID: 131, REF_CATEGORY: 'SDOH', SNOMED_CODE: null, DESCRIPTION: 'Referral to community food pantry program', REASON_ICD10: null, REFER_TO_NAME: null, STATUS: 'C', PRIORITY: 'A' }),
    referralRow({ REF_ID: 132, REF_CATEGORY: 'THERAPY', SNOMED_CODE: null, CPT_CODE: '97161', DESCRIPTION: 'Physical therapy evaluation', DELETED_YN: 'Y' }),
  ],
};
