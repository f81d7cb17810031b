/**
 * Runs source queries on one data source. SQL is compiled once per shape (conditions carry placeholders, never
 * values) and cached, so a steady workload builds each statement once and then only binds values.
 *
 * better-sqlite3 is synchronous: on SQLite a plan's prepared statement runs in raw mode (arrays, no per-row
 * objects) and the engine's multi-statement work (version statement, misses, children) is written as generators
 * of {@link Step}s that {@link SourceQueryRunner.drive} runs to completion without a single await. PostgreSQL and
 * SQL Server run the same generators with one await per statement.
 */
import type { DataSource } from 'typeorm';
import { NO_ENGINE_OBSERVER, type EngineObserver } from '#facade/observability/src/telemetry/engine-observer.js';
import type { SourceRow } from '../registry/resource-definition.js';
import { sqlCapabilitiesOf, type SqlCapabilities } from './dialect.js';
import { bindPositions, compilePlan, type CompiledPlan, type RowShape, type SourceQuery, type SqliteStatement } from './plan-compiler.js';

export type { CompiledPlan, SourceQuery } from './plan-compiler.js';

/** One statement to run: a compiled plan and its positional parameters. */
export interface Step {
  plan: CompiledPlan;
  params: unknown[];
}

/** Engine work that yields statements and receives their rows (positions in `plan.at`). */
export type Job<T> = Generator<Step, T, unknown[][]>;

/** Compiles, caches and runs source queries on one data source. */
export class SourceQueryRunner {
  private readonly plans = new Map<string, CompiledPlan>();

  /** SQLite's and PostgreSQL's capabilities (SQL Server's are looked up: learned at connect). */
  private readonly fixedCapabilities: SqlCapabilities | undefined;

  /** The raw better-sqlite3 connection when the legacy database is SQLite (statements prepared once per plan). */
  private readonly sqlite: { prepare(sql: string): SqliteStatement } | undefined;

  /** @param observer told of every statement (kind and duration: the legacy query time metric and spans). */
  constructor(
    private readonly ds: DataSource,
    private readonly observer: EngineObserver = NO_ENGINE_OBSERVER,
  ) {
    this.fixedCapabilities = ds.options.type === 'mssql' ? undefined : sqlCapabilitiesOf(ds);
    this.sqlite = ds.options.type === 'better-sqlite3' ? (ds.driver as unknown as { databaseConnection?: NonNullable<SourceQueryRunner['sqlite']> }).databaseConnection : undefined;
  }

  /** What the server runs beyond the common SQL (SQL Server: learned at connect, engine/sql/dialect.ts). */
  get capabilities(): SqlCapabilities {
    return this.fixedCapabilities ?? sqlCapabilitiesOf(this.ds);
  }

  /** True when statements run synchronously (SQLite): {@link drive} then returns plain values. */
  get sync(): boolean {
    return this.sqlite !== undefined;
  }

  /** A step for a plan with named values. */
  step(plan: CompiledPlan, values: Record<string, unknown>): Step {
    const names = plan.paramNames;
    const params = new Array<unknown>(names.length);
    for (let i = 0; i < names.length; i++) params[i] = values[names[i]];
    return { plan, params };
  }

  /** Runs a job: synchronously on SQLite, otherwise as a promise (one await per statement). */
  drive<T>(job: Job<T>): T | Promise<T> {
    const sqlite = this.sqlite;
    if (sqlite) {
      const observer = this.observer;
      let r = job.next();
      while (!r.done) {
        const started = performance.now();
        const rows = r.value.plan.statement!.all(r.value.params);
        observer.statement(r.value.plan.kind!, started);
        r = job.next(rows);
      }
      return r.value;
    }
    return (async () => {
      let r = job.next();
      while (!r.done) r = job.next(await this.runAsync(r.value));
      return r.value;
    })();
  }

  private async runAsync({ plan, params }: Step): Promise<unknown[][]> {
    const started = performance.now();
    const rows = (await this.ds.query(plan.sql, params)) as Record<string, unknown>[];
    this.observer.statement(plan.kind!, started);
    return rows.map((r) => plan.readers.map((rd) => r[rd.key]));
  }

  /** Runs a row query: normalised rows (joined tables' columns under their alias). */
  async rows(q: SourceQuery): Promise<SourceRow[]> {
    if (q.where === false) return [];
    const plan = this.plan(q);
    const raw = await this.drive(this.one(plan, q.values));
    return raw.map((r) => this.toRow(plan, r));
  }

