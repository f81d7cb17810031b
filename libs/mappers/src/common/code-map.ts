import type { MapperContext } from '../mapper-context.js';

/**
 * Looks a local code up in an explicit table. An unknown (non-blank) code is reported to `ctx.report` with the
 * legacy column (never the row's other values) and yields `undefined`, so the caller picks the FHIR fallback
 * (usually a data-absent-reason). Blank or NULL yields `undefined` without a report.
 */
export function lookupCode<T>(
  table: Readonly<Record<string, T>>,
  code: string | null | undefined,
  column: string,
  ctx: MapperContext,
): T | undefined {
  if (code === null || code === undefined) return undefined;
  const key = String(code).trim().toUpperCase();
  if (key === '') return undefined;
  if (Object.prototype.hasOwnProperty.call(table, key)) return table[key];
  ctx.report({ column, code: key, message: `Unknown local code in ${column}` });
  return undefined;
}
