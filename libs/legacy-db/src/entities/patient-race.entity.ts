// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `PATIENT_RACE` table (exact column names). */
export interface LegacyPatientRace {
  PAT_ID: number;
  RACE_CODE: string;
  SEQ: number;
}

export const PatientRaceTable = defineLegacyTable<LegacyPatientRace>('PATIENT_RACE', ['PAT_ID', 'RACE_CODE'], {
  PAT_ID: col.int(false),
  RACE_CODE: col.varchar(16, false),
  SEQ: col.int(false),
});
