// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `IMMUNIZATION` table (exact column names). */
export interface LegacyImmunization {
  IMM_ID: number;
  PAT_ID: number;
  VISIT_ID: number | null;
  CVX_CODE: string;
  NDC_CODE: string | null;
  VACCINE_NAME: string;
  ADMIN_DATE: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  STATUS: string;
  NOT_GIVEN_REASON: string | null;
  HISTORICAL_YN: string;
  LOT_NUMBER: string | null;
  EXPIRATION_DATE: string | null; // DATE: YYYY-MM-DD
  MVX_CODE: string | null;
  ROUTE_CODE: string | null;
  SITE_CODE: string | null;
  DOSE_ML: number | null;
  ADMIN_PROV_ID: number | null;
  FACILITY_ID: number | null;
  DELETED_YN: string;
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_BY: number | null;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_BY: number | null;
  ROW_VER: number;
}

export const ImmunizationTable = defineLegacyTable<LegacyImmunization>('IMMUNIZATION', ['IMM_ID'], {
  IMM_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  VISIT_ID: col.int(true),
  CVX_CODE: col.varchar(4, false),
  NDC_CODE: col.varchar(20, true),
  VACCINE_NAME: col.nvarchar(255, false),
  ADMIN_DATE: col.datetime(false),
  STATUS: col.char(1, false),
  NOT_GIVEN_REASON: col.varchar(8, true),
  HISTORICAL_YN: col.char(1, false, { defaultValue: "N" }),
  LOT_NUMBER: col.varchar(30, true),
  EXPIRATION_DATE: col.date(true),
  MVX_CODE: col.varchar(4, true),
  ROUTE_CODE: col.varchar(8, true),
  SITE_CODE: col.varchar(8, true),
  DOSE_ML: col.decimal(6, 2, true),
  ADMIN_PROV_ID: col.int(true),
  FACILITY_ID: col.int(true),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  CREATED_AT: col.datetime(false),
  CREATED_BY: col.int(true),
  UPDATED_AT: col.datetime(false),
  UPDATED_BY: col.int(true),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
