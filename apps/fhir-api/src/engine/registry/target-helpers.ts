/** Small builders for registry entries: token columns through code maps, audit columns. */
import type { AuditInfo, TokenColumn } from './resource-definition.js';

/**
 * Inverts a local-code -> FHIR map for token search: FHIR code -> local codes. `pick` extracts the FHIR code from
 * a map value (a string or a Coding).
 */
export function reverseCodes<T>(map: Readonly<Record<string, T>>, pick: (v: T) => string | undefined = (v) => (typeof v === 'string' ? v : (v as { code?: string }).code)): (code: string) => string[] | undefined {
  const out = new Map<string, string[]>();
  for (const [local, value] of Object.entries(map)) {
    const code = pick(value);
    if (code === undefined) continue;
    out.set(code, [...(out.get(code) ?? []), local]);
  }
  return (code) => out.get(code);
}

/** A token column whose FHIR codes are stored as-is. */
export function codeColumn<C extends string>(system: string | undefined, column: C): TokenColumn & { column: C } {
  return { system, column };
}

/** A token column translated through a local code map. */
export function mappedColumn<C extends string, T>(system: string | undefined, column: C, map: Readonly<Record<string, T>>, pick?: (v: T) => string | undefined): TokenColumn & { column: C } {
  return { system, column, toDb: reverseCodes(map, pick) };
}

/**
 * Token columns for a local-code -> Coding map whose codings may come from several systems (one TokenColumn per
 * system, each translating that system's codes back to the local codes).
 */
export function codingColumns<C extends string>(column: C, map: Readonly<Record<string, { system?: string; code?: string }>>): (TokenColumn & { column: C })[] {
  const systems = new Set(Object.values(map).map((c) => c.system));
  return [...systems].map((system) => {
    const subset = Object.fromEntries(Object.entries(map).filter(([, c]) => c.system === system));
    return { system, column, toDb: reverseCodes(subset, (c) => c.code) };
  });
}

/** The standard audit columns of a legacy row (for its Provenance). */
export function auditOf(row: { CREATED_AT: string; CREATED_BY: number | null; UPDATED_AT: string; UPDATED_BY: number | null; ROW_VER: number }): AuditInfo {
  return { CREATED_AT: row.CREATED_AT, CREATED_BY: row.CREATED_BY ?? null, UPDATED_AT: row.UPDATED_AT, UPDATED_BY: row.UPDATED_BY ?? null, ROW_VER: row.ROW_VER };
}
