// Generated from libs/legacy-db/ddl/schema.sql by scripts/codegen-legacy-entities.mjs; the entity test checks it.
import { col, defineLegacyTable } from '../catalogue/define-table.js';

/** A row of the customer's `SCREENING_ANSWER` table (exact column names). */
export interface LegacyScreeningAnswer {
  SCREEN_ID: number;
  SEQ: number;
  QUESTION_LOINC: string;
  QUESTION_TEXT: string;
  ANSWER_LOINC: string | null;
  ANSWER_TEXT: string | null;
  ANSWER_VALUE: number | null;
}

export const ScreeningAnswerTable = defineLegacyTable<LegacyScreeningAnswer>('SCREENING_ANSWER', ['SCREEN_ID', 'SEQ'], {
  SCREEN_ID: col.int(false),
  SEQ: col.int(false),
  QUESTION_LOINC: col.varchar(10, false),
  QUESTION_TEXT: col.nvarchar(255, false),
  ANSWER_LOINC: col.varchar(10, true),
  ANSWER_TEXT: col.nvarchar(255, true),
  ANSWER_VALUE: col.int(true),
});
