// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `PORTAL_ACCOUNT` table (exact column names). */
export interface LegacyPortalAccount {
  PORTAL_ID: number;
  USERNAME: string;
  PWD_HASH: string;
  PWD_SALT: string | null;
  PWD_ALGO: string;
  PAT_ID: number;
  EMAIL: string | null;
  ACTIVE_YN: string;
  LOCKED_YN: string;
  FAILED_LOGINS: number;
  LAST_LOGIN_AT: string | null; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  ROW_VER: number;
}

export const PortalAccountTable = defineLegacyTable<LegacyPortalAccount>('PORTAL_ACCOUNT', ['PORTAL_ID'], {
  PORTAL_ID: col.int(false, { identity: true }),
  USERNAME: col.varchar(60, false, { unique: true }),
  PWD_HASH: col.varchar(200, false),
  PWD_SALT: col.varchar(64, true),
  PWD_ALGO: col.varchar(10, false),
  PAT_ID: col.int(false),
  EMAIL: col.varchar(120, true),
  ACTIVE_YN: col.char(1, false, { defaultValue: "Y" }),
  LOCKED_YN: col.char(1, false, { defaultValue: "N" }),
  FAILED_LOGINS: col.int(false, { defaultValue: 0 }),
  LAST_LOGIN_AT: col.datetime(true),
  CREATED_AT: col.datetime(false),
  UPDATED_AT: col.datetime(false),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
