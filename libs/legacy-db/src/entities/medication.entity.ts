// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `MEDICATION` table (exact column names). */
export interface LegacyMedication {
  MED_ID: number;
  PAT_ID: number;
  VISIT_ID: number | null;
  PRESCRIBER_ID: number | null;
  RX_TYPE: string;
  RXNORM_CODE: string | null;
  NDC_CODE: string | null;
  DRUG_NAME: string;
  SIG_TEXT: string | null;
  DOSE_QTY: number | null;
  DOSE_UNIT: string | null;
  ROUTE_CODE: string | null;
  FREQ_CODE: string | null;
  PRN_YN: string;
  DISPENSE_QTY: number | null;
  DISPENSE_UNIT: string | null;
  REFILLS: number | null;
  DAYS_SUPPLY: number | null;
  START_DATE: string | null; // DATE: YYYY-MM-DD
  END_DATE: string | null; // DATE: YYYY-MM-DD
  STATUS: string;
  REASON_ICD10: string | null;
  ORDERED_AT: string | null; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  DELETED_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const MedicationTable = defineLegacyTable<LegacyMedication>('MEDICATION', ['MED_ID'], {
  MED_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  VISIT_ID: col.int(true),
  PRESCRIBER_ID: col.int(true),
  RX_TYPE: col.char(1, false),
  RXNORM_CODE: col.varchar(20, true),
  NDC_CODE: col.varchar(20, true),
  DRUG_NAME: col.nvarchar(255, false),
  SIG_TEXT: col.nvarchar(500, true),
  DOSE_QTY: col.decimal(10, 3, true),
  DOSE_UNIT: col.varchar(20, true),
  ROUTE_CODE: col.varchar(8, true),
  FREQ_CODE: col.varchar(8, true),
  PRN_YN: col.char(1, false, { defaultValue: "N" }),
  DISPENSE_QTY: col.decimal(10, 2, true),
  DISPENSE_UNIT: col.varchar(20, true),
  REFILLS: col.int(true),
  DAYS_SUPPLY: col.int(true),
  START_DATE: col.date(true),
  END_DATE: col.date(true),
  STATUS: col.char(1, false),
  REASON_ICD10: col.varchar(10, true),
  ORDERED_AT: col.datetime(true),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
