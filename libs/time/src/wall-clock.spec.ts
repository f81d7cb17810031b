import { describe, expect, it } from '@jest/globals';
import {
  instantToWallClock,
  zoneOffsetMinutes,
  wallClockToEpoch,
  wallClockToInstant,
} from './wall-clock.js';

const NY = 'America/New_York';

describe('legacy wall-clock DATETIME <-> FHIR instant (independent of the process zone)', () => {
  it('runs under a process zone that is not the database zone', () => {
    expect(process.env.TZ).toBeDefined();
    expect(process.env.TZ).not.toBe(NY);
    expect(new Date(Date.UTC(2024, 0, 15)).getTimezoneOffset()).not.toBe(300);
  });

  it.each([
    ['winter (EST)', '2024-01-15T09:30:00', '2024-01-15T09:30:00-05:00'],
    ['summer (EDT)', '2024-07-04T18:05:09', '2024-07-04T18:05:09-04:00'],
    ['the instant before spring forward', '2024-03-10T01:59:59', '2024-03-10T01:59:59-05:00'],
    ['the first instant after spring forward', '2024-03-10T03:00:00', '2024-03-10T03:00:00-04:00'],
    ['a time inside the spring-forward gap moves forward by the gap', '2024-03-10T02:30:00', '2024-03-10T03:30:00-04:00'],
    ['an ambiguous fall-back time takes the earlier (daylight) offset', '2024-11-03T01:30:00', '2024-11-03T01:30:00-04:00'],
    ['after the fall-back overlap', '2024-11-03T02:00:00', '2024-11-03T02:00:00-05:00'],
    ['space separator and milliseconds from a driver', '2024-02-29 23:59:59.5', '2024-02-29T23:59:59.500-05:00'],
    ['minute precision', '2023-12-31T23:59', '2023-12-31T23:59:00-05:00'],
  ])('%s', (_case, local, instant) => {
    expect(wallClockToInstant(local, NY)).toBe(instant);
  });

  it('converts instants back to the clinic wall clock whatever their offset', () => {
    expect(instantToWallClock('2024-07-04T22:05:09Z', NY)).toBe('2024-07-04T18:05:09');
    expect(instantToWallClock('2024-11-03T05:30:00Z', NY)).toBe('2024-11-03T01:30:00'); // first 01:30 (EDT)
    expect(instantToWallClock('2024-11-03T06:30:00Z', NY)).toBe('2024-11-03T01:30:00'); // second 01:30 (EST)
    expect(instantToWallClock('2024-03-10T07:30:00+00:00', NY)).toBe('2024-03-10T03:30:00');
    expect(() => instantToWallClock('2024-03-10T07:30:00', NY)).toThrow(/offset/);
  });

  it('round-trips every quarter hour across both 2024 transitions', () => {
    for (const day of ['2024-03-09', '2024-03-10', '2024-03-11', '2024-11-02', '2024-11-03', '2024-11-04']) {
      for (let m = 0; m < 24 * 60; m += 15) {
        const local = `${day}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`;
        const back = instantToWallClock(wallClockToInstant(local, NY), NY);
        if (day === '2024-03-10' && local >= '2024-03-10T02:00:00' && local < '2024-03-10T03:00:00') {
          expect(back).toBe(local.replace('T02:', 'T03:')); // nonexistent local time normalised forward
        } else {
          expect(back).toBe(local);
        }
      }
    }
  });

  it('is consistent for zones with other rules (half-hour DST, southern hemisphere, no DST)', () => {
    expect(wallClockToInstant('2024-10-06T02:15:00', 'Australia/Lord_Howe')).toBe('2024-10-06T02:45:00+11:00');
    expect(wallClockToInstant('2024-04-07T01:45:00', 'Australia/Lord_Howe')).toBe('2024-04-07T01:45:00+11:00');
    expect(wallClockToInstant('2024-06-01T12:00:00', 'Asia/Kolkata')).toBe('2024-06-01T12:00:00+05:30');
    expect(wallClockToInstant('2024-06-01T12:00:00', 'UTC')).toBe('2024-06-01T12:00:00+00:00');
    expect(wallClockToEpoch('2024-06-01T12:00:00', 'America/Los_Angeles')).toBe(Date.UTC(2024, 5, 1, 19));
  });

  it('rejects values that are not wall-clock date-times', () => {
    expect(() => wallClockToInstant('2024-06-01T12:00:00Z', NY)).toThrow(RangeError);
    expect(() => wallClockToInstant('yesterday', NY)).toThrow(RangeError);
  });
});

describe('offset cache', () => {
  it('agrees with an uncached Intl computation every 15 min 7 s through a year, in several zones', () => {
    // Casablanca: Ramadan transitions a month apart; Apia 2011: a whole calendar day skipped (offset −10 → +14).
    for (const [zone, year] of [[NY, 2024], ['Australia/Lord_Howe', 2024], ['Asia/Kathmandu', 2024], ['America/St_Johns', 2024], ['Africa/Casablanca', 2024], ['Pacific/Apia', 2011]] as const) {
      const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
      const intlOffset = (epoch: number) => {
        const name = f.formatToParts(new Date(epoch)).find((p) => p.type === 'timeZoneName')!.value; // GMT-04:00 or GMT
        const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
        return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
      };
      for (let epoch = Date.UTC(year, 0, 1); epoch < Date.UTC(year + 1, 0, 1); epoch += 15 * 60_000 + 7_000) {
        expect(zoneOffsetMinutes(epoch, zone)).toBe(intlOffset(epoch));
      }
    }
  });
});
