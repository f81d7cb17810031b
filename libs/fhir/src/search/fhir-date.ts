/**
 * FHIR date/dateTime/instant literals as search values and their implied ranges
 * (https://hl7.org/fhir/R4/search.html#date). A literal denotes a half-open interval [start, end) whose width is
 * its precision: `2024` is the whole year, `2024-03-10T10:30` the whole minute. A literal without an offset is
 * read in the clinic's zone (the FHIR spec: "the server's local time zone"), DST-correct.
 */
import { epochToWallClock, wallClockToEpoch } from '#facade/time';
import { invalid } from '../errors/fhir-error.js';

/** The precision of a date literal. */
export type DatePrecision = 'year' | 'month' | 'day' | 'minute' | 'second' | 'millisecond';

/** The interval a date literal denotes. */
export interface FhirDateRange {
  /** Inclusive start, epoch ms. */
  start: number;
  /** Exclusive end, epoch ms. */
  end: number;
  precision: DatePrecision;
  /** True for `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (no time of day, no offset). */
  isDateOnly: boolean;
  /** True when the literal carried `Z` or `±hh:mm`. */
  hasOffset: boolean;
  /**
   * The same interval as clinic wall-clock strings `YYYY-MM-DDTHH:mm:ss[.SSS]` (for legacy DATETIME columns,
   * which store local time): compare `col >= localStart AND col < localEnd`.
   */
  localStart: string;
  localEnd: string;
}

const DATE_RE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

// Zone conversions go through Intl (tens of µs); search dates repeat a lot (today, this month ...), so the
// results are memoised per zone and value, in a bounded map that is simply reset when full.
const MEMO_LIMIT = 10_000;
const toEpochMemo = new Map<string, number>();
const toWallMemo = new Map<string, string>();

function localToEpoch(wall: string, zone: string): number {
  const key = `${zone}|${wall}`;
  let v = toEpochMemo.get(key);
  if (v === undefined) {
    v = wallClockToEpoch(wall, zone);
    if (toEpochMemo.size >= MEMO_LIMIT) toEpochMemo.clear();
    toEpochMemo.set(key, v);
  }
  return v;
}

function epochToLocal(epoch: number, zone: string): string {
  const key = `${zone}|${epoch}`;
  let v = toWallMemo.get(key);
  if (v === undefined) {
    v = epochToWallClock(epoch, zone);
    if (toWallMemo.size >= MEMO_LIMIT) toWallMemo.clear();
    toWallMemo.set(key, v);
  }
  return v;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Naive (zone-less) calendar arithmetic in UTC fields; years below 1000 are rejected before this point. */
function naiveToWallClock(naive: number): string {
  const t = new Date(naive);
  const base = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  const ms = t.getUTCMilliseconds();
  return ms === 0 ? base : `${base}.${pad(ms, 3)}`;
}

/**
 * Parses a FHIR date literal (no prefix) into the half-open range it denotes.
 *
 * Accepts `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mm`, `…:ss`, `…:ss.f…` each optionally followed by
 * `Z` or `±hh:mm` (time forms only). A space where the `+` of an offset belongs (a `+` decoded from a query
 * string) is read as `+`. Values without offset are interpreted in `zone` (IANA), DST-correct.
 *
 * @throws FhirError 400 (`MSG_DATE_FORMAT`) for anything else, including impossible dates (`2023-02-29`).
 */
export function parseFhirDate(raw: string, zone: string): FhirDateRange {
  const text = raw.length > 19 && raw.charAt(raw.length - 6) === ' ' ? `${raw.slice(0, -6)}+${raw.slice(-5)}` : raw;
  const m = DATE_RE.exec(text);
  const bad = (why: string) =>
    invalid(`Invalid date '${raw}': ${why}`, { messageCode: 'MSG_DATE_FORMAT' });
  if (!m) throw bad('expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh:mm]');
  const y = +m[1];
  const mo = m[2] ? +m[2] : 1;
  const d = m[3] ? +m[3] : 1;
  const h = m[4] ? +m[4] : 0;
  const mi = m[5] ? +m[5] : 0;
  const s = m[6] ? +m[6] : 0;
  const frac = m[7];
  if (y < 1000) throw bad('years before 1000 are not supported');
  if (mo < 1 || mo > 12) throw bad('month out of range');
  if (d < 1 || d > daysInMonth(y, mo)) throw bad('day out of range');
  if (h > 23 || mi > 59 || s > 59) throw bad('time out of range');
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;

  let precision: DatePrecision;
  let naiveEnd: number;
  const naiveStart = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (!m[2]) {
    precision = 'year';
    naiveEnd = Date.UTC(y + 1, 0, 1);
  } else if (!m[3]) {
    precision = 'month';
    naiveEnd = Date.UTC(y, mo, 1);
  } else if (!m[4]) {
    precision = 'day';
    naiveEnd = Date.UTC(y, mo - 1, d + 1);
  } else if (!m[6]) {
    precision = 'minute';
    naiveEnd = naiveStart + 60_000;
  } else if (!frac) {
    precision = 'second';
    naiveEnd = naiveStart + 1000;
  } else {
    precision = 'millisecond';
    // `.5` spans 100 ms, `.25` 10 ms, `.123` and finer 1 ms (the resolution of the range).
    naiveEnd = naiveStart + (frac.length >= 3 ? 1 : 10 ** (3 - frac.length));
  }

  const offsetText = m[8];
  const isDateOnly = !m[4];
  if (offsetText) {
    let offsetMin = 0;
    if (offsetText !== 'Z') {
      const oh = +offsetText.slice(1, 3);
      const om = +offsetText.slice(4, 6);
      if (oh > 14 || om > 59) throw bad('offset out of range');
      offsetMin = (offsetText[0] === '-' ? -1 : 1) * (oh * 60 + om);
    }
    const start = naiveStart - offsetMin * 60_000;
    const end = naiveEnd - offsetMin * 60_000;
    return {
      start,
      end,
      precision,
      isDateOnly,
      hasOffset: true,
      localStart: epochToLocal(start, zone),
      localEnd: epochToLocal(end, zone),
    };
  }
  const localStart = naiveToWallClock(naiveStart);
  const localEnd = naiveToWallClock(naiveEnd);
  return {
    start: localToEpoch(localStart, zone),
    end: localToEpoch(localEnd, zone),
    precision,
    isDateOnly,
    hasOffset: false,
    localStart,
    localEnd,
  };
}
