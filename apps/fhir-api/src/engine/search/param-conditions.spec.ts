import { describe, expect, it } from '@jest/globals';
import { parseFhirDate, type DateValue, type SearchPrefix } from '#facade/fhir';
import { ParamBag, type Cond } from '../sql/sql-fragment.js';
import { dateCondition, stringCondition, tokenCondition } from './param-conditions.js';

const ZONE = 'America/New_York';
const sql = (c: Cond) => (typeof c === 'boolean' ? c : c.sql);

function date(prefix: SearchPrefix, raw: string): DateValue {
  const r = parseFhirDate(raw, ZONE);
  return { prefix, raw, start: r.start, end: r.end, isDateOnly: r.isDateOnly, localStart: r.localStart, localEnd: r.localEnd };
}

describe('stringCondition', () => {
  it('is a case-insensitive starts-with by default, with LIKE wildcards escaped', () => {
    const bag = new ParamBag('sqlite');
    expect(sql(stringCondition('O%Br_', undefined, ['p.LAST_NAME'], bag))).toBe("LOWER(p.LAST_NAME) LIKE :p0 ESCAPE '\\'");
    expect(bag.values).toEqual({ p0: 'o\\%br\\_%' });
  });
  it('supports :exact and :contains, and ORs the columns', () => {
    const bag = new ParamBag('postgres');
    expect(sql(stringCondition('Ann', 'exact', ['p.FIRST_NAME', 'p.MIDDLE_NAME'], bag))).toBe('(p.FIRST_NAME = :p0) OR (p.MIDDLE_NAME = :p1)');
    expect(sql(stringCondition('nn', 'contains', ['p.FIRST_NAME'], bag))).toContain('LIKE :p2');
    expect(bag.values.p2).toBe('%nn%');
  });
  it('leaves case to the collation on SQL Server so the index stays seekable', () => {
    const bag = new ParamBag('mssql');
    expect(sql(stringCondition('Smi', undefined, ['p.LAST_NAME'], bag))).toBe("p.LAST_NAME LIKE :p0 ESCAPE '\\'");
    expect(bag.values.p0).toBe('Smi%');
  });
});

describe('tokenCondition', () => {
  const columns = [
    { system: 'urn:mrn', column: 'p.MRN' },
    { system: 'http://hl7.org/fhir/administrative-gender', column: 'p.SEX', toDb: (c: string) => ({ male: ['M'], female: ['F'] })[c] },
    { system: 'http://terminology.hl7.org/CodeSystem/observation-category', constant: ['laboratory'] },
  ];
  it('matches code-only values in every column, translating codes', () => {
    const bag = new ParamBag('sqlite');
    expect(sql(tokenCondition({ code: 'female' }, columns, bag))).toBe('(p.MRN = :p0) OR (p.SEX = :p1)');
    expect(bag.values).toEqual({ p0: 'female', p1: 'F' });
  });
  it('restricts system|code to that system, and system| to any code of it', () => {
    const bag = new ParamBag('sqlite');
    expect(sql(tokenCondition({ system: 'urn:mrn', code: 'A1' }, columns, bag))).toBe('p.MRN = :p0');
    expect(sql(tokenCondition({ system: 'urn:mrn' }, columns, bag))).toBe('p.MRN IS NOT NULL');
    expect(tokenCondition({ system: 'urn:other', code: 'A1' }, columns, bag)).toBe(false);
    expect(tokenCondition({ system: '', code: 'A1' }, columns, bag)).toBe(false);
  });
  it('builds a NULL-safe form for :not (a missing value is not the excluded code)', () => {
    const bag = new ParamBag('sqlite');
    expect(sql(tokenCondition({ system: 'urn:mrn', code: 'A1' }, columns, bag, true))).toBe('(p.MRN IS NOT NULL) AND (p.MRN = :p0)');
  });
  it('decides constant columns without SQL', () => {
    const bag = new ParamBag('sqlite');
    const cat = 'http://terminology.hl7.org/CodeSystem/observation-category';
    expect(tokenCondition({ system: cat, code: 'laboratory' }, columns, bag)).toBe(true);
    expect(tokenCondition({ system: cat, code: 'vital-signs' }, columns, bag)).toBe(false);
  });
});

describe('dateCondition', () => {
  const target = { kind: 'date' as const, column: 'v.TAKEN_AT', columnType: 'datetime' as const };
  it('converts an instant with an offset to the clinic wall clock (SQLite text form)', () => {
    const bag = new ParamBag('sqlite');
    expect(sql(dateCondition(date('ge', '2024-03-10T12:00:00Z'), target, bag, ZONE))).toBe('v.TAKEN_AT >= :p0');
    expect(bag.values.p0).toBe('2024-03-10 08:00:00');
  });
  it.each([
    ['eq', '2024-01-15', 'v.TAKEN_AT >= :p0 AND v.TAKEN_AT < :p1', ['2024-01-15T00:00:00', '2024-01-16T00:00:00']],
    ['ne', '2024-01', 'v.TAKEN_AT < :p0 OR v.TAKEN_AT >= :p1', ['2024-01-01T00:00:00', '2024-02-01T00:00:00']],
    ['gt', '2024', 'v.TAKEN_AT >= :p0', ['2025-01-01T00:00:00']],
    ['lt', '2024', 'v.TAKEN_AT < :p0', ['2024-01-01T00:00:00']],
    ['le', '2024-01-15', 'v.TAKEN_AT < :p0', ['2024-01-16T00:00:00']],
    ['sa', '2024-01-15', 'v.TAKEN_AT >= :p0', ['2024-01-16T00:00:00']],
    ['eb', '2024-01-15', 'v.TAKEN_AT < :p0', ['2024-01-15T00:00:00']],
  ] as const)('%s %s', (prefix, raw, expected, values) => {
    const bag = new ParamBag('postgres');
    expect(sql(dateCondition(date(prefix, raw), target, bag, ZONE))).toBe(expected);
    expect(Object.values(bag.values)).toEqual(values);
  });
  it('compares DATE columns by calendar day, rounding a finer end up to the next day', () => {
    const bag = new ParamBag('sqlite');
    const dob = { kind: 'date' as const, column: 'p.DOB', columnType: 'date' as const };
    expect(sql(dateCondition(date('eq', '1987-02-20'), dob, bag, ZONE))).toBe('p.DOB >= :p0 AND p.DOB < :p1');
    expect(bag.values).toEqual({ p0: '1987-02-20', p1: '1987-02-21' });
    const bag2 = new ParamBag('sqlite');
    dateCondition(date('le', '1987-02-20T10:00:00-05:00'), dob, bag2, ZONE);
    expect(bag2.values).toEqual({ p0: '1987-02-21' });
  });
  it('matches periods that overlap the searched range for eq', () => {
    const bag = new ParamBag('sqlite');
    const period = { kind: 'date' as const, column: 'v.START_DT', endColumn: 'v.END_DT', columnType: 'datetime' as const };
    expect(sql(dateCondition(date('eq', '2024-01-10'), period, bag, ZONE))).toBe('v.START_DT < :p0 AND COALESCE(v.END_DT, v.START_DT) >= :p1');
  });
  it('follows the clinic zone across a daylight-saving change', () => {
    const bag = new ParamBag('mssql');
    dateCondition(date('ge', '2024-07-01T12:00:00Z'), target, bag, ZONE);
    expect(bag.values.p0).toBe('2024-07-01T08:00:00'); // EDT, UTC-4
  });
});
