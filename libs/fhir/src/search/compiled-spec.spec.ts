import { describe, expect, it } from '@jest/globals';
import { compileSearchSpec } from './compiled-spec.js';
import type { ResourceSearchSpec } from './search-param-definition.js';

describe('compileSearchSpec', () => {
  const spec: ResourceSearchSpec = {
    resourceType: 'Observation',
    params: [
      { code: 'code', type: 'token' },
      { code: 'date', type: 'date', sortable: true, prefixes: ['ge', 'le'] },
      { code: 'subject', type: 'reference', targetTypes: ['Patient'], modifiers: ['missing', 'identifier'] },
    ],
    includes: ['Observation:subject:Patient'],
    revincludes: ['Provenance:target'],
  };

  it('precomputes modifiers (defaults per type or declared), prefixes, targets, sortables and includes', () => {
    const c = compileSearchSpec(spec);
    expect([...c.params.get('code')!.modifiers]).toEqual(['not', 'text', 'missing']);
    expect([...c.params.get('subject')!.modifiers]).toEqual(['missing', 'identifier']);
    expect([...c.params.get('date')!.prefixes]).toEqual(['ge', 'le']);
    expect(c.params.get('code')!.prefixes.size).toBe(9);
    expect([...c.params.get('subject')!.targetTypes!]).toEqual(['Patient']);
    expect([...c.sortable]).toEqual(['date']);
    expect(c.includes.get('Observation:subject')).toEqual({ sourceType: 'Observation', param: 'subject', targetType: 'Patient', iterate: false });
    expect(c.revincludes.has('Provenance:target')).toBe(true);
    expect(c.paramList).toBe('code, date, subject');
  });

  it('caches per spec object', () => {
    expect(compileSearchSpec(spec)).toBe(compileSearchSpec(spec));
  });

  it.each([
    ['a duplicate code', { resourceType: 'X', params: [{ code: 'a', type: 'token' }, { code: 'a', type: 'string' }] }, /twice/],
    ['a malformed code', { resourceType: 'X', params: [{ code: 'a b', type: 'token' }] }, /bad parameter code/],
    ['a malformed include', { resourceType: 'X', params: [], includes: ['X'] }, /Source:param/],
    ['a malformed revinclude', { resourceType: 'X', params: [], revincludes: ['A:b:c:d'] }, /Source:param/],
  ] as const)('rejects %s at start-up', (_label, bad, message) => {
    expect(() => compileSearchSpec(bad as ResourceSearchSpec)).toThrow(message);
  });
});
