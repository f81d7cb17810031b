// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `LAB_ORDER` table (exact column names). */
export interface LegacyLabOrder {
  ORDER_ID: number;
  PAT_ID: number;
  VISIT_ID: number | null;
  ORDERING_PROV_ID: number | null;
  ORDER_CATEGORY: string;
  PANEL_LOINC: string | null;
  PANEL_CPT: string | null;
  PANEL_NAME: string;
  ORDERED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  PRIORITY: string;
  SPECIMEN_TYPE: string | null;
  SPECIMEN_ID: string | null;
  COLLECTED_AT: string | null; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  RESULTED_AT: string | null; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  STATUS: string;
  PERFORMING_LAB: string | null;
  REPORT_TEXT: string | null;
  DELETED_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const LabOrderTable = defineLegacyTable<LegacyLabOrder>('LAB_ORDER', ['ORDER_ID'], {
  ORDER_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  VISIT_ID: col.int(true),
  ORDERING_PROV_ID: col.int(true),
  ORDER_CATEGORY: col.varchar(8, false, { defaultValue: "LAB" }),
  PANEL_LOINC: col.varchar(10, true),
  PANEL_CPT: col.varchar(10, true),
  PANEL_NAME: col.nvarchar(255, false),
  ORDERED_AT: col.datetime(false),
  PRIORITY: col.char(1, false, { defaultValue: "R" }),
  SPECIMEN_TYPE: col.varchar(8, true),
  SPECIMEN_ID: col.varchar(30, true),
  COLLECTED_AT: col.datetime(true),
  RESULTED_AT: col.datetime(true),
  STATUS: col.char(1, false),
  PERFORMING_LAB: col.nvarchar(120, true),
  REPORT_TEXT: col.nvarchar('MAX', true),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
