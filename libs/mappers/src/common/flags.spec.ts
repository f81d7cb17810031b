import { describe, expect, it } from '@jest/globals';
import { compact } from './flags.js';

describe('compact', () => {
  it('drops undefined, null, empty arrays and objects left empty, recursively', () => {
    const input = {
      resourceType: 'Patient',
      id: 'p1',
      active: false,
      count: 0,
      note: '',
      gone: undefined,
      nil: null,
      list: [],
      meta: { tag: [], source: undefined },
      name: [{ family: 'Doe', given: ['A', undefined], period: { start: undefined } }],
      nested: { inner: { deeper: {} } },
      address: [{}, { city: 'X', line: [] }],
    };
    expect(compact(input)).toEqual({
      resourceType: 'Patient',
      id: 'p1',
      active: false,
      count: 0,
      note: '',
      name: [{ family: 'Doe', given: ['A', undefined] }],
      address: [{}, { city: 'X' }],
    });
    expect(Object.keys(compact(input))).toEqual(['resourceType', 'id', 'active', 'count', 'note', 'name', 'address']);
  });

  it('returns a copy and leaves its input untouched', () => {
    const input = { a: { b: [1, 2] }, c: undefined };
    const out = compact(input);
    expect(out).not.toBe(input);
    expect(out.a).not.toBe(input.a);
    expect(input).toEqual({ a: { b: [1, 2] }, c: undefined });
    expect(compact([{ x: undefined }, 3])).toEqual([{}, 3]);
    expect(compact('text')).toBe('text');
  });
});
