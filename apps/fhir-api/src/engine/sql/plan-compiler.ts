/**
 * Turns one source query into SQL through TypeORM's query builder (so each engine gets its own quoting, paging
 * syntax and placeholders) and records, per selected column, its label and normaliser. Three shapes:
 * - `rows`: every column of the base table and of its joins (plus `__sort`), what the mappers read;
 * - `versions`: the same FROM / WHERE / ORDER BY / LIMIT (so the same index use) selecting only what identifies a
 *   row version: the primary key, ROW_VER and UPDATED_AT of the row and of each joined row (all columns of a
 *   table without versions, e.g. PATIENT_RACE, whose content is its version), the soft-delete flag, `__sort` and
 *   per child table the digest of the row's children (`__kid0` ...: child-digest.ts);
 * - `count`: `SELECT COUNT(*)`, or for wide rows the sum of their items' presence predicates;
 * - `digests` (a child table as a source keyed by its parent key): per parent key the digest of its child rows.
 */
import type { DataSource } from 'typeorm';
import type { ResourceSource, SourceChildren } from '../registry/resource-definition.js';
import { columnNormalizer, hasRowVersions, tableColumns } from './row-normalizer.js';
import { dialectOfDataSource, sqlCapabilitiesOf } from './dialect.js';
import { keyColumnsOf } from './row-key.js';
import { childDigest, childDigestSql, DIGEST, digestAggregateSql, digestLabel } from './child-digest.js';
import type { Cond } from './sql-fragment.js';

/** What to fetch from one source. */
export interface SourceQuery {
  source: ResourceSource;
  where: Cond;
  values: Record<string, unknown>;
  /** Join PATIENT as `cp` (practice compartment of tables without their own practice column). */
  joinPatient: boolean;
  /** Sort expression (property path), selected as `__sort`. */
  sortColumn?: string;
  descending: boolean;
  limit?: number;
  mode: 'rows' | 'versions' | 'count' | 'digests';
  /** `digests` mode: the child table (the source is its own, keyed by the parent key) whose rows are digested. */
  child?: SourceChildren;
  /** Columns ordered after the primary key (child tables: the rest of their key, so every run lists rows alike). */
  thenBy?: readonly string[];
}

export interface Reader {
  /** Column label in the SQL (`PAT_ID`, `o__STATUS`, `__sort`). */
  key: string;
  /** Position of the column in a row as the runner returns it (SQLite: statement column; elsewhere reader order). */
  index: number;
  target: string;
  join?: string;
  normalize: (v: unknown) => unknown;
}

/** The part of a better-sqlite3 statement the runner uses (raw mode: rows as arrays in column order). */
export interface SqliteStatement {
  raw(on: boolean): SqliteStatement;
  columns(): { name: string }[];
  all(params: unknown[]): unknown[][];
}

export interface CompiledPlan {
  sql: string;
  /** better-sqlite3 prepared statement in raw mode (SQLite only). */
  statement?: SqliteStatement;
  paramNames: string[];
  readers: Reader[];
  /** Row position of each column label. */
  at: Record<string, number>;
  /** The query's mode as a statement kind of the telemetry (`rows`, `versions`, `count`), set by the runner. */
  kind?: string;
  /** Positions of the version columns ({@link versionKeys}), filled in by the loader on first use. */
  versionIndex?: number[];
  /** Positions of the children digests (version statements of sources with children), filled in by the loader. */
  digestIndex?: number[];
  /** The normalised row's shape (every member null, joins as nested templates), made by the runner on first use. */
  rowShape?: RowShape;
}

/** A normalised row's members in order, to copy (one shape for every row of a plan) and then fill in. */
export interface RowShape {
  template: Record<string, unknown>;
  /** Join aliases with their nested templates. */
  joins: [string, Record<string, unknown>][];
}

const SENTINEL = Symbol('param');

/**
 * The column labels that identify a row version of a source, in a fixed order: ROW_VER and UPDATED_AT of the row,
 * then per join its ROW_VER and UPDATED_AT, or all its selected columns when the joined table has no versions.
 * Both the `rows` and the `versions` shape select them. Undefined when the base table has no versions.
 */
export function versionKeys(s: ResourceSource): string[] | undefined {
  if (!hasRowVersions(s.table)) return undefined;
  const out = ['ROW_VER', 'UPDATED_AT'];
  for (const j of s.joins ?? []) {
    const cols = hasRowVersions(j.table) && j.columns.includes('ROW_VER') && j.columns.includes('UPDATED_AT') ? ['ROW_VER', 'UPDATED_AT'] : j.columns;
    for (const c of cols) out.push(`${j.alias}__${c}`);
  }
  return out;
}

/** Base-table columns of the `versions` shape. */
function versionColumns(q: SourceQuery): string[] {
  const s = q.source;
  if (!hasRowVersions(s.table)) return [...(s.columns ?? tableColumns(s.table))];
  const cols = [...keyColumnsOf(s), ...(q.thenBy ?? []), 'ROW_VER', 'UPDATED_AT'];
  if (s.deletedColumn?.startsWith(`${s.alias}.`)) cols.push(s.deletedColumn.slice(s.alias.length + 1));
  return [...new Set(cols)];
}

