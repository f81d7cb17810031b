import { describe, expect, it } from '@jest/globals';
import { FhirError } from '../errors/fhir-error.js';
import { parseFhirDate } from './fhir-date.js';

const utc = (iso: string) => Date.parse(iso);

describe('parseFhirDate', () => {
  it.each([
    // raw, zone, start, end, precision, isDateOnly
    ['2024', 'UTC', '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 'year', true],
    ['2024-02', 'Australia/Sydney', '2024-01-31T13:00:00Z', '2024-02-29T13:00:00Z', 'month', true],
    ['2024-02-29', 'UTC', '2024-02-29T00:00:00Z', '2024-03-01T00:00:00Z', 'day', true],
    ['2024-12-31', 'UTC', '2024-12-31T00:00:00Z', '2025-01-01T00:00:00Z', 'day', true],
    // spring-forward day in New York has 23 hours, fall-back day 25
    ['2024-03-10', 'America/New_York', '2024-03-10T05:00:00Z', '2024-03-11T04:00:00Z', 'day', true],
    ['2024-11-03', 'America/New_York', '2024-11-03T04:00:00Z', '2024-11-04T05:00:00Z', 'day', true],
    ['2024-03-10T10:30', 'America/New_York', '2024-03-10T14:30:00Z', '2024-03-10T14:31:00Z', 'minute', false],
    // inside the spring-forward gap: moved forward by the gap (02:30 EST does not exist -> 03:30 EDT)
    ['2024-03-10T02:30', 'America/New_York', '2024-03-10T07:30:00Z', '2024-03-10T07:31:00Z', 'minute', false],
    ['2024-03-10T10:30:15Z', 'America/New_York', '2024-03-10T10:30:15Z', '2024-03-10T10:30:16Z', 'second', false],
    ['2024-03-10T10:30:15.5+05:30', 'UTC', '2024-03-10T05:00:15.500Z', '2024-03-10T05:00:15.600Z', 'millisecond', false],
    ['2024-03-10T10:30:15.25-04:00', 'UTC', '2024-03-10T14:30:15.250Z', '2024-03-10T14:30:15.260Z', 'millisecond', false],
    ['2024-03-10T10:30:15.123456-04:00', 'UTC', '2024-03-10T14:30:15.123Z', '2024-03-10T14:30:15.124Z', 'millisecond', false],
    // a `+` decoded to a space by a form/query decoder is read as `+`
    ['2024-03-10T10:30:15 05:30', 'UTC', '2024-03-10T05:00:15Z', '2024-03-10T05:00:16Z', 'second', false],
  ])('%s in %s is [%s, %s) at %s precision', (raw, zone, start, end, precision, isDateOnly) => {
    const r = parseFhirDate(raw, zone);
    expect(new Date(r.start).toISOString()).toBe(new Date(utc(start)).toISOString());
    expect(new Date(r.end).toISOString()).toBe(new Date(utc(end)).toISOString());
    expect(r.precision).toBe(precision);
    expect(r.isDateOnly).toBe(isDateOnly);
  });

  it('gives the range as clinic wall-clock strings, converting literals with an offset into the zone', () => {
    expect(parseFhirDate('2024-03-10', 'America/New_York')).toMatchObject({
      localStart: '2024-03-10T00:00:00',
      localEnd: '2024-03-11T00:00:00',
      hasOffset: false,
    });
    expect(parseFhirDate('2024-07-01T12:00:00Z', 'America/New_York')).toMatchObject({
      localStart: '2024-07-01T08:00:00',
      localEnd: '2024-07-01T08:00:01',
      hasOffset: true,
    });
    expect(parseFhirDate('2024-07-01T12:00:00.5', 'UTC')).toMatchObject({
      localStart: '2024-07-01T12:00:00.500',
      localEnd: '2024-07-01T12:00:00.600',
    });
  });

  it('does not depend on the process time zone', () => {
    // The suite runs with TZ=Australia/Lord_Howe; a process-zone leak would shift these by 10.5/11 hours.
    expect(parseFhirDate('2024-01-15', 'UTC').start).toBe(Date.UTC(2024, 0, 15));
    expect(parseFhirDate('2024-01-15T08:00', 'Asia/Kolkata').start).toBe(Date.UTC(2024, 0, 15, 2, 30));
  });

  it.each([
    ['', 'empty'],
    ['abc', 'not a date'],
    ['24', 'two-digit year'],
    ['2024-1-01', 'one-digit month'],
    ['2024-13', 'month 13'],
    ['2023-02-29', 'no 29 February in 2023'],
    ['2024-04-31', 'no 31 April'],
    ['2024-03-10T25:00', 'hour 25'],
    ['2024-03-10T10:60', 'minute 60'],
    ['2024-03-10T10', 'hour without minutes'],
    ['2024-03-10Z', 'offset without a time'],
    ['2024-03-10T10:00+15:00', 'offset beyond 14 hours'],
    ['0999-01-01', 'year before 1000'],
    ['2024-03-10 10:00', 'space instead of T'],
  ])('rejects %j (%s) with a 400 MSG_DATE_FORMAT', (raw) => {
    let error: unknown;
    try {
      parseFhirDate(raw, 'UTC');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).status).toBe(400);
    expect((error as FhirError).messageCode).toBe('MSG_DATE_FORMAT');
    expect((error as FhirError).outcome.issue[0].diagnostics).toContain(`'${raw}'`);
  });
});
