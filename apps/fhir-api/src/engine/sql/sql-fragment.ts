/**
 * SQL condition fragments with bound parameters. Column references are TypeORM property paths (`p.LAST_NAME`)
 * which the query builder quotes per dialect; values never appear in the SQL text, only as `:pN` parameters.
 */

/** The engines the legacy database runs on. */
export type SqlDialect = 'sqlite' | 'postgres' | 'mssql';

/** A boolean SQL expression, or a constant known while building (so whole sources can be skipped). */
export type Cond = { sql: string } | true | false;

/**
 * Collects parameter values under generated names, and a shape string that identifies the SQL text independent
 * of the values (for plan caching).
 */
export class ParamBag {
  readonly values: Record<string, unknown> = {};
  private n = 0;

  constructor(readonly dialect: SqlDialect) {}

  /** Binds `value` and returns its placeholder. */
  bind(value: unknown): string {
    const name = `p${this.n++}`;
    this.values[name] = value;
    return `:${name}`;
  }
}

/** AND of conditions (constants folded). */
export function and(conds: Cond[]): Cond {
  const parts: string[] = [];
  for (const c of conds) {
    if (c === false) return false;
    if (c === true) continue;
    parts.push(c.sql);
  }
  if (parts.length === 0) return true;
  return { sql: parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' AND ') };
}

/** OR of conditions (constants folded). */
export function or(conds: Cond[]): Cond {
  const parts: string[] = [];
  for (const c of conds) {
    if (c === true) return true;
    if (c === false) continue;
    parts.push(c.sql);
  }
  if (parts.length === 0) return false;
  return { sql: parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' OR ') };
}

/** NOT of a condition. */
export function not(c: Cond): Cond {
  if (c === true) return false;
  if (c === false) return true;
  return { sql: `NOT (${c.sql})` };
}

/** `column IN (...)` with one bound parameter per value (never an array parameter, so plans can be cached). */
export function inList(column: string, values: readonly unknown[], bag: ParamBag): Cond {
  if (values.length === 0) return false;
  if (values.length === 1) return { sql: `${column} = ${bag.bind(values[0])}` };
  return { sql: `${column} IN (${values.map((v) => bag.bind(v)).join(', ')})` };
}

/** Escapes LIKE wildcards so user input matches literally (used with `ESCAPE '\'`). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_[]/g, (c) => `\\${c}`);
}

/**
 * A wall-clock value `YYYY-MM-DDTHH:mm:ss[.SSS]` as the literal each engine compares a DATETIME column with:
 * SQLite stores the text with a space (what the legacy entity transformers write), the others parse either form.
 */
export function dateTimeParam(wallClock: string, dialect: SqlDialect): string {
  return dialect === 'sqlite' ? wallClock.replace('T', ' ') : wallClock;
}
