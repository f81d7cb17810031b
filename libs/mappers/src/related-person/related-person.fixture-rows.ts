/** PAT_CONTACT rows for the registry suites (the base fixtures hold contact 30): a guardian mother with an address (31), an inactive friend (32). */
import { contactRow } from '../testing/fixtures.js';

export const FIXTURE_ROWS = {
  PAT_CONTACT: [
    contactRow({ CONTACT_ID: 31, PAT_ID: 14, RELATION_CODE: 'MTH', FIRST_NAME: 'Dana', IS_EMERGENCY_YN: 'N', IS_GUARDIAN_YN: 'Y', ADDR1: '5 Oak St', CITY: 'Boston', STATE: 'MA', ZIP: '02118' }),
    contactRow({ CONTACT_ID: 32, RELATION_CODE: 'FRND', LAST_NAME: 'Nguyen', FIRST_NAME: 'Linh', IS_EMERGENCY_YN: 'N', ACTIVE_YN: 'N', EMAIL: 'linh@mail.example' }),
  ],
};
