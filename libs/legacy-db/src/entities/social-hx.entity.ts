// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `SOCIAL_HX` table (exact column names). */
export interface LegacySocialHx {
  SOC_ID: number;
  PAT_ID: number;
  VISIT_ID: number | null;
  RECORDED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  SMOKING_STATUS: string | null;
  TOBACCO_PACK_YRS: number | null;
  SEX_ORIENTATION: string | null;
  PREGNANCY_STATUS: string | null;
  PREGNANCY_INTENT: string | null;
  OCCUPATION_TEXT: string | null;
  INDUSTRY_TEXT: string | null;
  DELETED_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const SocialHxTable = defineLegacyTable<LegacySocialHx>('SOCIAL_HX', ['SOC_ID'], {
  SOC_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  VISIT_ID: col.int(true),
  RECORDED_AT: col.datetime(false),
  SMOKING_STATUS: col.varchar(4, true),
  TOBACCO_PACK_YRS: col.decimal(5, 1, true),
  SEX_ORIENTATION: col.varchar(4, true),
  PREGNANCY_STATUS: col.char(1, true),
  PREGNANCY_INTENT: col.char(1, true),
  OCCUPATION_TEXT: col.nvarchar(120, true),
  INDUSTRY_TEXT: col.nvarchar(120, true),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
