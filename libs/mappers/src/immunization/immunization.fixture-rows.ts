/**
 * IMMUNIZATION rows for the registry suites: given here with an NDC (130), refused (131), not given out of stock
 * (132), historical (133), entered in error (134), deleted (135).
 */
import { immunizationRow } from '../testing/medication-fixtures.js';

const notGiven = { LOT_NUMBER: null, EXPIRATION_DATE: null, SITE_CODE: null, ROUTE_CODE: null, DOSE_ML: null, ADMIN_PROV_ID: null };

export const FIXTURE_ROWS = {
  IMMUNIZATION: [
    immunizationRow({ NDC_CODE: '49281-0421-50' }),
    immunizationRow({ IMM_ID: 131, CVX_CODE: '208', VACCINE_NAME: 'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose', STATUS: 'R', NOT_GIVEN_REASON: 'PATOBJ', ...notGiven }),
    immunizationRow({ IMM_ID: 132, STATUS: 'N', NOT_GIVEN_REASON: 'OOSTOCK', ...notGiven }),
    immunizationRow({ IMM_ID: 133, PAT_ID: 14, VISIT_ID: null, CVX_CODE: '08', VACCINE_NAME: 'Hep B, adolescent or pediatric', ADMIN_DATE: '2020-01-15T00:00:00', HISTORICAL_YN: 'Y', FACILITY_ID: null, MVX_CODE: null, ...notGiven }),
    immunizationRow({ IMM_ID: 134, STATUS: 'E', ROUTE_CODE: 'SC', SITE_CODE: 'RT' }),
    immunizationRow({ IMM_ID: 135, DELETED_YN: 'Y' }),
  ],
};
