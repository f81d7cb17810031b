// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `PRACTICE` table (exact column names). */
export interface LegacyPractice {
  PRACTICE_ID: number;
  PRACTICE_NAME: string;
  NPI: string | null;
  TAX_ID: string | null;
  ADDR1: string | null;
  ADDR2: string | null;
  CITY: string | null;
  STATE: string | null;
  ZIP: string | null;
  PHONE: string | null;
  FAX: string | null;
  EMAIL: string | null;
  ACTIVE_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  ROW_VER: number;
}

export const PracticeTable = defineLegacyTable<LegacyPractice>('PRACTICE', ['PRACTICE_ID'], {
  PRACTICE_ID: col.int(false, { identity: true }),
  PRACTICE_NAME: col.nvarchar(120, false),
  NPI: col.char(10, true),
  TAX_ID: col.varchar(12, true),
  ADDR1: col.nvarchar(100, true),
  ADDR2: col.nvarchar(100, true),
  CITY: col.nvarchar(60, true),
  STATE: col.char(2, true),
  ZIP: col.varchar(10, true),
  PHONE: col.varchar(20, true),
  FAX: col.varchar(20, true),
  EMAIL: col.varchar(120, true),
  ACTIVE_YN: col.char(1, false, { defaultValue: "Y" }),
  CREATED_AT: col.datetime(false),
  UPDATED_AT: col.datetime(false),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
