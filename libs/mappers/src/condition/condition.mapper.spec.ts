import { describe, expect, it } from '@jest/globals';
import { PROFILE } from '../common/systems.js';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { problemRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { toCondition } from './condition.mapper.js';

type Json = Record<string, any>;

const cases: Array<{ name: string; row: Parameters<typeof problemRow>[0]; issues?: string[]; expect: (c: Json) => void }> = [
  {
    name: 'problem-list item: category, ICD-10-CM with the dot + SNOMED, onset, recordedDate',
    row: { NOTE_TEXT: 'Diet controlled until 2021' },
    expect: (c) => {
      expect(c.id).toBe('50');
      expect(c.meta.profile).toEqual([PROFILE.conditionProblems]);
      expect(c.category[0].coding[0].code).toBe('problem-list-item');
      expect(c.code.coding.map((x: Json) => `${x.system}|${x.code}`)).toEqual(['http://snomed.info/sct|44054006', 'http://hl7.org/fhir/sid/icd-10-cm|E11.9']);
      expect(c.code.text).toBe('Type 2 diabetes mellitus without complications');
      expect(c.clinicalStatus.coding[0].code).toBe('active');
      expect(c.verificationStatus.coding[0].code).toBe('confirmed');
      expect(c.onsetDateTime).toBe('2019-05-01');
      expect(c.recordedDate).toBe('2024-03-01T09:15:00-05:00');
      expect(c.note).toEqual([{ text: 'Diet controlled until 2021' }]);
      expect(c.encounter).toBeUndefined();
    },
  },
  {
    name: 'health concern: us-core category health-concern',
    row: { PROB_TYPE: 'H', ICD10_CODE: 'Z590', SNOMED_CODE: null, DESCRIPTION: 'Homelessness' },
    expect: (c) => {
      expect(c.meta.profile).toEqual([PROFILE.conditionProblems]);
      expect(c.category[0].coding[0]).toMatchObject({ system: 'http://hl7.org/fhir/us/core/CodeSystem/condition-category', code: 'health-concern' });
      expect(c.code.coding).toEqual([{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'Z59.0', display: 'Homelessness' }]);
    },
  },
  {
    name: 'encounter diagnosis: its own profile and the encounter reference',
    row: { PROB_TYPE: 'D', VISIT_ID: 40, ICD10_CODE: 'J069', SNOMED_CODE: null, DESCRIPTION: 'Acute upper respiratory infection' },
    expect: (c) => {
      expect(c.meta.profile).toEqual([PROFILE.conditionEncounterDiagnosis]);
      expect(c.category[0].coding[0].code).toBe('encounter-diagnosis');
      expect(c.encounter).toEqual({ reference: 'Encounter/40' });
      expect(c.code.coding[0].code).toBe('J06.9');
    },
  },
  {
    name: 'resolved with abatement date',
    row: { STATUS: 'R', RESOLVED_DATE: '2023-08-01' },
    expect: (c) => {
      expect(c.clinicalStatus.coding[0].code).toBe('resolved');
      expect(c.abatementDateTime).toBe('2023-08-01');
    },
  },
  {
    name: 'entered in error: verification entered-in-error and no clinicalStatus (con-5)',
    row: { VERIFIED: 'E' },
    expect: (c) => {
      expect(c.verificationStatus.coding[0].code).toBe('entered-in-error');
      expect(c.clinicalStatus).toBeUndefined();
    },
  },
  {
    name: 'refuted and provisional',
    row: { VERIFIED: 'R', STATUS: 'I' },
    expect: (c) => {
      expect(c.verificationStatus.coding[0].code).toBe('refuted');
      expect(c.clinicalStatus.coding[0].code).toBe('inactive');
    },
  },
  {
    name: 'active with a resolved date: abatement left out (con-4) and reported',
    row: { STATUS: 'A', RESOLVED_DATE: '2023-08-01' },
    issues: ['PROBLEM.RESOLVED_DATE:A'],
    expect: (c) => {
      expect(c.clinicalStatus.coding[0].code).toBe('active');
      expect(c.abatementDateTime).toBeUndefined();
    },
  },
  {
    name: 'local-only problem (no codes): text only',
    row: { ICD10_CODE: null, SNOMED_CODE: null, DESCRIPTION: 'Worried about memory' },
    expect: (c) => expect(c.code).toEqual({ text: 'Worried about memory' }),
  },
  {
    name: 'unknown status and malformed ICD-10: reported; clinicalStatus data-absent (con-3)',
    row: { STATUS: 'X', ICD10_CODE: 'E11-9' },
    issues: ['PROBLEM.STATUS:X', 'PROBLEM.ICD10_CODE:E11-9'],
    expect: (c) => {
      expect(c.clinicalStatus).toEqual({ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] });
      expect(c.code.coding.map((x: Json) => x.system)).toEqual(['http://snomed.info/sct']);
    },
  },
];

describe('toCondition', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const cond = toCondition(problemRow(c.row), ctx);
    c.expect(cond as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`).sort()).toEqual([...(c.issues ?? [])].sort());
    expectValidUsCore(cond);
  });
});
