// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `CARE_PLAN` table (exact column names). */
export interface LegacyCarePlan {
  CP_ID: number;
  PAT_ID: number;
  VISIT_ID: number | null;
  AUTHOR_PROV_ID: number | null;
  TITLE: string | null;
  SNOMED_CODE: string | null;
  ASSESSMENT_TEXT: string | null;
  PLAN_TEXT: string;
  START_DATE: string | null; // DATE: YYYY-MM-DD
  END_DATE: string | null; // DATE: YYYY-MM-DD
  STATUS: string;
  DELETED_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const CarePlanTable = defineLegacyTable<LegacyCarePlan>('CARE_PLAN', ['CP_ID'], {
  CP_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  VISIT_ID: col.int(true),
  AUTHOR_PROV_ID: col.int(true),
  TITLE: col.nvarchar(200, true),
  SNOMED_CODE: col.varchar(20, true),
  ASSESSMENT_TEXT: col.nvarchar('MAX', true),
  PLAN_TEXT: col.nvarchar('MAX', false),
  START_DATE: col.date(true),
  END_DATE: col.date(true),
  STATUS: col.char(1, false),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
