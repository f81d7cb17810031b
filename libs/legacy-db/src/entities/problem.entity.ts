// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `PROBLEM` table (exact column names). */
export interface LegacyProblem {
  PROB_ID: number;
  PAT_ID: number;
  VISIT_ID: number | null;
  PROB_TYPE: string;
  ICD10_CODE: string | null;
  SNOMED_CODE: string | null;
  DESCRIPTION: string;
  STATUS: string;
  VERIFIED: string;
  ONSET_DATE: string | null; // DATE: YYYY-MM-DD
  RESOLVED_DATE: string | null; // DATE: YYYY-MM-DD
  NOTE_TEXT: string | null;
  DELETED_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const ProblemTable = defineLegacyTable<LegacyProblem>('PROBLEM', ['PROB_ID'], {
  PROB_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  VISIT_ID: col.int(true),
  PROB_TYPE: col.char(1, false),
  ICD10_CODE: col.varchar(10, true),
  SNOMED_CODE: col.varchar(20, true),
  DESCRIPTION: col.nvarchar(255, false),
  STATUS: col.char(1, false),
  VERIFIED: col.char(1, false, { defaultValue: "C" }),
  ONSET_DATE: col.date(true),
  RESOLVED_DATE: col.date(true),
  NOTE_TEXT: col.nvarchar(1000, true),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
