/** RX_FILL rows for the registry suites: filled (120), partial (121), not filled (122), returned to stock (123). */
import { rxFillRow } from '../testing/medication-fixtures.js';

export const FIXTURE_ROWS = {
  RX_FILL: [
    rxFillRow(),
    rxFillRow({ FILL_ID: 121, MED_ID: 111, FILL_STATUS: 'P', QTY: 45 }),
    rxFillRow({ FILL_ID: 122, FILL_STATUS: 'N', QTY: null, DAYS_SUPPLY: null, FILL_DATE: '2024-04-01T10:00:00', UPDATED_AT: '2024-04-01T10:00:00' }),
    rxFillRow({ FILL_ID: 123, MED_ID: 111, FILL_STATUS: 'R', PHARMACY_NAME: null, UPDATED_AT: '2024-03-15T21:00:00', ROW_VER: 2 }),
  ],
};
