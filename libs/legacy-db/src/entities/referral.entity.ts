// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `REFERRAL` table (exact column names). */
export interface LegacyReferral {
  REF_ID: number;
  PAT_ID: number;
  VISIT_ID: number | null;
  REFERRING_PROV_ID: number | null;
  REFER_TO_NAME: string | null;
  REF_CATEGORY: string;
  SNOMED_CODE: string | null;
  CPT_CODE: string | null;
  DESCRIPTION: string;
  REASON_ICD10: string | null;
  ORDERED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  STATUS: string;
  PRIORITY: string;
  DELETED_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const ReferralTable = defineLegacyTable<LegacyReferral>('REFERRAL', ['REF_ID'], {
  REF_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  VISIT_ID: col.int(true),
  REFERRING_PROV_ID: col.int(true),
  REFER_TO_NAME: col.nvarchar(120, true),
  REF_CATEGORY: col.varchar(8, false),
  SNOMED_CODE: col.varchar(20, true),
  CPT_CODE: col.varchar(10, true),
  DESCRIPTION: col.nvarchar(255, false),
  REASON_ICD10: col.varchar(10, true),
  ORDERED_AT: col.datetime(false),
  STATUS: col.char(1, false),
  PRIORITY: col.char(1, false, { defaultValue: "R" }),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
