import { describe, expect, it } from '@jest/globals';
import { problemRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { toCondition } from './condition.mapper.js';
import { fromCondition, type ProblemColumns } from './condition.reverse-mapper.js';

const COLUMNS: (keyof ProblemColumns)[] = ['PAT_ID', 'PROB_TYPE', 'ICD10_CODE', 'SNOMED_CODE', 'DESCRIPTION', 'STATUS', 'VERIFIED', 'ONSET_DATE', 'RESOLVED_DATE', 'NOTE_TEXT'];
const pick = (row: Record<string, unknown>) => Object.fromEntries(COLUMNS.map((c) => [c, row[c] ?? null]));

describe('fromCondition (PROBLEM reverse mapper)', () => {
  it.each([
    ['an active problem-list item with SNOMED and ICD-10-CM', { PROB_TYPE: 'P', VISIT_ID: null }],
    ['a resolved, provisional health concern with a note', { PROB_TYPE: 'H', VISIT_ID: null, STATUS: 'R', VERIFIED: 'P', RESOLVED_DATE: '2023-02-01', NOTE_TEXT: 'Better', ICD10_CODE: null }],
  ])('round-trips %s', (_name, over) => {
    const row = problemRow(over);
    const back = fromCondition(toCondition(row, testContext()) as unknown as Record<string, unknown>);
    expect(back).toEqual({ ok: true, row: pick(row as unknown as Record<string, unknown>) });
  });

  it('keeps encounter diagnoses read-only and names what it cannot store', () => {
    const resource = toCondition(problemRow({ PROB_TYPE: 'D', VISIT_ID: 4 }), testContext()) as unknown as Record<string, unknown>;
    const result = fromCondition(resource);
    expect(result.ok ? [] : result.issues.map((i) => i.expression).sort()).toEqual(['Condition.category', 'Condition.encounter']);
  });
});
