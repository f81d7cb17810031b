import { wallClockToInstant } from '#facade/time';
import type { MapperContext } from '../mapper-context.js';

/**
 * Legacy DATETIME (clinic wall clock) -> FHIR instant/dateTime with the offset of the configured zone on that
 * date. The single conversion point for mappers; `undefined` for NULL.
 */
export function toInstant(value: string | null | undefined, ctx: MapperContext): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  let memo = instants.get(ctx.timeZone);
  if (!memo) instants.set(ctx.timeZone, (memo = new Map()));
  let instant = memo.get(value);
  if (instant === undefined) {
    instant = wallClockToInstant(value, ctx.timeZone);
    if (memo.size >= MAX_MEMO) memo.clear();
    memo.set(value, instant);
  }
  return instant;
}

/**
 * Converted values per zone (the conversion is a pure function of text and zone). Rows repeat their timestamps:
 * the results of one lab order share its ORDERED_AT / COLLECTED_AT / RESULTED_AT, and a conversion costs a
 * parse, three offset look-ups (an `Intl` call each when cold) and formatting. Bounded: cleared when full.
 */
const instants = new Map<string, Map<string, string>>();
const MAX_MEMO = 50_000;

/** Legacy DATE `YYYY-MM-DD` -> FHIR date (the same text); `undefined` for NULL. */
export function toDate(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  if (!m) throw new RangeError('Not a DATE value');
  return m[1];
}

/** The calendar date part of a legacy DATETIME (no zone conversion: it already is the clinic's date). */
export function wallClockDate(value: string | null | undefined): string | undefined {
  return toDate(value);
}
