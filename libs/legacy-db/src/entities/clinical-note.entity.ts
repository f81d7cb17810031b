// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `CLINICAL_NOTE` table (exact column names). */
export interface LegacyClinicalNote {
  NOTE_ID: number;
  PAT_ID: number;
  VISIT_ID: number | null;
  AUTHOR_PROV_ID: number | null;
  NOTE_TYPE: string;
  NOTE_TITLE: string | null;
  NOTE_FORMAT: string;
  NOTE_TEXT: string;
  SIGNED_YN: string;
  SIGNED_AT: string | null; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  SIGNED_BY_PROV_ID: number | null;
  AMENDED_YN: string;
  DELETED_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const ClinicalNoteTable = defineLegacyTable<LegacyClinicalNote>('CLINICAL_NOTE', ['NOTE_ID'], {
  NOTE_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  VISIT_ID: col.int(true),
  AUTHOR_PROV_ID: col.int(true),
  NOTE_TYPE: col.varchar(4, false),
  NOTE_TITLE: col.nvarchar(200, true),
  NOTE_FORMAT: col.varchar(4, false),
  NOTE_TEXT: col.nvarchar('MAX', false),
  SIGNED_YN: col.char(1, false, { defaultValue: "N" }),
  SIGNED_AT: col.datetime(true),
  SIGNED_BY_PROV_ID: col.int(true),
  AMENDED_YN: col.char(1, false, { defaultValue: "N" }),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
