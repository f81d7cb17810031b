// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `PROVIDER` table (exact column names). */
export interface LegacyProvider {
  PROV_ID: number;
  PRACTICE_ID: number;
  FACILITY_ID: number | null;
  NPI: string | null;
  LAST_NAME: string;
  FIRST_NAME: string;
  MIDDLE_NAME: string | null;
  SUFFIX: string | null;
  CREDENTIAL: string | null;
  SEX: string | null;
  TAXONOMY_CODE: string | null;
  SPECIALTY_DESC: string | null;
  PHONE: string | null;
  EMAIL: string | null;
  ADDR1: string | null;
  CITY: string | null;
  STATE: string | null;
  ZIP: string | null;
  ACTIVE_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  ROW_VER: number;
}

export const ProviderTable = defineLegacyTable<LegacyProvider>('PROVIDER', ['PROV_ID'], {
  PROV_ID: col.int(false, { identity: true }),
  PRACTICE_ID: col.int(false),
  FACILITY_ID: col.int(true),
  NPI: col.char(10, true),
  LAST_NAME: col.nvarchar(60, false),
  FIRST_NAME: col.nvarchar(60, false),
  MIDDLE_NAME: col.nvarchar(60, true),
  SUFFIX: col.nvarchar(20, true),
  CREDENTIAL: col.varchar(20, true),
  SEX: col.char(1, true),
  TAXONOMY_CODE: col.varchar(10, true),
  SPECIALTY_DESC: col.nvarchar(80, true),
  PHONE: col.varchar(20, true),
  EMAIL: col.varchar(120, true),
  ADDR1: col.nvarchar(100, true),
  CITY: col.nvarchar(60, true),
  STATE: col.char(2, true),
  ZIP: col.varchar(10, true),
  ACTIVE_YN: col.char(1, false, { defaultValue: "Y" }),
  CREATED_AT: col.datetime(false),
  UPDATED_AT: col.datetime(false),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
