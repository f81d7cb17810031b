// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `PATIENT` table (exact column names). */
export interface LegacyPatient {
  PAT_ID: number;
  PRACTICE_ID: number;
  MRN: string;
  LAST_NAME: string;
  FIRST_NAME: string;
  MIDDLE_NAME: string | null;
  NAME_PREFIX: string | null;
  NAME_SUFFIX: string | null;
  PREFERRED_NAME: string | null;
  PREV_LAST_NAME: string | null;
  DOB: string; // DATE: YYYY-MM-DD
  SEX: string;
  BIRTH_SEX: string | null;
  GENDER_IDENTITY: string | null;
  SSN: string | null;
  ADDR1: string | null;
  ADDR2: string | null;
  CITY: string | null;
  STATE: string | null;
  ZIP: string | null;
  COUNTY: string | null;
  HOME_PHONE: string | null;
  CELL_PHONE: string | null;
  WORK_PHONE: string | null;
  EMAIL: string | null;
  MARITAL_STATUS: string | null;
  LANGUAGE_CODE: string | null;
  ETHNICITY_CODE: string | null;
  DECEASED_YN: string;
  DECEASED_DATE: string | null; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  PCP_PROV_ID: number | null;
  INACTIVE_YN: string;
  MERGED_INTO_PAT_ID: number | null;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const PatientTable = defineLegacyTable<LegacyPatient>('PATIENT', ['PAT_ID'], {
  PAT_ID: col.int(false, { identity: true }),
  PRACTICE_ID: col.int(false),
  MRN: col.varchar(20, false, { unique: true }),
  LAST_NAME: col.nvarchar(60, false),
  FIRST_NAME: col.nvarchar(60, false),
  MIDDLE_NAME: col.nvarchar(60, true),
  NAME_PREFIX: col.nvarchar(20, true),
  NAME_SUFFIX: col.nvarchar(20, true),
  PREFERRED_NAME: col.nvarchar(60, true),
  PREV_LAST_NAME: col.nvarchar(60, true),
  DOB: col.date(false),
  SEX: col.char(1, false),
  BIRTH_SEX: col.char(1, true),
  GENDER_IDENTITY: col.varchar(8, true),
  SSN: col.char(11, true),
  ADDR1: col.nvarchar(100, true),
  ADDR2: col.nvarchar(100, true),
  CITY: col.nvarchar(60, true),
  STATE: col.char(2, true),
  ZIP: col.varchar(10, true),
  COUNTY: col.nvarchar(60, true),
  HOME_PHONE: col.varchar(20, true),
  CELL_PHONE: col.varchar(20, true),
  WORK_PHONE: col.varchar(20, true),
  EMAIL: col.varchar(120, true),
  MARITAL_STATUS: col.char(1, true),
  LANGUAGE_CODE: col.varchar(8, true),
  ETHNICITY_CODE: col.varchar(16, true),
  DECEASED_YN: col.char(1, false, { defaultValue: "N" }),
  DECEASED_DATE: col.datetime(true),
  PCP_PROV_ID: col.int(true),
  INACTIVE_YN: col.char(1, false, { defaultValue: "N" }),
  MERGED_INTO_PAT_ID: col.int(true),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