  private *one(plan: CompiledPlan, values: Record<string, unknown>): Job<unknown[][]> {
    return yield this.step(plan, values);
  }

  /**
   * A raw row (values as the runner returns them) as a normalised source row. The paging value `__sort` is not
   * part of it (the engine reads it from the raw row; cached rows are shared by queries of any sort order).
   */
  toRow(plan: CompiledPlan, r: unknown[], many = false): SourceRow {
    const readers = plan.readers;
    if (!many) {
      const row: SourceRow = {};
      for (let i = 0; i < readers.length; i++) {
        const rd = readers[i];
        if (rd.key === '__sort') continue;
        const v = rd.normalize(r[rd.index]);
        if (rd.join) ((row[rd.join] ??= {}) as Record<string, unknown>)[rd.target] = v;
        else row[rd.target] = v;
      }
      return row;
    }
    // `many` (a page of rows of one plan): a copy of the plan's row shape, then filled in. Adding ~40 members one
    // by one cost a hidden-class transition and backing-store growth each (~3 µs per lab row); the copy is one
    // allocation of the final shape, same members in the same order. Measured slower for the few rows of a read
    // (the copy site sees many shapes), hence only for pages.
    const shape = (plan.rowShape ??= rowShapeOf(plan));
    const row: SourceRow = { ...shape.template };
    for (let j = 0; j < shape.joins.length; j++) row[shape.joins[j][0]] = { ...shape.joins[j][1] };
    for (let i = 0; i < readers.length; i++) {
      const rd = readers[i];
      if (rd.key === '__sort') continue;
      const v = rd.normalize(r[rd.index]);
      if (rd.join) (row[rd.join] as Record<string, unknown>)[rd.target] = v;
      else row[rd.target] = v;
    }
    return row;
  }

  /** Runs a count query. */
  async count(q: SourceQuery): Promise<number> {
    if (q.where === false) return 0;
    const plan = this.plan({ ...q, mode: 'count' });
    const raw = await this.drive(this.one(plan, q.values));
    return Number(raw[0]?.[0] ?? 0);
  }

  /** The SQL and positional parameters a query would run (for SQL snapshots and query-plan checks). */
  render(q: SourceQuery): { sql: string; parameters: unknown[] } {
    const plan = this.plan(q);
    return { sql: plan.sql, parameters: plan.paramNames.map((n) => q.values[n]) };
  }

  /** The compiled plan of a query's shape (prepared on SQLite), made on first use. */
  plan(q: SourceQuery): CompiledPlan {
    const whereSql = q.where === true ? '' : q.where === false ? '1 = 0' : q.where.sql;
    const key = `${q.source.key}\u0001${q.mode}\u0001${whereSql}\u0001${q.joinPatient ? 'P' : ''}\u0001${q.sortColumn ?? ''}\u0001${q.descending ? 'D' : 'A'}\u0001${q.limit ?? ''}\u0001${q.thenBy?.join(',') ?? ''}`;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = compilePlan(this.ds, q, whereSql);
      plan.kind = q.mode;
      if (this.sqlite) {
        plan.statement = this.sqlite.prepare(plan.sql).raw(true);
        bindPositions(plan, plan.statement.columns().map((c) => c.name));
      } else bindPositions(plan);
      if (this.plans.size > 5000) this.plans.clear();
      this.plans.set(key, plan);
    }
    return plan;
  }
}

/** The members {@link SourceQueryRunner.toRow} fills, in reader order (joins nested under their alias). */
function rowShapeOf(plan: CompiledPlan): RowShape {
  const template: Record<string, unknown> = {};
  const nested = new Map<string, Record<string, unknown>>();
  for (const rd of plan.readers) {
    if (rd.key === '__sort') continue;
    if (rd.join) {
      let t = nested.get(rd.join);
      if (!t) nested.set(rd.join, (t = {}));
      if (!(rd.join in template)) template[rd.join] = null;
      t[rd.target] = null;
    } else template[rd.target] = null;
  }
  // Through JSON.parse: an object built by ~40 keyed stores can be left in dictionary mode, and a spread copy of
  // one is ten times slower than of a fast-mode object (JSON.parse builds fast-mode objects).
  const fast = (o: Record<string, unknown>) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;
  return { template: fast(template), joins: [...nested].map(([alias, t]) => [alias, fast(t)]) };
}
