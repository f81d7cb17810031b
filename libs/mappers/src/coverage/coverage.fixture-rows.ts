/** PAT_INSURANCE rows for the registry suites: primary, patient is subscriber (150); ended secondary of a child (151); deleted (152). */
import { insuranceRow } from '../testing/medication-fixtures.js';

export const FIXTURE_ROWS = {
  PAT_INSURANCE: [
    insuranceRow(),
    insuranceRow({ INS_ID: 151, PAT_ID: 14, PRIORITY: 2, SUBSCRIBER_REL: 'CHILD', SUBSCRIBER_NAME: 'Pat Doe', END_DATE: '2024-06-30', GROUP_NO: null, PLAN_NAME: null }),
    insuranceRow({ INS_ID: 152, DELETED_YN: 'Y' }),
  ],
};
