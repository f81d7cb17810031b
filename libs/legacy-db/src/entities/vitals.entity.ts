// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `VITALS` table (exact column names). */
export interface LegacyVitals {
  VITAL_ID: number;
  PAT_ID: number;
  VISIT_ID: number | null;
  TAKEN_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  HEIGHT_IN: number | null;
  WEIGHT_LB: number | null;
  BMI: number | null;
  BP_SYSTOLIC: number | null;
  BP_DIASTOLIC: number | null;
  PULSE: number | null;
  RESP_RATE: number | null;
  TEMP_F: number | null;
  SPO2: number | null;
  O2_FLOW_LPM: number | null;
  HEAD_CIRC_CM: number | null;
  BMI_PCTL: number | null;
  WFL_PCTL: number | null;
  HC_PCTL: number | null;
  STATUS: string;
  DELETED_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const VitalsTable = defineLegacyTable<LegacyVitals>('VITALS', ['VITAL_ID'], {
  VITAL_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  VISIT_ID: col.int(true),
  TAKEN_AT: col.datetime(false),
  HEIGHT_IN: col.decimal(5, 2, true),
  WEIGHT_LB: col.decimal(6, 2, true),
  BMI: col.decimal(5, 2, true),
  BP_SYSTOLIC: col.int(true),
  BP_DIASTOLIC: col.int(true),
  PULSE: col.int(true),
  RESP_RATE: col.int(true),
  TEMP_F: col.decimal(5, 2, true),
  SPO2: col.int(true),
  O2_FLOW_LPM: col.decimal(5, 2, true),
  HEAD_CIRC_CM: col.decimal(5, 2, true),
  BMI_PCTL: col.decimal(5, 2, true),
  WFL_PCTL: col.decimal(5, 2, true),
  HC_PCTL: col.decimal(5, 2, true),
  STATUS: col.char(1, false, { defaultValue: "F" }),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
