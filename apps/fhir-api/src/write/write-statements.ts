/**
 * The SQL of writes, rendered by TypeORM's query builders for the data source's dialect (values always bound) and
 * run in one transaction: synchronously on SQLite (better-sqlite3; nothing else can interleave, so no other request
 * ever sees a half-written resource), with one await per statement in a QueryRunner transaction on PostgreSQL and
 * SQL Server. A write is a generator of statements, like the engine's reads.
 */
import type { DataSource } from 'typeorm';
import { NO_ENGINE_OBSERVER, type EngineObserver } from '#facade/observability';

/** One statement with its positional parameters. */
export interface WriteStatement {
  sql: string;
  params: unknown[];
}

/** What a statement returned: its rows (SELECT, RETURNING/OUTPUT) and the number of rows it changed. */
export interface StatementResult {
  rows: Record<string, unknown>[];
  affected: number;
}

/** A write: yields statements, receives their results, returns its outcome. */
export type WriteJob<T> = Generator<WriteStatement, T, StatementResult>;

type SqliteDb = {
  prepare(sql: string): { reader: boolean; all(p: unknown[]): Record<string, unknown>[]; run(p: unknown[]): { changes: number } };
  transaction<F extends () => unknown>(fn: F): F & { immediate: F };
};

/** Values of one row: column -> value, or a raw SQL expression (`() => '"ROW_VER" + 1'`). */
export type ColumnValues = Record<string, unknown>;

/** Builds the write statements of one data source (its dialect's quoting and placeholders). */
export class WriteSql {
  constructor(private readonly ds: DataSource) {}

  /** A quoted column name. */
  col(name: string): string {
    return this.ds.driver.escape(name);
  }

  /** `INSERT INTO table (...) VALUES (...)` returning the generated key (RETURNING / OUTPUT INSERTED). */
  insert(table: string, pk: string, values: ColumnValues): WriteStatement {
    const qb = this.ds.createQueryBuilder().insert().into(table).values(values);
    if (this.ds.options.type === 'better-sqlite3') {
      // TypeORM offers no RETURNING on SQLite; SQLite itself has it since 3.35.
      const [sql, params] = qb.getQueryAndParameters();
      return { sql: `${sql} RETURNING ${this.col(pk)}`, params };
    }
    const [sql, params] = qb.returning([pk]).getQueryAndParameters();
    // SQL Server: TypeORM renders `OUTPUT INSERTED.<pk> INTO @OutputTable` (so triggers do not break the INSERT); the
    // table variable is declared and read back here, in the same batch.
    if (this.ds.options.type === 'mssql') return { sql: `DECLARE @OutputTable TABLE (${this.col(pk)} int); ${sql}; SELECT * FROM @OutputTable`, params };
    return { sql, params };
  }

  /**
   * The atomic version-checked update: `UPDATE table SET ..., ROW_VER = ROW_VER + 1 WHERE pk = @id AND ROW_VER =
   * @expected AND DELETED_YN = 'N'` (plus `extra` equality conditions). 0 rows changed = absent, deleted, or another version.
   */
  update(table: string, pk: string, id: number, expected: number, values: ColumnValues, extra: Record<string, unknown> = {}, deletedColumn: string | null = 'DELETED_YN'): WriteStatement {
    const rowVer = this.col('ROW_VER');
    let qb = this.ds
      .createQueryBuilder()
      .update(table)
      .set({ ...values, ROW_VER: () => `${rowVer} + 1` })
      .where(`${this.col(pk)} = :id`, { id })
      .andWhere(`${rowVer} = :expected`, { expected });
    if (deletedColumn) qb = qb.andWhere(`${this.col(deletedColumn)} = :notDeleted`, { notDeleted: 'N' });
    for (const [column, value] of Object.entries(extra)) qb = qb.andWhere(`${this.col(column)} = :${column}`, { [column]: value });
    const [sql, params] = qb.getQueryAndParameters();
    return { sql, params };
  }

