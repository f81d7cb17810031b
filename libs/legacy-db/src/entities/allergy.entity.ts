// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `ALLERGY` table (exact column names). */
export interface LegacyAllergy {
  ALLERGY_ID: number;
  PAT_ID: number;
  NKA_YN: string;
  ALLERGEN_TYPE: string | null;
  ALLERGEN_NAME: string | null;
  RXNORM_CODE: string | null;
  SNOMED_CODE: string | null;
  REACTION_TEXT: string | null;
  REACTION_SNOMED: string | null;
  SEVERITY: string | null;
  CRITICALITY: string | null;
  STATUS: string;
  VERIFIED_YN: string;
  ONSET_DATE: string | null; // DATE: YYYY-MM-DD
  DELETED_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const AllergyTable = defineLegacyTable<LegacyAllergy>('ALLERGY', ['ALLERGY_ID'], {
  ALLERGY_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  NKA_YN: col.char(1, false, { defaultValue: "N" }),
  ALLERGEN_TYPE: col.char(1, true),
  ALLERGEN_NAME: col.nvarchar(120, true),
  RXNORM_CODE: col.varchar(20, true),
  SNOMED_CODE: col.varchar(20, true),
  REACTION_TEXT: col.nvarchar(255, true),
  REACTION_SNOMED: col.varchar(20, true),
  SEVERITY: col.varchar(4, true),
  CRITICALITY: col.char(1, true),
  STATUS: col.char(1, false),
  VERIFIED_YN: col.char(1, false, { defaultValue: "Y" }),
  ONSET_DATE: col.date(true),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
