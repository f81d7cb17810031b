// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `PAYER` table (exact column names). */
export interface LegacyPayer {
  PAYER_ID: number;
  PAYER_NAME: string;
  PAYER_CODE: string | null;
  PAYER_TYPE: string | null;
  PHONE: string | null;
  ADDR1: string | null;
  CITY: string | null;
  STATE: string | null;
  ZIP: string | null;
  ACTIVE_YN: string;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  ROW_VER: number;
}

export const PayerTable = defineLegacyTable<LegacyPayer>('PAYER', ['PAYER_ID'], {
  PAYER_ID: col.int(false, { identity: true }),
  PAYER_NAME: col.nvarchar(120, false),
  PAYER_CODE: col.varchar(20, true),
  PAYER_TYPE: col.varchar(8, true),
  PHONE: col.varchar(20, true),
  ADDR1: col.nvarchar(100, true),
  CITY: col.nvarchar(60, true),
  STATE: col.char(2, true),
  ZIP: col.varchar(10, true),
  ACTIVE_YN: col.char(1, false, { defaultValue: "Y" }),
  UPDATED_AT: col.datetime(false),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