  /** `SELECT columns FROM table WHERE col = @v AND ... ORDER BY orderBy` (equality conditions only). */
  selectWhere(table: string, columns: string[], where: Record<string, unknown>, orderBy: string): WriteStatement {
    let qb = this.ds.createQueryBuilder().select(columns.map((c) => `t.${this.col(c)}`).join(', ')).from(table, 't');
    for (const [column, value] of Object.entries(where)) qb = qb.andWhere(`t.${this.col(column)} = :${column}`, { [column]: value });
    const [sql, params] = qb.orderBy(`t.${this.col(orderBy)}`).getQueryAndParameters();
    return { sql, params };
  }

  /** `SELECT columns FROM table WHERE pk = @id` (the re-read after an update that changed nothing). */
  select(table: string, pk: string, id: number, columns: string[]): WriteStatement {
    const [sql, params] = this.ds
      .createQueryBuilder()
      .select(columns.map((c) => `t.${this.col(c)}`).join(', '))
      .from(table, 't')
      .where(`t.${this.col(pk)} = :id`, { id })
      .getQueryAndParameters();
    return { sql, params };
  }
}

/** The statement kind of a write job's statement for the telemetry (a closed set; never the SQL). */
function writeKind(sql: string): string {
  const verb = /^\s*(INSERT|UPDATE|DELETE|SELECT)\b/i.exec(sql)?.[1].toLowerCase();
  return verb ? `write_${verb}` : 'write_other';
}

/** Runs write jobs in one transaction per job on a data source. */
export class WriteExecutor {
  readonly sql: WriteSql;
  private readonly sqlite: SqliteDb | undefined;

  /** @param observer told of every statement (kind `write_insert`, `write_update`, `write_delete`, `write_select`). */
  constructor(
    private readonly ds: DataSource,
    private readonly observer: EngineObserver = NO_ENGINE_OBSERVER,
  ) {
    this.sql = new WriteSql(ds);
    this.sqlite = ds.options.type === 'better-sqlite3' ? (ds.driver as unknown as { databaseConnection: SqliteDb }).databaseConnection : undefined;
  }

  /** Runs `job` in one transaction; a throw (from the job or the database) rolls everything back. */
  async run<T>(job: () => WriteJob<T>): Promise<T> {
    const db = this.sqlite;
    if (db) {
      // BEGIN IMMEDIATE: the write lock is taken first, so the EHR writing concurrently waits (busy_timeout) or we do.
      const tx = db.transaction(() => {
        const gen = job();
        let r = gen.next();
        while (!r.done) {
          const started = performance.now();
          const stmt = db.prepare(r.value.sql);
          const result: StatementResult = stmt.reader ? { rows: stmt.all(r.value.params), affected: 0 } : { rows: [], affected: stmt.run(r.value.params).changes };
          if (stmt.reader && /^\s*(INSERT|UPDATE|DELETE)/i.test(r.value.sql)) result.affected = result.rows.length;
          this.observer.statement(writeKind(r.value.sql), started);
          r = gen.next(result);
        }
        return r.value;
      });
      return tx.immediate();
    }
    const qr = this.ds.createQueryRunner();
    await qr.connect();
    try {
      await qr.startTransaction('READ COMMITTED');
      const gen = job();
      let r = gen.next();
      while (!r.done) {
        const started = performance.now();
        const res = (await qr.query(r.value.sql, r.value.params, true)) as { records?: unknown; affected?: number };
        this.observer.statement(writeKind(r.value.sql), started);
        const rows = Array.isArray(res.records) ? (res.records as Record<string, unknown>[]) : [];
        r = gen.next({ rows, affected: res.affected ?? rows.length });
      }
      await qr.commitTransaction();
      return r.value;
    } catch (e) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw e;
    } finally {
      await qr.release();
    }
  }
}
