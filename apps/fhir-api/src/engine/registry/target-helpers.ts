/** Small builders for registry entries: reverse code maps, id parsing and reference keys. */
import { parseResourceId } from '../../../../../libs/mappers/src/ids.js';
import type { TokenColumn } from './resource-definition.js';

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
export function codeColumn(system: string | undefined, column: string): TokenColumn {
  return { system, column };
}

/** A token column translated through a local code map. */
export function mappedColumn<T>(system: string | undefined, column: string, map: Readonly<Record<string, T>>, pick?: (v: T) => string | undefined): TokenColumn {
  return { system, column, toDb: reverseCodes(map, pick) };
}

/** Primary key of a plain (one row = one resource) id of `type`, or undefined when malformed. */
export function plainKey(type: string, id: string): number | undefined {
  const parsed = parseResourceId(type, id);
  return parsed && parsed.table !== 'PROVENANCE' && 'key' in parsed ? parsed.key : undefined;
}

/** `parseId` for a plain source of `type` stored in `table`. */
export function plainIdParser(type: string, table: string): (id: string) => { pk: number } | undefined {
  return (id) => {
    const parsed = parseResourceId(type, id);
    return parsed && parsed.table === table && 'key' in parsed ? { pk: parsed.key } : undefined;
  };
}

/** `toKey` of a reference parameter: accepts the target types' ids. */
export function referenceKey(type: string, id: string): number | undefined {
  return plainKey(type, id);
}

/**
 * Token columns for a local-code -> Coding map whose codings may come from several systems (one TokenColumn per
 * system, each translating that system's codes back to the local codes).
 */
export function codingColumns(column: string, map: Readonly<Record<string, { system?: string; code?: string }>>): TokenColumn[] {
  const systems = new Set(Object.values(map).map((c) => c.system));
  return [...systems].map((system) => {
    const subset = Object.fromEntries(Object.entries(map).filter(([, c]) => c.system === system));
    return { system, column, toDb: reverseCodes(subset, (c) => c.code) };
  });
}

/** The standard audit columns of a legacy row (for its Provenance). */
export function auditColumns(row: Record<string, unknown>) {
  return {
    CREATED_AT: row.CREATED_AT as string,
    CREATED_BY: (row.CREATED_BY as number | null) ?? null,
    UPDATED_AT: row.UPDATED_AT as string,
    UPDATED_BY: (row.UPDATED_BY as number | null) ?? null,
    ROW_VER: row.ROW_VER as number,
  };
}
