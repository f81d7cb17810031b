// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `RX_FILL` table (exact column names). */
export interface LegacyRxFill {
  FILL_ID: number;
  MED_ID: number;
  PAT_ID: number;
  FILL_DATE: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  QTY: number | null;
  DAYS_SUPPLY: number | null;
  PHARMACY_NAME: string | null;
  FILL_STATUS: string;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  ROW_VER: number;
}

export const RxFillTable = defineLegacyTable<LegacyRxFill>('RX_FILL', ['FILL_ID'], {
  FILL_ID: col.int(false, { identity: true }),
  MED_ID: col.int(false),
  PAT_ID: col.int(false),
  FILL_DATE: col.datetime(false),
  QTY: col.decimal(10, 2, true),
  DAYS_SUPPLY: col.int(true),
  PHARMACY_NAME: col.nvarchar(120, true),
  FILL_STATUS: col.char(1, false),
  UPDATED_AT: col.datetime(false),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
