import { describe, expect, it } from '@jest/globals';
import { testContext } from '../testing/test-context.js';
import { lookupCode } from './code-map.js';
import { address, formatPhone, humanName } from './contact-builders.js';
import { compact, isYes } from './flags.js';
import { formatIcd10Cm } from './icd10.js';
import { buildMeta } from './meta.js';
import { toDate, toInstant } from './time.js';

describe('formatIcd10Cm', () => {
  it.each([
    ['E119', 'E11.9'],
    ['I10', 'I10'],
    ['Z590', 'Z59.0'],
    ['S72001A', 'S72.001A'],
    ['e11.9', 'E11.9'],
    [' J069 ', 'J06.9'],
    ['', undefined],
    [null, undefined],
    ['12', undefined],
    ['E11-9', undefined],
    ['E1190000', undefined],
  ])('%j -> %j', (input, out) => expect(formatIcd10Cm(input)).toBe(out));
});

describe('formatPhone', () => {
  it.each([
    ['6175550100', '(617) 555-0100'],
    ['16175550100', '(617) 555-0100'],
    ['617-555-0100', '(617) 555-0100'],
    ['5550100', '5550100'],
    ['  ', undefined],
    [null, undefined],
  ])('%j -> %j', (input, out) => expect(formatPhone(input)).toBe(out));
});

describe('builders', () => {
  it('address: US country, blank lines dropped; all-blank is undefined', () => {
    expect(address({ ADDR1: '1 A St', ADDR2: ' ', CITY: 'Boston', STATE: 'ma', ZIP: '02110' }, 'home')).toEqual({
      use: 'home', line: ['1 A St'], city: 'Boston', state: 'MA', postalCode: '02110', country: 'US',
    });
    expect(address({ ADDR1: null, CITY: '', STATE: null, ZIP: null }, 'home')).toBeUndefined();
  });

  it('humanName renders text with prefix and suffix and drops blank parts', () => {
    expect(humanName({ family: 'Smith', given: ['John', null, ' '], prefix: 'Dr.', suffix: 'Jr.' })).toEqual({
      text: 'Dr. John Smith, Jr.', family: 'Smith', given: ['John'], prefix: ['Dr.'], suffix: ['Jr.'],
    });
    expect(humanName({ family: ' ', given: [] })).toBeUndefined();
  });

  it('isYes and compact', () => {
    expect([isYes('Y'), isYes('y '), isYes('N'), isYes(null)]).toEqual([true, true, false, false]);
    expect(compact({ a: undefined, b: [], c: {}, d: false, e: 0, f: [{ g: null, h: 'x' }] })).toEqual({ d: false, e: 0, f: [{ h: 'x' }] });
  });
});

describe('time and meta', () => {
  const ctx = testContext('America/New_York');

  it('wall clock -> instant with the offset of that date (winter, summer, DST gap, overlap)', () => {
    expect(toInstant('2024-01-15T08:00:00', ctx)).toBe('2024-01-15T08:00:00-05:00');
    expect(toInstant('2024-07-15T08:00:00', ctx)).toBe('2024-07-15T08:00:00-04:00');
    expect(toInstant('2024-03-10T02:30:00', ctx)).toBe('2024-03-10T03:30:00-04:00');
    expect(toInstant('2024-11-03T01:30:00', ctx)).toBe('2024-11-03T01:30:00-04:00');
    expect(toInstant(null, ctx)).toBeUndefined();
  });

  it('another clinic zone gives another offset', () => {
    expect(toInstant('2024-01-15T08:00:00', testContext('America/Los_Angeles'))).toBe('2024-01-15T08:00:00-08:00');
  });

  it('remembers conversions per zone without mixing zones, and never remembers a failure', () => {
    const ny = testContext('America/New_York');
    const la = testContext('America/Los_Angeles');
    for (let i = 0; i < 3; i++) {
      expect(toInstant('2024-02-01T10:00:00', ny)).toBe('2024-02-01T10:00:00-05:00');
      expect(toInstant('2024-02-01T10:00:00', la)).toBe('2024-02-01T10:00:00-08:00');
      expect(() => toInstant('not a time', ny)).toThrow();
    }
  });

  it('DATE columns pass as FHIR dates; garbage is a clear error', () => {
    expect(toDate('1980-07-14')).toBe('1980-07-14');
    expect(() => toDate('14/07/1980')).toThrow('Not a DATE value');
  });

  it('meta: versionId from ROW_VER, lastUpdated from UPDATED_AT, profile', () => {
    expect(buildMeta({ ROW_VER: 7, UPDATED_AT: '2024-07-01T12:00:00' }, 'http://p|1', ctx)).toEqual({
      versionId: '7', lastUpdated: '2024-07-01T12:00:00-04:00', profile: ['http://p|1'],
    });
  });
});

describe('lookupCode', () => {
  it('maps known codes case-insensitively, reports unknown ones with the column only, ignores blanks', () => {
    const ctx = testContext();
    const table = { A: 'active' };
    expect(lookupCode(table, 'a ', 'T.C', ctx)).toBe('active');
    expect(lookupCode(table, 'toString', 'T.C', ctx)).toBeUndefined();
    expect(lookupCode(table, '', 'T.C', ctx)).toBeUndefined();
    expect(lookupCode(table, null, 'T.C', ctx)).toBeUndefined();
    expect(ctx.issues).toEqual([{ column: 'T.C', code: 'TOSTRING', message: 'Unknown local code in T.C' }]);
  });
});
