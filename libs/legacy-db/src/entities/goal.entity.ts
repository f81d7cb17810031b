// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `GOAL` table (exact column names). */
export interface LegacyGoal {
  GOAL_ID: number;
  PAT_ID: number;
  CP_ID: number | null;
  DESCRIPTION: string;
  SNOMED_CODE: string | null;
  START_DATE: string | null; // DATE: YYYY-MM-DD
  TARGET_DATE: string | null; // DATE: YYYY-MM-DD
  STATUS: string;
  ACHIEVEMENT: string | null;
  EXPRESSED_BY: string | null;
  DELETED_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const GoalTable = defineLegacyTable<LegacyGoal>('GOAL', ['GOAL_ID'], {
  GOAL_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  CP_ID: col.int(true),
  DESCRIPTION: col.nvarchar(500, false),
  SNOMED_CODE: col.varchar(20, true),
  START_DATE: col.date(true),
  TARGET_DATE: col.date(true),
  STATUS: col.varchar(4, false),
  ACHIEVEMENT: col.varchar(4, true),
  EXPRESSED_BY: col.char(1, true),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
