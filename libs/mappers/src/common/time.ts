import { wallClockToInstant } from '../../../legacy-db/src/index.js';
import type { MapperContext } from '../mapper-context.js';

/**
 * Legacy DATETIME (clinic wall clock) -> FHIR instant/dateTime with the offset of the configured zone on that
 * date. The single conversion point for mappers; `undefined` for NULL.
 */
export function toInstant(value: string | null | undefined, ctx: MapperContext): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return wallClockToInstant(value, ctx.timeZone);
}

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
