/**
 * Calendar arithmetic for generated wall-clock values, on UTC fields only (never the process time zone).
 * A "day" is a day number since 1970-01-01; DATETIME values are `YYYY-MM-DDTHH:mm:ss` wall-clock text.
 */

const DAY_MS = 86_400_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Day number of a `YYYY-MM-DD` date. */
export function dayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** `YYYY-MM-DD` of a day number. */
export function dateOf(day: number): string {
  const t = new Date(day * DAY_MS);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** Wall-clock `YYYY-MM-DDTHH:mm:ss` of a day number plus minutes (may exceed one day) and seconds. */
export function wallClock(day: number, minutes: number, seconds = 0): string {
  const t = new Date(day * DAY_MS + minutes * 60_000 + seconds * 1000);
  return `${dateOf(Math.floor(t.getTime() / DAY_MS))}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

/** Adds minutes to a wall-clock value (calendar arithmetic, no zone). */
export function addMinutes(value: string, minutes: number): string {
  const day = dayOf(value.slice(0, 10));
  const [h, m, s] = value.slice(11, 19).split(':').map(Number);
  return wallClock(day, h * 60 + m + minutes, s);
}

/** Age in whole years on `day` of someone born on `birthDay`. */
export function ageOn(birthDay: number, day: number): number {
  const b = new Date(birthDay * DAY_MS);
  const t = new Date(day * DAY_MS);
  let age = t.getUTCFullYear() - b.getUTCFullYear();
  if (t.getUTCMonth() < b.getUTCMonth() || (t.getUTCMonth() === b.getUTCMonth() && t.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

/** `YYMMDD` of a day number (GS1 date application identifiers). */
export function yymmdd(day: number): string {
  return dateOf(day).slice(2).replace(/-/g, '');
}

/** The "today" of the generated EHR: histories end here, scheduled visits lie after it. Fixed for determinism. */
export const DEMO_TODAY = dayOf('2025-06-16');
