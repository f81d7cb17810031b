import { describe, expect, it } from '@jest/globals';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { allergyRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { toAllergyIntolerance } from './allergy-intolerance.mapper.js';

type Json = Record<string, any>;

const NKA_ROW = {
  NKA_YN: 'Y', ALLERGEN_TYPE: null, ALLERGEN_NAME: null, RXNORM_CODE: null, SNOMED_CODE: null, REACTION_TEXT: null,
  REACTION_SNOMED: null, SEVERITY: null, CRITICALITY: null, ONSET_DATE: null,
};

const cases: Array<{ name: string; row: Parameters<typeof allergyRow>[0]; issues?: string[]; expect: (a: Json) => void }> = [
  {
    name: 'drug allergy: RxNorm code, category, criticality, reaction with severity',
    row: {},
    expect: (a) => {
      expect(a.id).toBe('60');
      expect(a.code).toEqual({ coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '7980', display: 'Penicillin V' }], text: 'Penicillin V' });
      expect(a.category).toEqual(['medication']);
      expect(a.criticality).toBe('high');
      expect(a.clinicalStatus.coding[0].code).toBe('active');
      expect(a.verificationStatus.coding[0].code).toBe('confirmed');
      expect(a.reaction).toEqual([
        { manifestation: [{ coding: [{ system: 'http://snomed.info/sct', code: '247472004', display: 'Hives' }], text: 'Hives' }], severity: 'moderate' },
      ]);
      expect(a.patient).toEqual({ reference: 'Patient/12' });
      expect(a.onsetDateTime).toBe('2010-01-01');
    },
  },
  {
    name: 'NKA row: SNOMED 716186003 No known allergy, no category, criticality or reaction',
    row: NKA_ROW,
    expect: (a) => {
      expect(a.code.coding).toEqual([{ system: 'http://snomed.info/sct', code: '716186003', display: 'No known allergy (situation)' }]);
      expect(a.category).toBeUndefined();
      expect(a.reaction).toBeUndefined();
      expect(a.criticality).toBeUndefined();
      expect(a.clinicalStatus.coding[0].code).toBe('active');
    },
  },
  {
    name: 'food allergy by SNOMED, unconfirmed, resolved',
    row: { ALLERGEN_TYPE: 'F', ALLERGEN_NAME: 'Peanut', RXNORM_CODE: null, SNOMED_CODE: '256349002', STATUS: 'R', VERIFIED_YN: 'N', CRITICALITY: 'U' },
    expect: (a) => {
      expect(a.category).toEqual(['food']);
      expect(a.code.coding[0]).toMatchObject({ system: 'http://snomed.info/sct', code: '256349002' });
      expect(a.verificationStatus.coding[0].code).toBe('unconfirmed');
      expect(a.clinicalStatus.coding[0].code).toBe('resolved');
      expect(a.criticality).toBe('unable-to-assess');
    },
  },
  {
    name: 'reaction known only as text',
    row: { REACTION_SNOMED: null, REACTION_TEXT: 'Stomach upset', SEVERITY: null },
    expect: (a) => expect(a.reaction).toEqual([{ manifestation: [{ text: 'Stomach upset' }] }]),
  },
  {
    name: 'allergen with no name or code: data-absent code',
    row: { ALLERGEN_NAME: null, RXNORM_CODE: null, SNOMED_CODE: null },
    expect: (a) => expect(a.code.coding[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'unknown' }),
  },
  {
    name: 'unknown type, severity, criticality and status: reported; clinicalStatus data-absent (ait-1)',
    row: { ALLERGEN_TYPE: 'X', SEVERITY: 'BAD', CRITICALITY: 'Z', STATUS: 'Q' },
    issues: ['ALLERGY.STATUS:Q', 'ALLERGY.ALLERGEN_TYPE:X', 'ALLERGY.CRITICALITY:Z', 'ALLERGY.SEVERITY:BAD'],
    expect: (a) => {
      expect(a.category).toBeUndefined();
      expect(a.criticality).toBeUndefined();
      expect(a.reaction[0].severity).toBeUndefined();
      expect(a.clinicalStatus).toEqual({ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] });
    },
  },
];

describe('toAllergyIntolerance', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const a = toAllergyIntolerance(allergyRow(c.row), ctx);
    c.expect(a as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`).sort()).toEqual([...(c.issues ?? [])].sort());
    expectValidUsCore(a);
  });
});
