// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `USERS` table (exact column names). */
export interface LegacyUsers {
  USER_ID: number;
  PRACTICE_ID: number;
  LOGIN_NAME: string;
  PWD_HASH: string;
  PWD_SALT: string | null;
  PWD_ALGO: string;
  PROV_ID: number | null;
  FULL_NAME: string;
  ROLE_CODE: string;
  ACTIVE_YN: string;
  LOCKED_YN: string;
  FAILED_LOGINS: number;
  LAST_LOGIN_AT: string | null; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  CREATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  ROW_VER: number;
}

export const UsersTable = defineLegacyTable<LegacyUsers>('USERS', ['USER_ID'], {
  USER_ID: col.int(false, { identity: true }),
  PRACTICE_ID: col.int(false),
  LOGIN_NAME: col.varchar(50, false, { unique: true }),
  PWD_HASH: col.varchar(200, false),
  PWD_SALT: col.varchar(64, true),
  PWD_ALGO: col.varchar(10, false),
  PROV_ID: col.int(true),
  FULL_NAME: col.nvarchar(120, false),
  ROLE_CODE: col.varchar(8, false),
  ACTIVE_YN: col.char(1, false, { defaultValue: "Y" }),
  LOCKED_YN: col.char(1, false, { defaultValue: "N" }),
  FAILED_LOGINS: col.int(false, { defaultValue: 0 }),
  LAST_LOGIN_AT: col.datetime(true),
  CREATED_AT: col.datetime(false),
  UPDATED_AT: col.datetime(false),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
