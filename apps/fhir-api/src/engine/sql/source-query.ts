/**
 * Turns one source's conditions into SQL through TypeORM's query builder (so each engine gets its own quoting,
 * paging syntax and placeholders), caches the rendered SQL by shape, and runs it with `DataSource.query` for raw
 * rows. The cache key is the SQL shape only (conditions carry placeholders, never values), so a steady workload
 * builds each statement once and then only binds values.
 */
import type { DataSource } from 'typeorm';
import type { ResourceSource, SourceRow } from '../registry/resource-definition.js';
import { columnNormalizer, tableColumns } from './row-normalizer.js';
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
  /** `count` = `SELECT COUNT(*)` instead of rows. */
  mode: 'rows' | 'count';
}

/** The part of a better-sqlite3 statement the runner uses (raw mode: rows as arrays in column order). */
interface SqliteStatement {
  raw(on: boolean): SqliteStatement;
  columns(): { name: string }[];
  all(params: unknown[]): unknown[][];
}

interface Reader {
  /** Column label in the SQL (`PAT_ID`, `o__STATUS`, `__sort`). */
  key: string;
  /** Position of the column in a raw SQLite row (set when the statement is prepared). */
  index: number;
  target: string;
  join?: string;
  normalize: (v: unknown) => unknown;
}

interface CompiledPlan {
  sql: string;
  /** better-sqlite3 prepared statement in raw mode, made on first use (SQLite only). */
  statement?: SqliteStatement;
  paramNames: string[];
  readers: Reader[];
}

const SENTINEL = Symbol('param');

/** Compiles, caches and runs source queries on one data source. */
export class SourceQueryRunner {
  private readonly plans = new Map<string, CompiledPlan>();

  /** The raw better-sqlite3 connection when the legacy database is SQLite (statements prepared once per plan). */
  private readonly sqlite: { prepare(sql: string): SqliteStatement } | undefined;

  constructor(private readonly ds: DataSource) {
    this.sqlite = ds.options.type === 'better-sqlite3' ? (ds.driver as unknown as { databaseConnection?: NonNullable<SourceQueryRunner['sqlite']> }).databaseConnection : undefined;
  }

  /**
   * Runs a compiled plan and returns each row's values in reader order. SQLite: a cached prepared statement in
   * raw mode (arrays, no per-row objects; readers indexed by column position). Elsewhere TypeORM's query runner.
   */
  private async exec(plan: CompiledPlan, params: unknown[]): Promise<unknown[][]> {
    if (this.sqlite) {
      if (!plan.statement) {
        const stmt = this.sqlite.prepare(plan.sql).raw(true);
        const names = stmt.columns().map((c) => c.name);
        for (const rd of plan.readers) {
          rd.index = names.indexOf(rd.key);
          if (rd.index < 0) throw new Error(`Column ${rd.key} missing from a compiled statement`);
        }
        plan.statement = stmt;
      }
      return plan.statement.all(params);
    }
    const rows = (await this.ds.query(plan.sql, params)) as Record<string, unknown>[];
    return rows.map((r) => plan.readers.map((rd) => r[rd.key]));
  }

  /** Runs a row query: normalised rows (joined tables' columns under their alias), plus `__sort` when sorting. */
  async rows(q: SourceQuery): Promise<SourceRow[]> {
    if (q.where === false) return [];
    const plan = this.plan(q);
    const raw = await this.exec(plan, plan.paramNames.map((n) => q.values[n]));
    return raw.map((r) => this.toRow(plan, r));
  }

  /** A raw row (values as {@link exec} returns them) as a normalised source row. */
  private toRow(plan: CompiledPlan, r: unknown[]): SourceRow {
    const row: SourceRow = {};
    const readers = plan.readers;
    const positional = this.sqlite !== undefined;
    for (let i = 0; i < readers.length; i++) {
      const rd = readers[i];
      const v = rd.normalize(r[positional ? rd.index : i]);
      if (rd.join) ((row[rd.join] ??= {}) as Record<string, unknown>)[rd.target] = v;
      else row[rd.target] = v;
    }
    return row;
  }

