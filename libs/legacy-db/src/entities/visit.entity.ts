// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `VISIT` table (exact column names). */
export interface LegacyVisit {
  VISIT_ID: number;
  PAT_ID: number;
  PROV_ID: number | null;
  FACILITY_ID: number | null;
  VISIT_TYPE: string;
  VISIT_STATUS: string;
  START_DT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  END_DT: string | null; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CPT_CODE: string | null;
  REASON_ICD10: string | null;
  REASON_SNOMED: string | null;
  REASON_TEXT: string | null;
  DISCH_DISPOSITION: string | null;
  DELETED_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const VisitTable = defineLegacyTable<LegacyVisit>('VISIT', ['VISIT_ID'], {
  VISIT_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  PROV_ID: col.int(true),
  FACILITY_ID: col.int(true),
  VISIT_TYPE: col.varchar(8, false),
  VISIT_STATUS: col.varchar(8, false),
  START_DT: col.datetime(false),
  END_DT: col.datetime(true),
  CPT_CODE: col.varchar(10, true),
  REASON_ICD10: col.varchar(10, true),
  REASON_SNOMED: col.varchar(20, true),
  REASON_TEXT: col.nvarchar(255, true),
  DISCH_DISPOSITION: col.varchar(8, true),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
