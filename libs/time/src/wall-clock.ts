/**
 * The one place where the legacy database's wall-clock DATETIME values meet absolute instants.
 *
 * Legacy DATETIME columns hold the clinic's local time without a zone. The deployment configures one IANA
 * zone; these functions convert between `YYYY-MM-DDTHH:mm:ss[.SSS]` wall-clock strings and FHIR instants
 * (`2024-03-10T03:30:00-04:00`) using that zone's rules on that date, and never the process time zone.
 *
 * Daylight-saving edge cases follow RFC 9557 / Temporal's "compatible" disambiguation: a wall-clock time
 * inside a spring-forward gap is moved forward by the gap; a repeated time in a fall-back overlap takes the
 * earlier (daylight) offset.
 */

const WALL_CLOCK_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Throws unless `zone` is an IANA zone this runtime knows. */
export function assertValidTimeZone(zone: string): void {
  formatterFor(zone);
}

const BUCKET_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
const MAX_CACHED_BUCKETS = 200_000;
const MAX_CACHED_DAYS = 100_000;

/** Per zone: offsets at UTC day starts, per UTC day its offset (NaN: it changes that day), and 15-minute buckets. */
interface ZoneOffsets {
  starts: Map<number, number>;
  days: Map<number, number>;
  buckets: Map<number, number>;
}
const offsetCache = new Map<string, ZoneOffsets>();

function computeOffsetMinutes(epochMs: number, zone: string): number {
  const parts = formatterFor(zone).formatToParts(new Date(epochMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000);
}

function zoneOffsets(zone: string): ZoneOffsets {
  let z = offsetCache.get(zone);
  if (!z) offsetCache.set(zone, (z = { starts: new Map(), days: new Map(), buckets: new Map() }));
  return z;
}

function remember(map: Map<number, number>, key: number, value: number, max: number): void {
  if (map.size >= max) map.clear();
  map.set(key, value);
}

/** Offset at the start of UTC day `day` (a bucket start, so the same value the bucket cache would hold). */
function dayStartOffset(z: ZoneOffsets, day: number, zone: string): number {
  let offset = z.starts.get(day);
  if (offset === undefined) remember(z.starts, day, (offset = computeOffsetMinutes(day * DAY_MS, zone)), MAX_CACHED_DAYS);
  return offset;
}

function bucketOffset(z: ZoneOffsets, epochMs: number, zone: string): number {
  const bucket = Math.floor(epochMs / BUCKET_MS);
  let offset = z.buckets.get(bucket);
  if (offset === undefined) remember(z.buckets, bucket, (offset = computeOffsetMinutes(bucket * BUCKET_MS, zone)), MAX_CACHED_BUCKETS);
  return offset;
}

/**
 * Offset of `zone` from UTC at the UTC instant `epochMs`, in minutes (east positive).
 *
 * `Intl` look-ups cost tens of microseconds, and mappers convert several values per resource (each first read of
 * a patient brings new dates), so offsets are cached per zone and UTC day: a day whose start and next day's start
 * have the same offset has that offset throughout (no IANA zone changes its offset and back within 24 hours), so
 * a few thousand days (two `Intl` calls per new day, shared with its neighbours) cover years of data. A day with a
 * transition falls back to 15-minute buckets: every transition in the IANA rules of the last century falls on a
 * quarter hour, so an offset is constant within a bucket.
 */
export function zoneOffsetMinutes(epochMs: number, zone: string): number {
  const z = zoneOffsets(zone);
  const day = Math.floor(epochMs / DAY_MS);
  let offset = z.days.get(day);
  if (offset === undefined) {
    const start = dayStartOffset(z, day, zone);
    offset = start === dayStartOffset(z, day + 1, zone) ? start : NaN;
    remember(z.days, day, offset, MAX_CACHED_DAYS);
  }
  return offset === offset ? offset : bucketOffset(z, epochMs, zone);
}

interface WallClockParts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

function parseWallClock(value: string): WallClockParts {
  const m = WALL_CLOCK_RE.exec(value.trim());
  if (!m) throw new RangeError(`Not a wall-clock date-time: ${value}`);
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  return { y: +m[1], mo: +m[2], d: +m[3], h: +m[4], mi: +m[5], s: m[6] ? +m[6] : 0, ms };
}

/** Epoch milliseconds of a legacy wall-clock value in `zone`. */
export function wallClockToEpoch(value: string, zone: string): number {
  const p = parseWallClock(value);
  const naive = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms);
  // Candidate offsets are the zone's offsets a day either side; pick the one(s) that reproduce the wall clock.
  const before = zoneOffsetMinutes(naive - 86_400_000, zone);
  const after = zoneOffsetMinutes(naive + 86_400_000, zone);
  // One candidate offset (no transition near this date): the checks below would return exactly this value, from
  // the candidate or from the gap rule, so they are skipped (most values of every first read take this path).
  if (before === after) return naive - before * 60_000;
  const candidates = [...new Set([before, after])]
    .map((off) => naive - off * 60_000)
    .filter((epoch) => epochToWallClockParts(epoch, zone) === naiveKey(p))
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0]; // overlap: the earlier instant
  // Gap (spring forward): interpret with the offset before the transition, which lands after the gap.
  return naive - before * 60_000;
}

function naiveKey(p: WallClockParts): string {
  return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}:${p.s}`;
}

function epochToWallClockParts(epoch: number, zone: string): string {
  const off = zoneOffsetMinutes(epoch, zone);
  const t = new Date(epoch + off * 60_000);
  return `${t.getUTCFullYear()}-${t.getUTCMonth() + 1}-${t.getUTCDate()} ${t.getUTCHours()}:${t.getUTCMinutes()}:${t.getUTCSeconds()}`;
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

function formatOffset(minutes: number): string {
  if (minutes === 0) return '+00:00';
  const sign = minutes > 0 ? '+' : '-';
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** Formats epoch milliseconds as an ISO instant with the zone's offset, e.g. `2024-11-03T01:30:00-04:00`. */
export function epochToZonedIso(epoch: number, zone: string, withMillis = false): string {
  const off = zoneOffsetMinutes(epoch, zone);
  const t = new Date(epoch + off * 60_000);
  const base = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  const ms = withMillis ? `.${pad(t.getUTCMilliseconds(), 3)}` : '';
  return `${base}${ms}${formatOffset(off)}`;
}

/** Legacy wall-clock value -> FHIR instant/dateTime with the zone's offset on that date. */
export function wallClockToInstant(value: string, zone: string): string {
  const epoch = wallClockToEpoch(value, zone);
  return epochToZonedIso(epoch, zone, epoch % 1000 !== 0);
}

/** Epoch milliseconds -> legacy wall-clock `YYYY-MM-DDTHH:mm:ss[.SSS]` in `zone`. */
export function epochToWallClock(epoch: number, zone: string): string {
  const iso = epochToZonedIso(epoch, zone, epoch % 1000 !== 0);
  return iso.slice(0, iso.length - 6);
}

/** A FHIR instant or dateTime with an offset (or `Z`) -> legacy wall-clock value in `zone`. */
export function instantToWallClock(instant: string, zone: string): string {
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(instant)) throw new RangeError(`Instant needs an offset: ${instant}`);
  const epoch = Date.parse(instant);
  if (Number.isNaN(epoch)) throw new RangeError(`Not an instant: ${instant}`);
  return epochToWallClock(epoch, zone);
}
