import { describe, expect, it } from '@jest/globals';
import { envInt } from './env-int.js';

describe('envInt', () => {
  const read = (raw: string | undefined) => {
    const problems: string[] = [];
    const value = envInt(raw === undefined ? {} : { N: raw }, 'N', 7, 1, 10, problems);
    return { value, problems };
  };

  it('gives the fallback when unset or blank', () => {
    expect(read(undefined)).toEqual({ value: 7, problems: [] });
    expect(read('')).toEqual({ value: 7, problems: [] });
  });

  it('takes a whole number within the bounds, bounds included', () => {
    expect(read('1').value).toBe(1);
    expect(read('10').value).toBe(10);
  });

  it.each(['0', '11', '2.5', 'abc', '1e9'])('names %s as a problem and keeps the fallback', (raw: string) => {
    const { value, problems } = read(raw);
    expect(value).toBe(7);
    expect(problems).toEqual([`N: "${raw}" must be a whole number between 1 and 10`]);
  });
});
