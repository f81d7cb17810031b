/**
 * PROCEDURES rows for the registry suites: completed with a period (140), HCPCS + ICD-10-PCS in progress (141),
 * not done (142), scheduled (143), entered in error (144).
 */
import { procedureRow } from '../testing/medication-fixtures.js';

export const FIXTURE_ROWS = {
  PROCEDURES: [
    procedureRow(),
    procedureRow({ PROC_ID: 141, CPT_CODE: null, SNOMED_CODE: null, HCPCS_CODE: 'G0438', ICD10PCS_CODE: '0JH60DZ', DESCRIPTION: 'Annual wellness visit', STATUS: 'I', PERFORMED_END: null, BODY_SITE_SNOMED: '51185008' }),
    procedureRow({ PROC_ID: 142, STATUS: 'N' }),
    procedureRow({ PROC_ID: 143, PAT_ID: 14, VISIT_ID: null, STATUS: 'S', PERFORMED_START: '2024-06-01T08:00:00', PERFORMED_END: null, FACILITY_ID: null }),
    procedureRow({ PROC_ID: 144, STATUS: 'E', CREATED_BY: 8, UPDATED_BY: 7 }),
  ],
};
