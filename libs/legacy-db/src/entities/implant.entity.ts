// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `IMPLANT` table (exact column names). */
export interface LegacyImplant {
  IMPLANT_ID: number;
  PAT_ID: number;
  PROC_ID: number | null;
  UDI_STRING: string | null;
  DEVICE_NAME: string;
  SNOMED_TYPE: string | null;
  MANUFACTURER: string | null;
  MODEL_NUMBER: string | null;
  LOT_NUMBER: string | null;
  SERIAL_NUMBER: string | null;
  MFG_DATE: string | null; // DATE: YYYY-MM-DD
  EXP_DATE: string | null; // DATE: YYYY-MM-DD
  IMPLANT_DATE: string | null; // DATE: YYYY-MM-DD
  REMOVED_DATE: string | null; // DATE: YYYY-MM-DD
  STATUS: string;
  DELETED_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const ImplantTable = defineLegacyTable<LegacyImplant>('IMPLANT', ['IMPLANT_ID'], {
  IMPLANT_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  PROC_ID: col.int(true),
  UDI_STRING: col.varchar(255, true),
  DEVICE_NAME: col.nvarchar(255, false),
  SNOMED_TYPE: col.varchar(20, true),
  MANUFACTURER: col.nvarchar(120, true),
  MODEL_NUMBER: col.varchar(60, true),
  LOT_NUMBER: col.varchar(60, true),
  SERIAL_NUMBER: col.varchar(60, true),
  MFG_DATE: col.date(true),
  EXP_DATE: col.date(true),
  IMPLANT_DATE: col.date(true),
  REMOVED_DATE: col.date(true),
  STATUS: col.char(1, false),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
