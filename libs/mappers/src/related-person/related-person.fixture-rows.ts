/**
 * PAT_CONTACT rows for the registry suites (the base fixtures hold contact 30): a guardian mother with an address
 * (31), an inactive friend (32). Portal proxies: account 160 (held by patient 13) acts for patient 12 as spouse and
 * for patient 14 with an ended grant; account 161 (held by 14, disabled) for patient 12 as legal guardian.
 */
import { contactRow } from '../testing/fixtures.js';
import { portalAccountRow, portalProxyRow } from '../testing/medication-fixtures.js';

export const FIXTURE_ROWS = {
  PAT_CONTACT: [
    contactRow({ CONTACT_ID: 31, PAT_ID: 14, RELATION_CODE: 'MTH', FIRST_NAME: 'Dana', IS_EMERGENCY_YN: 'N', IS_GUARDIAN_YN: 'Y', ADDR1: '5 Oak St', CITY: 'Boston', STATE: 'MA', ZIP: '02118' }),
    contactRow({ CONTACT_ID: 32, RELATION_CODE: 'FRND', LAST_NAME: 'Nguyen', FIRST_NAME: 'Linh', IS_EMERGENCY_YN: 'N', ACTIVE_YN: 'N', EMAIL: 'linh@mail.example' }),
  ],
  PORTAL_ACCOUNT: [
    portalAccountRow(),
    portalAccountRow({ PORTAL_ID: 161, USERNAME: 'guardian14', PAT_ID: 14, EMAIL: null, ACTIVE_YN: 'N', ROW_VER: 3 }),
  ],
  PORTAL_PROXY: [
    portalProxyRow(),
    portalProxyRow({ PAT_ID: 14, RELATION_CODE: 'FTH', START_DATE: '2020-02-01', END_DATE: '2024-01-31' }),
    portalProxyRow({ PORTAL_ID: 161, RELATION_CODE: 'GRD', START_DATE: '2022-07-15' }),
  ],
};
