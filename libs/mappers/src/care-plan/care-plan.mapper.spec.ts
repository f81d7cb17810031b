import { describe, expect, it } from '@jest/globals';
import { carePlanRow } from '../testing/care-fixtures.js';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { testContext } from '../testing/test-context.js';
import { CARE_PLAN_PROFILE, toCarePlan } from './care-plan.mapper.js';

type Json = Record<string, any>;

const cases: Array<{ name: string; row: Parameters<typeof carePlanRow>[0]; goalIds?: number[]; issues?: string[]; expect: (c: Json) => void }> = [
  {
    name: 'assessment and plan: narrative (XHTML-escaped), category assess-plan + SNOMED plan type, period, author, goals',
    row: {},
    goalIds: [120, 121],
    expect: (c) => {
      expect(c.id).toBe('110');
      expect(c.meta.profile).toEqual([CARE_PLAN_PROFILE]);
      expect(c.text).toEqual({
        status: 'additional',
        div: '<div xmlns="http://www.w3.org/1999/xhtml"><p><b>Assessment</b>: Type 2 diabetes, A1c 7.9 % &amp; rising.</p><p><b>Plan</b>: Start metformin 500 mg &lt;with meals&gt;. Follow up in 3 months.</p></div>',
      });
      expect(c).toMatchObject({ status: 'active', intent: 'plan', title: 'Diabetes self management plan' });
      expect(c.category[0].coding[0]).toMatchObject({ system: 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category', code: 'assess-plan' });
      expect(c.category[1].coding[0]).toMatchObject({ system: 'http://snomed.info/sct', code: '698360004' });
      expect(c.description).toBe('Type 2 diabetes, A1c 7.9 % & rising.\n\nStart metformin 500 mg <with meals>. Follow up in 3 months.');
      expect(c).toMatchObject({ subject: { reference: 'Patient/12' }, encounter: { reference: 'Encounter/40' }, author: { reference: 'Practitioner/5' } });
      expect(c.period).toEqual({ start: '2024-03-01' });
      expect(c.goal).toEqual([{ reference: 'Goal/120' }, { reference: 'Goal/121' }]);
    },
  },
  {
    name: 'plan only, multi-line: line breaks in the narrative, no assessment paragraph',
    row: { ASSESSMENT_TEXT: null, PLAN_TEXT: 'Walk daily.\nRecheck A1c.' },
    expect: (c) => {
      expect(c.text.div).toBe('<div xmlns="http://www.w3.org/1999/xhtml"><p><b>Plan</b>: Walk daily.<br/>Recheck A1c.</p></div>');
      expect(c.goal).toBeUndefined();
    },
  },
  ...(
    [['D', 'draft'], ['H', 'on-hold'], ['C', 'completed'], ['X', 'revoked'], ['E', 'entered-in-error']] as const
  ).map(([code, status]) => ({ name: `STATUS ${code} -> ${status}`, row: { STATUS: code, END_DATE: '2024-12-31' }, expect: (c: Json) => {
    expect(c.status).toBe(status);
    expect(c.period).toEqual({ start: '2024-03-01', end: '2024-12-31' });
  } })),
  {
    name: 'unknown status: reported, status unknown',
    row: { STATUS: 'Z' },
    issues: ['CARE_PLAN.STATUS:Z'],
    expect: (c) => expect(c.status).toBe('unknown'),
  },
  {
    name: 'sparse row: only the mandatory columns',
    row: { VISIT_ID: null, AUTHOR_PROV_ID: null, TITLE: null, SNOMED_CODE: null, ASSESSMENT_TEXT: null, START_DATE: null, END_DATE: null, CREATED_BY: null, UPDATED_BY: null },
    expect: (c) => {
      expect(Object.keys(c).sort()).toEqual(['category', 'description', 'id', 'intent', 'meta', 'resourceType', 'status', 'subject', 'text']);
      expect(c.category).toHaveLength(1);
    },
  },
];

describe('toCarePlan', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const plan = toCarePlan({ plan: carePlanRow(c.row), goalIds: c.goalIds }, ctx);
    c.expect(plan as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`).sort()).toEqual([...(c.issues ?? [])].sort());
    expectValidUsCore(plan);
  });
});
