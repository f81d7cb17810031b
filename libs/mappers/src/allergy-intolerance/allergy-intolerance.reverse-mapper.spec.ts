import { describe, expect, it } from '@jest/globals';
import { allergyRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { toAllergyIntolerance } from './allergy-intolerance.mapper.js';
import { fromAllergyIntolerance, type AllergyColumns } from './allergy-intolerance.reverse-mapper.js';

const COLUMNS: (keyof AllergyColumns)[] = ['PAT_ID', 'NKA_YN', 'ALLERGEN_TYPE', 'ALLERGEN_NAME', 'RXNORM_CODE', 'SNOMED_CODE', 'REACTION_TEXT', 'REACTION_SNOMED', 'SEVERITY', 'CRITICALITY', 'STATUS', 'VERIFIED_YN', 'ONSET_DATE'];
const pick = (row: Record<string, unknown>) => Object.fromEntries(COLUMNS.map((c) => [c, row[c] ?? null]));

describe('fromAllergyIntolerance (ALLERGY reverse mapper)', () => {
  it.each([
    ['a drug allergy with RxNorm, reaction and severity', {}],
    ['a food allergy with SNOMED, high criticality, unconfirmed, inactive', { ALLERGEN_TYPE: 'F', RXNORM_CODE: null, SNOMED_CODE: '91935009', CRITICALITY: 'H', VERIFIED_YN: 'N', STATUS: 'I', ONSET_DATE: '2010-05-01' }],
    ['no known allergies', { NKA_YN: 'Y', ALLERGEN_TYPE: null, ALLERGEN_NAME: null, RXNORM_CODE: null, SNOMED_CODE: null, REACTION_TEXT: null, REACTION_SNOMED: null, SEVERITY: null, CRITICALITY: null }],
    ['a name only, resolved, no reaction', { RXNORM_CODE: null, SNOMED_CODE: null, ALLERGEN_NAME: 'Cat dander', ALLERGEN_TYPE: 'E', REACTION_TEXT: null, REACTION_SNOMED: null, SEVERITY: null, STATUS: 'R' }],
  ])('round-trips %s: row -> resource -> the same columns', (_name, over) => {
    const row = allergyRow(over);
    const resource = toAllergyIntolerance(row, testContext());
    const back = fromAllergyIntolerance(resource as unknown as Record<string, unknown>);
    expect(back).toEqual({ ok: true, row: pick(row as unknown as Record<string, unknown>) });
  });

  it('names every element it cannot store, and unmapped codes, instead of dropping them', () => {
    const resource = toAllergyIntolerance(allergyRow(), testContext()) as unknown as Record<string, unknown>;
    const result = fromAllergyIntolerance({ ...resource, note: [{ text: 'x' }], extension: [{ url: 'x' }], criticality: 'severe', reaction: [...(resource.reaction as unknown[]), {}] });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues.map((i) => `${i.code} ${i.expression}`).sort()).toEqual([
      'not-supported AllergyIntolerance.criticality',
      'not-supported AllergyIntolerance.extension',
      'not-supported AllergyIntolerance.note',
      'not-supported AllergyIntolerance.reaction[1]',
    ]);
  });

  it('requires a patient reference of this server and a clinical status', () => {
    const resource = toAllergyIntolerance(allergyRow(), testContext()) as unknown as Record<string, unknown>;
    const result = fromAllergyIntolerance({ ...resource, patient: { reference: 'https://elsewhere/Patient/1' }, clinicalStatus: undefined });
    expect(result.ok ? [] : result.issues.map((i) => `${i.code} ${i.expression}`)).toEqual(['required AllergyIntolerance.patient', 'required AllergyIntolerance.clinicalStatus']);
  });

  it('stores only day-precision onsets', () => {
    const resource = toAllergyIntolerance(allergyRow(), testContext()) as unknown as Record<string, unknown>;
    const result = fromAllergyIntolerance({ ...resource, onsetDateTime: '2010-05-01T10:00:00Z' });
    expect(result.ok ? [] : result.issues.map((i) => i.expression)).toEqual(['AllergyIntolerance.onsetDateTime']);
  });
});