  /**
   * Loads child rows (e.g. PATIENT_RACE) for a set of parent keys with one `IN (...)` query and puts them under
   * `as` on each parent row (an empty list when none).
   */
  async attachChildren(source: ResourceSource, rows: SourceRow[]): Promise<void> {
    if (!source.children?.length || rows.length === 0) return;
    const keys = [...new Set(rows.map((r) => r[source.pk] as number))];
    for (const child of source.children) {
      const byParent = new Map<number, SourceRow[]>();
      for (let i = 0; i < keys.length; i += 500) {
        const chunk = keys.slice(i, i + 500);
        const values: Record<string, unknown> = {};
        const names = chunk.map((k, j) => {
          values[`k${j}`] = k;
          return `:k${j}`;
        });
        const childSource: ResourceSource = { ...source, key: `${source.key}>${child.table}:${chunk.length}`, table: child.table, alias: 'c', pk: child.fk, joins: [], columns: undefined };
        const plan = this.plan({ source: childSource, where: { sql: `c.${child.fk} IN (${names.join(', ')})` }, values, joinPatient: false, descending: false, mode: 'rows' });
        const raw = await this.exec(plan, plan.paramNames.map((n) => values[n]));
        for (const r of raw) {
          const row = this.toRow(plan, r);
          const parent = row[child.fk] as number;
          const list = byParent.get(parent) ?? [];
          list.push(row);
          byParent.set(parent, list);
        }
      }
      for (const r of rows) r[child.as] = byParent.get(r[source.pk] as number) ?? [];
    }
  }

  /** Runs a count query. */
  async count(q: SourceQuery): Promise<number> {
    if (q.where === false) return 0;
    const plan = this.plan({ ...q, mode: 'count' });
    const raw = await this.exec(plan, plan.paramNames.map((n) => q.values[n]));
    return Number(raw[0]?.[0] ?? 0);
  }

  /** The SQL and positional parameters a query would run (for SQL snapshots and query-plan checks). */
  render(q: SourceQuery): { sql: string; parameters: unknown[] } {
    const plan = this.plan(q);
    return { sql: plan.sql, parameters: plan.paramNames.map((n) => q.values[n]) };
  }

  private plan(q: SourceQuery): CompiledPlan {
    const whereSql = q.where === true ? '' : q.where === false ? '1 = 0' : q.where.sql;
    const key = [q.source.key, q.mode, whereSql, q.joinPatient ? 'P' : '', q.sortColumn ?? '', q.descending ? 'D' : 'A', q.limit ?? ''].join('\u0001');
    let plan = this.plans.get(key);
    if (!plan) {
      plan = this.compile(q, whereSql);
      if (this.plans.size > 5000) this.plans.clear();
      this.plans.set(key, plan);
    }
    return plan;
  }

  private compile(q: SourceQuery, whereSql: string): CompiledPlan {
    const s = q.source;
    const qb = this.ds.createQueryBuilder().from(s.table, s.alias);
    const readers: CompiledPlan['readers'] = [];
    for (const j of s.joins ?? []) {
      if (j.optional) qb.leftJoin(j.table, j.alias, j.on);
      else qb.innerJoin(j.table, j.alias, j.on);
    }
    if (q.joinPatient) qb.innerJoin('PATIENT', 'cp', `cp.PAT_ID = ${s.patientColumn}`);
    if (q.mode === 'count') {
      qb.select('COUNT(*)', 'n');
      readers.push({ key: 'n', index: 0, target: 'n', normalize: (v) => v });
    } else {
      const cols = s.columns ?? tableColumns(s.table);
      qb.select(`${s.alias}.${cols[0]}`, cols[0]);
      for (const c of cols.slice(1)) qb.addSelect(`${s.alias}.${c}`, c);
      for (const c of cols) readers.push({ key: c, index: -1, target: c, normalize: columnNormalizer(s.table, c) });
      for (const j of s.joins ?? []) {
        for (const c of j.columns) {
          qb.addSelect(`${j.alias}.${c}`, `${j.alias}__${c}`);
          readers.push({ key: `${j.alias}__${c}`, index: -1, target: c, join: j.alias, normalize: columnNormalizer(j.table, c) });
        }
      }
      if (q.sortColumn) {
        qb.addSelect(q.sortColumn, '__sort');
        const [alias, column] = q.sortColumn.split('.');
        const table = alias === s.alias ? s.table : s.joins?.find((j) => j.alias === alias)?.table;
        readers.push({ key: '__sort', index: -1, target: '__sort', normalize: table ? columnNormalizer(table, column) : (v) => v });
      }
      const dir = q.descending ? 'DESC' : 'ASC';
      if (q.sortColumn) qb.orderBy(q.sortColumn, dir).addOrderBy(`${s.alias}.${s.pk}`, dir);
      else qb.orderBy(`${s.alias}.${s.pk}`, dir);
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
    return { sql, paramNames, readers };
  }
}