/** Builds the SQL and readers of a query (`whereSql` is the condition's text, '' for none). */
export function compilePlan(ds: DataSource, q: SourceQuery, whereSql: string): CompiledPlan {
  const s = q.source;
  const qb = ds.createQueryBuilder().from(s.table, s.alias);
  const readers: Reader[] = [];
  for (const j of s.joins ?? []) {
    if (j.optional) qb.leftJoin(j.table, j.alias, j.on);
    else qb.innerJoin(j.table, j.alias, j.on);
  }
  if (q.joinPatient) qb.innerJoin('PATIENT', 'cp', `cp.PAT_ID = ${s.patientColumn}`);
  if (q.mode === 'count') {
    // Wide rows count their items: one CASE per item's presence predicate, summed over the matching rows.
    // Rows whose items depend on child rows give their own per-row item count.
    const items = s.itemPresence;
    const perRow = s.itemCount?.(dialectOfDataSource(ds)) ?? items?.map((p) => `CASE WHEN ${p} THEN 1 ELSE 0 END`).join(' + ');
    qb.select(perRow ? `COALESCE(SUM(${perRow}), 0)` : 'COUNT(*)', 'n');
    readers.push({ key: 'n', index: 0, target: 'n', normalize: (v) => v });
  } else if (q.mode === 'digests') {
    // The loader never asks a server without an ordered string aggregate (SQL Server 2016) for digests.
    if (!sqlCapabilitiesOf(ds).orderedStringAgg) throw new Error('Children digests need an ordered string aggregate (SQL Server 2017 or later)');
    qb.select(`${s.alias}.${s.pk}`, s.pk).addSelect(digestAggregateSql(dialectOfDataSource(ds), (n) => ds.driver.escape(n), q.child!, s.alias), DIGEST);
    qb.groupBy(`${s.alias}.${s.pk}`);
    readers.push({ key: s.pk, index: -1, target: s.pk, normalize: (v) => v }, { key: DIGEST, index: -1, target: DIGEST, normalize: (v) => v });
  } else {
    const cols = q.mode === 'versions' ? versionColumns(q) : [...(s.columns ?? tableColumns(s.table))];
    qb.select(`${s.alias}.${cols[0]}`, cols[0]);
    for (const c of cols.slice(1)) qb.addSelect(`${s.alias}.${c}`, c);
    for (const c of cols) readers.push({ key: c, index: -1, target: c, normalize: columnNormalizer(s.table, c) });
    const versions = q.mode === 'versions' ? new Set(versionKeys(s)) : undefined;
    for (const j of s.joins ?? []) {
      for (const c of j.columns) {
        const key = `${j.alias}__${c}`;
        if (versions && !versions.has(key)) continue;
        qb.addSelect(`${j.alias}.${c}`, key);
        readers.push({ key, index: -1, target: c, join: j.alias, normalize: columnNormalizer(j.table, c) });
      }
    }
    if (q.mode === 'versions' && s.children?.length && sqlCapabilitiesOf(ds).orderedStringAgg) {
      // Each child table's digest (child-digest.ts): a cached row's children are checked in this same statement
      // (never on SQL Server 2016: the loader reads such sources in full there).
      const dialect = dialectOfDataSource(ds);
      const quote = (name: string) => ds.driver.escape(name);
      s.children.forEach((child, ci) => {
        if (!childDigest(child).folded) return;
        const key = digestLabel(ci);
        qb.addSelect(childDigestSql(dialect, quote, child, `k${ci}`, `${quote(s.alias)}.${quote(s.pk)}`), key);
        readers.push({ key, index: -1, target: key, normalize: (v) => v });
      });
    }
    if (q.sortColumn) {
      qb.addSelect(q.sortColumn, '__sort');
      const [alias, column] = q.sortColumn.split('.');
      const table = alias === s.alias ? s.table : s.joins?.find((j) => j.alias === alias)?.table;
      readers.push({ key: '__sort', index: -1, target: '__sort', normalize: table ? columnNormalizer(table, column) : (v) => v });
    }
    const dir = q.descending ? 'DESC' : 'ASC';
    const [first, ...rest] = keyColumnsOf(s);
    if (q.sortColumn) qb.orderBy(q.sortColumn, dir).addOrderBy(`${s.alias}.${first}`, dir);
    else qb.orderBy(`${s.alias}.${first}`, dir);
    for (const c of rest) qb.addOrderBy(`${s.alias}.${c}`, dir);
    for (const c of q.thenBy ?? []) qb.addOrderBy(`${s.alias}.${c}`, dir);
    if (q.limit !== undefined) qb.limit(q.limit);
  }
  const names = Object.keys(q.values);
  const sentinels: Record<string, unknown> = {};
  for (const n of names) sentinels[n] = { [SENTINEL]: n };
  if (whereSql) qb.where(whereSql, sentinels);
  const [sql, params] = qb.getQueryAndParameters();
  const paramNames = params.map((p) => {
    const name = (p as { [SENTINEL]?: string } | null)?.[SENTINEL];
    if (name === undefined) throw new Error('Unexpected inline parameter in a compiled query');
    return name;
  });
  return { sql, paramNames, readers, at: {} };
}

/** Fixes each reader's row position: the statement's column order on SQLite, the reader order elsewhere. */
export function bindPositions(plan: CompiledPlan, columnNames?: string[]): void {
  plan.readers.forEach((rd, i) => {
    rd.index = columnNames ? columnNames.indexOf(rd.key) : i;
    if (rd.index < 0) throw new Error(`Column ${rd.key} missing from a compiled statement`);
    plan.at[rd.key] = rd.index;
  });
}
