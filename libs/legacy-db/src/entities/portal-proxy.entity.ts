// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `PORTAL_PROXY` table (exact column names). */
export interface LegacyPortalProxy {
  PORTAL_ID: number;
  PAT_ID: number;
  RELATION_CODE: string;
  START_DATE: string; // DATE: YYYY-MM-DD
  END_DATE: string | null; // DATE: YYYY-MM-DD
}

export const PortalProxyTable = defineLegacyTable<LegacyPortalProxy>('PORTAL_PROXY', ['PORTAL_ID', 'PAT_ID'], {
  PORTAL_ID: col.int(false),
  PAT_ID: col.int(false),
  RELATION_CODE: col.varchar(8, false),
  START_DATE: col.date(false),
  END_DATE: col.date(true),
});
