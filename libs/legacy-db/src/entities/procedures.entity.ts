// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `PROCEDURES` table (exact column names). */
export interface LegacyProcedures {
  PROC_ID: number;
  PAT_ID: number;
  VISIT_ID: number | null;
  PROV_ID: number | null;
  CPT_CODE: string | null;
  HCPCS_CODE: string | null;
  SNOMED_CODE: string | null;
  ICD10PCS_CODE: string | null;
  DESCRIPTION: string;
  PERFORMED_START: string | null; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  PERFORMED_END: string | null; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  STATUS: string;
  REASON_ICD10: string | null;
  BODY_SITE_SNOMED: string | null;
  FACILITY_ID: number | null;
  DELETED_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const ProceduresTable = defineLegacyTable<LegacyProcedures>('PROCEDURES', ['PROC_ID'], {
  PROC_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  VISIT_ID: col.int(true),
  PROV_ID: col.int(true),
  CPT_CODE: col.varchar(10, true),
  HCPCS_CODE: col.varchar(10, true),
  SNOMED_CODE: col.varchar(20, true),
  ICD10PCS_CODE: col.varchar(10, true),
  DESCRIPTION: col.nvarchar(255, false),
  PERFORMED_START: col.datetime(true),
  PERFORMED_END: col.datetime(true),
  STATUS: col.char(1, false),
  REASON_ICD10: col.varchar(10, true),
  BODY_SITE_SNOMED: col.varchar(20, true),
  FACILITY_ID: col.int(true),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
