// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `PAT_CONTACT` table (exact column names). */
export interface LegacyPatContact {
  CONTACT_ID: number;
  PAT_ID: number;
  RELATION_CODE: string;
  LAST_NAME: string;
  FIRST_NAME: string | null;
  PHONE: string | null;
  EMAIL: string | null;
  ADDR1: string | null;
  CITY: string | null;
  STATE: string | null;
  ZIP: string | null;
  IS_EMERGENCY_YN: string;
  IS_GUARDIAN_YN: string;
  ACTIVE_YN: string;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  ROW_VER: number;
}

export const PatContactTable = defineLegacyTable<LegacyPatContact>('PAT_CONTACT', ['CONTACT_ID'], {
  CONTACT_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  RELATION_CODE: col.varchar(8, false),
  LAST_NAME: col.nvarchar(60, false),
  FIRST_NAME: col.nvarchar(60, true),
  PHONE: col.varchar(20, true),
  EMAIL: col.varchar(120, true),
  ADDR1: col.nvarchar(100, true),
  CITY: col.nvarchar(60, true),
  STATE: col.char(2, true),
  ZIP: col.varchar(10, true),
  IS_EMERGENCY_YN: col.char(1, false, { defaultValue: "N" }),
  IS_GUARDIAN_YN: col.char(1, false, { defaultValue: "N" }),
  ACTIVE_YN: col.char(1, false, { defaultValue: "Y" }),
  UPDATED_AT: col.datetime(false),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
