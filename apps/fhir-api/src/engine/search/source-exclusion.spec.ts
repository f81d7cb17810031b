import { describe, expect, it } from '@jest/globals';
import type { SearchClause, TokenValue } from '#facade/fhir';
import type { ParamTarget, ResourceSource } from '../registry/resource-definition.js';
import { ParamBag } from '../sql/sql-fragment.js';
import { clauseCondition } from './param-conditions.js';
import { excludesSource } from './source-exclusion.js';

const CAT = 'http://terminology.hl7.org/CodeSystem/observation-category';
const category: ParamTarget = { kind: 'token', columns: [{ system: CAT, constant: ['laboratory'] }] };
const code: ParamTarget = { kind: 'token', columns: [{ system: 'http://loinc.org', column: 'r.LOINC' }] };
const source = { targets: { category, code } } as unknown as ResourceSource;
const tokens = (param: string, ...values: TokenValue[]): SearchClause => ({ param, values: values.map((value) => ({ kind: 'token', value })) }) as SearchClause;

describe('excludesSource', () => {
  const cases: [string, SearchClause][] = [
    ['its constant', tokens('category', { code: 'laboratory' })],
    ['another constant', tokens('category', { code: 'vital-signs' })],
    ['its constant in its system', tokens('category', { system: CAT, code: 'laboratory' })],
    ['its constant in another system', tokens('category', { system: 'urn:other', code: 'laboratory' })],
    ['its constant without a system (`|laboratory`)', tokens('category', { system: '', code: 'laboratory' })],
    ['any code of its system', tokens('category', { system: CAT, code: undefined })],
    ['one of several values', tokens('category', { code: 'vital-signs' }, { code: 'laboratory' })],
  ];
  it.each(cases)('decides a constant token like its SQL condition would: %s', (_name, clause) => {
    const full = clauseCondition(clause, category, new ParamBag('sqlite'), 'UTC');
    expect(excludesSource(source, clause)).toBe(full === false);
  });

  it('rules a source out for a parameter it has no target for, and leaves modifiers, column targets and _id alone', () => {
    expect(excludesSource(source, tokens('status', { code: 'final' }))).toBe(true);
    expect(excludesSource(source, { ...tokens('category', { code: 'vital-signs' }), modifier: 'not' } as SearchClause)).toBe(false);
    expect(excludesSource(source, tokens('code', { code: 'nope' }))).toBe(false);
    expect(excludesSource(source, tokens('_id', { code: 'x' }))).toBe(false);
  });
});
