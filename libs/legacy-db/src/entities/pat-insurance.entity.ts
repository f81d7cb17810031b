// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `PAT_INSURANCE` table (exact column names). */
export interface LegacyPatInsurance {
  INS_ID: number;
  PAT_ID: number;
  PAYER_ID: number;
  PRIORITY: number;
  MEMBER_ID: string;
  GROUP_NO: string | null;
  PLAN_NAME: string | null;
  SUBSCRIBER_REL: string;
  SUBSCRIBER_NAME: string | null;
  START_DATE: string | null; // DATE: YYYY-MM-DD
  END_DATE: string | null; // DATE: YYYY-MM-DD
  DELETED_YN: string;
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  ROW_VER: number;
}

export const PatInsuranceTable = defineLegacyTable<LegacyPatInsurance>('PAT_INSURANCE', ['INS_ID'], {
  INS_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  PAYER_ID: col.int(false),
  PRIORITY: col.int(false),
  MEMBER_ID: col.varchar(40, false),
  GROUP_NO: col.varchar(40, true),
  PLAN_NAME: col.nvarchar(120, true),
  SUBSCRIBER_REL: col.varchar(8, false),
  SUBSCRIBER_NAME: col.nvarchar(120, true),
  START_DATE: col.date(true),
  END_DATE: col.date(true),
  DELETED_YN: col.char(1, false, { defaultValue: "N" }),
  UPDATED_AT: col.datetime(false),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
