// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `SCREENING` table (exact column names). */
export interface LegacyScreening {
  SCREEN_ID: number;
  PAT_ID: number;
  VISIT_ID: number | null;
  INSTRUMENT_LOINC: string;
  SCORE_LOINC: string | null;
  INSTRUMENT_NAME: string;
  TOTAL_SCORE: number | null;
  TAKEN_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  SDOH_CATEGORY: string | null;
  STATUS: string;
  DELETED_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const ScreeningTable = defineLegacyTable<LegacyScreening>('SCREENING', ['SCREEN_ID'], {
  SCREEN_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  VISIT_ID: col.int(true),
  INSTRUMENT_LOINC: col.varchar(10, false),
  SCORE_LOINC: col.varchar(10, true),
  INSTRUMENT_NAME: col.nvarchar(120, false),
  TOTAL_SCORE: col.int(true),
  TAKEN_AT: col.datetime(false),
  SDOH_CATEGORY: col.varchar(20, true),
  STATUS: col.char(1, false, { defaultValue: "F" }),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
