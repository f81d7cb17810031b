// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `FACILITY` table (exact column names). */
export interface LegacyFacility {
  FACILITY_ID: number;
  PRACTICE_ID: number;
  FAC_NAME: string;
  FAC_TYPE: string;
  ADDR1: string | null;
  ADDR2: string | null;
  CITY: string | null;
  STATE: string | null;
  ZIP: string | null;
  PHONE: string | null;
  LATITUDE: number | null;
  LONGITUDE: number | null;
  ACTIVE_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  ROW_VER: number;
}

export const FacilityTable = defineLegacyTable<LegacyFacility>('FACILITY', ['FACILITY_ID'], {
  FACILITY_ID: col.int(false, { identity: true }),
  PRACTICE_ID: col.int(false),
  FAC_NAME: col.nvarchar(120, false),
  FAC_TYPE: col.varchar(8, false),
  ADDR1: col.nvarchar(100, true),
  ADDR2: col.nvarchar(100, true),
  CITY: col.nvarchar(60, true),
  STATE: col.char(2, true),
  ZIP: col.varchar(10, true),
  PHONE: col.varchar(20, true),
  LATITUDE: col.decimal(9, 6, true),
  LONGITUDE: col.decimal(9, 6, true),
  ACTIVE_YN: col.char(1, false, { defaultValue: "Y" }),
  CREATED_AT: col.datetime(false),
  UPDATED_AT: col.datetime(false),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
