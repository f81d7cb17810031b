// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `LAB_RESULT` table (exact column names). */
export interface LegacyLabResult {
  RESULT_ID: number;
  ORDER_ID: number;
  PAT_ID: number;
  SEQ: number;
  LOINC_CODE: string | null;
  LOCAL_CODE: string;
  TEST_NAME: string;
  VALUE_TEXT: string | null;
  UNITS: string | null;
  REF_RANGE: string | null;
  ABN_FLAG: string | null;
  STATUS: string;
  RESULTED_AT: string | null; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  COMMENT_TEXT: string | null;
  DELETED_YN: string;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  ROW_VER: number;
}

export const LabResultTable = defineLegacyTable<LegacyLabResult>('LAB_RESULT', ['RESULT_ID'], {
  RESULT_ID: col.int(false, { identity: true }),
  ORDER_ID: col.int(false),
  PAT_ID: col.int(false),
  SEQ: col.int(false),
  LOINC_CODE: col.varchar(10, true),
  LOCAL_CODE: col.varchar(20, false),
  TEST_NAME: col.nvarchar(255, false),
  VALUE_TEXT: col.nvarchar(255, true),
  UNITS: col.varchar(30, true),
  REF_RANGE: col.varchar(60, true),
  ABN_FLAG: col.varchar(2, true),
  STATUS: col.char(1, false),
  RESULTED_AT: col.datetime(true),
  COMMENT_TEXT: col.nvarchar(1000, true),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  UPDATED_AT: col.datetime(false),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
