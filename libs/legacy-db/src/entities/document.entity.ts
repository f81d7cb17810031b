// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `DOCUMENT` table (exact column names). */
export interface LegacyDocument {
  DOC_ID: number;
  PAT_ID: number;
  VISIT_ID: number | null;
  DOC_CATEGORY: string;
  LOINC_TYPE: string | null;
  TITLE: string;
  MIME_TYPE: string;
  CONTENT: Buffer;
  SIZE_BYTES: number;
  SHA1_HEX: string | null;
  DOC_DATE: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  AUTHOR_PROV_ID: number | null;
  DELETED_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const DocumentTable = defineLegacyTable<LegacyDocument>('DOCUMENT', ['DOC_ID'], {
  DOC_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  VISIT_ID: col.int(true),
  DOC_CATEGORY: col.varchar(8, false),
  LOINC_TYPE: col.varchar(10, true),
  TITLE: col.nvarchar(200, false),
  MIME_TYPE: col.varchar(80, false),
  CONTENT: col.varbinary('MAX', false),
  SIZE_BYTES: col.int(false),
  SHA1_HEX: col.char(40, true),
  DOC_DATE: col.datetime(false),
  AUTHOR_PROV_ID: col.int(true),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
