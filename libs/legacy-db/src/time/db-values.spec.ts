import { describe, expect, it } from '@jest/globals';
import { normalizeDbDate, normalizeDbDateTime } from './db-values.js';

describe('legacy DATETIME / DATE driver values -> wall-clock text', () => {
  it('normalises driver values: SQLite/PostgreSQL text and mssql UTC-mode Dates', () => {
    expect(normalizeDbDateTime('2024-03-10 02:30:00')).toBe('2024-03-10T02:30:00');
    expect(normalizeDbDateTime('2024-03-10 02:30:00.000')).toBe('2024-03-10T02:30:00');
    expect(normalizeDbDateTime('2024-03-10 02:30:00.25')).toBe('2024-03-10T02:30:00.250');
    expect(normalizeDbDateTime(new Date(Date.UTC(2024, 10, 3, 1, 30)))).toBe('2024-11-03T01:30:00');
    expect(normalizeDbDateTime(null)).toBeNull();
    expect(normalizeDbDate('2024-02-29')).toBe('2024-02-29');
    expect(normalizeDbDate(new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29');
    expect(() => normalizeDbDateTime('garbage')).toThrow(RangeError);
  });

  it('passes canonical DATETIME text through and still rejects look-alikes of the same length', () => {
    expect(normalizeDbDateTime('2024-03-10T02:30:00')).toBe('2024-03-10T02:30:00');
    expect(normalizeDbDateTime('2024-12-31 23:59:59')).toBe('2024-12-31T23:59:59');
    expect(normalizeDbDateTime('2024-03-10T02:30')).toBe('2024-03-10T02:30:00');
    expect(() => normalizeDbDateTime('2024-03-10T02:3x:00')).toThrow(RangeError);
    expect(() => normalizeDbDateTime('2024/03/10T02:30:00')).toThrow(RangeError);
    expect(() => normalizeDbDateTime('2024-03-10X02:30:00')).toThrow(RangeError);
  });
});
