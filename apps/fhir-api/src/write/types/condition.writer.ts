/** Condition create + update (problem-list items and health concerns) -> PROBLEM; encounter diagnoses stay read-only. */
import { fromCondition, type ProblemColumns } from '#facade/mappers/src/condition/condition.reverse-mapper.js';
import { PROFILE, fhirId } from '#facade/mappers';
import { CONDITION_IDS } from '#facade/mappers/src/condition/condition.ids.js';
import { newRowColumns, updatedColumns, without, type WritableType } from '../writable-type.js';

export const conditionWriter: WritableType<ProblemColumns> = {
  type: 'Condition',
  table: 'PROBLEM',
  pk: 'PROB_ID',
  profile: PROFILE.conditionProblems,
  create: true,
  update: true,
  documentation:
    'create and update of problem-list items and health concerns (one PROBLEM row): one category (problem-list-item or health-concern, ' +
    'not changeable by an update), code SNOMED CT and/or ICD-10-CM with a description, clinicalStatus, verificationStatus, day-precision ' +
    'onset and abatement, one note. Encounter diagnoses are read-only (422). Other elements: 422 not-supported. A create with an id: 400 ' +
    '(the product rule; R4 says ignore). Update requires If-Match (428 without); updateCreate false.',
  reverse: fromCondition,
  immutable: { PAT_ID: 'Condition.subject', PROB_TYPE: 'Condition.category' },
  insertValues: (row, stamp) => ({ ...row, ...newRowColumns(stamp) }),
  updateValues: (row, stamp) => ({ ...without(row, ['PAT_ID', 'PROB_TYPE']), ...updatedColumns(stamp) }),
  idOf: (key) => fhirId.condition(key),
  keyOf(id) {
    return CONDITION_IDS.parse(id)?.key;
  },
};
