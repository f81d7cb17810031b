import { describe, expect, it } from '@jest/globals';
import { goalRow } from '../testing/care-fixtures.js';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { testContext } from '../testing/test-context.js';
import { GOAL_PROFILE, toGoal } from './goal.mapper.js';

type Json = Record<string, any>;

const cases: Array<{ name: string; row: Parameters<typeof goalRow>[0]; issues?: string[]; expect: (g: Json) => void }> = [
  {
    name: 'patient goal: lifecycle, achievement, description text, start, target due date, expressedBy the patient',
    row: {},
    expect: (g) => {
      expect(g.id).toBe('120');
      expect(g.meta.profile).toEqual([GOAL_PROFILE]);
      expect(g.lifecycleStatus).toBe('active');
      expect(g.achievementStatus.coding).toEqual([{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: 'improving', display: 'Improving' }]);
      expect(g.description).toEqual({ text: 'Hemoglobin A1c below 7 %' });
      expect(g).toMatchObject({ subject: { reference: 'Patient/12' }, startDate: '2024-03-01', target: [{ dueDate: '2024-09-01' }], expressedBy: { reference: 'Patient/12' } });
    },
  },
  {
    name: 'coded goal (SNOMED CT), expressed by a provider: no expressedBy (no provider column)',
    row: { SNOMED_CODE: '289169006', DESCRIPTION: 'Weight loss', EXPRESSED_BY: 'V' },
    expect: (g) => {
      expect(g.description).toEqual({ coding: [{ system: 'http://snomed.info/sct', code: '289169006', display: 'Weight loss' }], text: 'Weight loss' });
      expect(g.expressedBy).toBeUndefined();
    },
  },
  ...(
    [['PROP', 'proposed'], ['PLAN', 'planned'], ['HOLD', 'on-hold'], ['DONE', 'completed'], ['CANC', 'cancelled'], ['ERR', 'entered-in-error']] as const
  ).map(([code, status]) => ({ name: `STATUS ${code} -> ${status}`, row: { STATUS: code, ACHIEVEMENT: null }, expect: (g: Json) => expect(g.lifecycleStatus).toBe(status) })),
  {
    name: 'every achievement code',
    row: { ACHIEVEMENT: 'NOTA' },
    expect: (g) => expect(g.achievementStatus.coding[0].code).toBe('not-achieved'),
  },
  {
    name: 'unknown status and achievement: reported; lifecycleStatus data-absent, no achievementStatus',
    row: { STATUS: 'WAIT', ACHIEVEMENT: 'MEH', EXPRESSED_BY: 'X' },
    issues: ['GOAL.STATUS:WAIT', 'GOAL.ACHIEVEMENT:MEH', 'GOAL.EXPRESSED_BY:X'],
    expect: (g) => {
      expect(g.lifecycleStatus).toBeUndefined();
      expect(g._lifecycleStatus).toEqual({ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] });
      expect(g.achievementStatus).toBeUndefined();
    },
  },
  {
    name: 'sparse row: no plan, dates, achievement or author',
    row: { CP_ID: null, SNOMED_CODE: null, START_DATE: null, TARGET_DATE: null, ACHIEVEMENT: null, EXPRESSED_BY: null, CREATED_BY: null, UPDATED_BY: null },
    expect: (g) => expect(Object.keys(g).sort()).toEqual(['description', 'id', 'lifecycleStatus', 'meta', 'resourceType', 'subject']),
  },
];

describe('toGoal', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const goal = toGoal(goalRow(c.row), ctx);
    c.expect(goal as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`).sort()).toEqual([...(c.issues ?? [])].sort());
    expectValidUsCore(goal);
  });
});
