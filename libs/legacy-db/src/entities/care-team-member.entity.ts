// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `CARE_TEAM_MEMBER` table (exact column names). */
export interface LegacyCareTeamMember {
  CTM_ID: number;
  PAT_ID: number;
  PROV_ID: number | null;
  CONTACT_ID: number | null;
  ROLE_CODE: string;
  START_DATE: string | null; // DATE: YYYY-MM-DD
  END_DATE: string | null; // DATE: YYYY-MM-DD
  UPDATED_AT: string; // DATETIME: clinic wall-clock YYYY-MM-DDTHH:mm:ss[.SSS]
  ROW_VER: number;
}

export const CareTeamMemberTable = defineLegacyTable<LegacyCareTeamMember>('CARE_TEAM_MEMBER', ['CTM_ID'], {
  CTM_ID: col.int(false, { identity: true }),
  PAT_ID: col.int(false),
  PROV_ID: col.int(true),
  CONTACT_ID: col.int(true),
  ROLE_CODE: col.varchar(8, false),
  START_DATE: col.date(true),
  END_DATE: col.date(true),
  UPDATED_AT: col.datetime(false),
  ROW_VER: col.int(false, { defaultValue: 1 }),
});
