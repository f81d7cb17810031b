/**
 * The append of the PHI access trail, written for cost: a batch is ONE transaction with multi-row INSERTs of
 * prepared (SQLite) or once-compiled (PostgreSQL, SQL Server) statements; the hash chain is computed here, row by
 * row, from plain objects (no TypeORM entity machinery per event). The head row of `phi_audit_chain` serialises
 * appends: SQLite takes the write lock with `BEGIN IMMEDIATE`; the other engines update the head row first (a row
 * lock held to the commit), then read it.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { auditRowHash } from './phi-audit.chain.js';
import type { PhiAuditFacts, PhiAuditRow } from './phi-audit.rows.js';

export const PHI_AUDIT_TABLE = 'phi_audit_events';
export const PHI_AUDIT_CHAIN_TABLE = 'phi_audit_chain';

/** Rows per SQLite INSERT (23 parameters a row; SQLite allows 32,766). */
const SQLITE_CHUNK = 64;
/** Rows per INSERT on the server engines (SQL Server allows 2,100 parameters per statement). */
const SERVER_CHUNK = 80;

/** The part of a better-sqlite3 Database the SQLite append uses. */
export interface SqliteConnection {
  prepare(sql: string): { run(...params: unknown[]): unknown; get(...params: unknown[]): unknown };
  transaction<A extends unknown[], T>(fn: (...args: A) => T): { immediate(...args: A): T };
}

type Column = { property: keyof PhiAuditRow; name: string };

/** Chains `facts` onto the head: the stored rows (seq, time, links and hashes), and the new head. */
export function chainRows(facts: readonly PhiAuditFacts[], lastSeq: number, lastHash: string, recorded: number): PhiAuditRow[] {
  let prevHash = lastHash;
  const out = new Array<PhiAuditRow>(facts.length);
  for (let i = 0; i < facts.length; i++) {
    const row = { ...facts[i], seq: lastSeq + i + 1, recorded, prevHash, hash: '' };
    row.hash = auditRowHash(row);
    prevHash = row.hash;
    out[i] = row;
  }
  return out;
}

/** The batch append, on whichever engine the store runs. */
export class PhiAuditWriter {
  private columns: Column[] | undefined;
  private readonly sql = new Map<string, string>();
  private sqlite: { db: SqliteConnection; insert: Map<number, ReturnType<SqliteConnection['prepare']>>; append: { immediate(facts: readonly PhiAuditFacts[]): PhiAuditRow[] } } | undefined;

  constructor(private readonly ds: DataSource, private readonly now: () => number) {}

  /** The better-sqlite3 connection, when the store is SQLite. */
  sqliteConnection(): SqliteConnection | undefined {
    if (this.ds.options.type !== 'better-sqlite3') return undefined;
    return (this.ds.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
  }

  /** Appends on SQLite: one synchronous `BEGIN IMMEDIATE` transaction (nothing else in the process runs meanwhile). */
  appendSqlite(db: SqliteConnection, facts: readonly PhiAuditFacts[]): PhiAuditRow[] {
    if (this.sqlite?.db !== db) this.sqlite = this.prepareSqlite(db);
    return this.sqlite.append.immediate(facts);
  }

  /** Appends on PostgreSQL / SQL Server inside the caller's transaction (statement texts built once). */
  async appendServer(m: EntityManager, facts: readonly PhiAuditFacts[]): Promise<PhiAuditRow[]> {
    const recorded = this.now();
    await m.query(this.server('lock', () => `UPDATE ${PHI_AUDIT_CHAIN_TABLE} SET updated_at = ${this.ph(0)} WHERE id = 1`), [recorded]);
    const [head] = (await m.query(this.server('head', () => `SELECT last_seq AS "lastSeq", last_hash AS "lastHash" FROM ${PHI_AUDIT_CHAIN_TABLE} WHERE id = 1`))) as Array<{ lastSeq: number | string; lastHash: string }>;
    if (!head) throw new Error('phi_audit_chain has no head row (migration not applied?)');
    const rows = chainRows(facts, Number(head.lastSeq), head.lastHash, recorded);
    const cols = this.columnsOf();
    for (let i = 0; i < rows.length; i += SERVER_CHUNK) {
      const chunk = rows.slice(i, i + SERVER_CHUNK);
      await m.query(this.server(`insert${chunk.length}`, () => this.insertSql(chunk.length, (k) => this.ph(k))), this.values(cols, chunk));
    }
    const last = rows[rows.length - 1];
    const move = this.server('move', () => `UPDATE ${PHI_AUDIT_CHAIN_TABLE} SET last_seq = ${this.ph(0)}, last_hash = ${this.ph(1)}, updated_at = ${this.ph(2)} WHERE id = 1`);
    await m.query(move, [last.seq, last.hash, recorded]);
    return rows;
  }

  private prepareSqlite(db: SqliteConnection): NonNullable<PhiAuditWriter['sqlite']> {
    const insert = new Map<number, ReturnType<SqliteConnection['prepare']>>();
    const cols = this.columnsOf();
    const insertOf = (n: number) => {
      let s = insert.get(n);
      if (!s) insert.set(n, (s = db.prepare(this.insertSql(n, () => '?'))));
      return s;
    };
    const head = db.prepare(`SELECT last_seq AS lastSeq, last_hash AS lastHash FROM ${PHI_AUDIT_CHAIN_TABLE} WHERE id = 1`);
    const move = db.prepare(`UPDATE ${PHI_AUDIT_CHAIN_TABLE} SET last_seq = ?, last_hash = ?, updated_at = ? WHERE id = 1`);
    const append = db.transaction((facts: readonly PhiAuditFacts[]): PhiAuditRow[] => {
      const recorded = this.now();
      const h = head.get() as { lastSeq: number; lastHash: string } | undefined;
      if (!h) throw new Error('phi_audit_chain has no head row (migration not applied?)');
      const rows = chainRows(facts, Number(h.lastSeq), h.lastHash, recorded);
      for (let i = 0; i < rows.length; i += SQLITE_CHUNK) {
        const chunk = i === 0 && rows.length <= SQLITE_CHUNK ? rows : rows.slice(i, i + SQLITE_CHUNK);
        insertOf(chunk.length).run(this.values(cols, chunk));
      }
      const last = rows[rows.length - 1];
      move.run(last.seq, last.hash, recorded);
      return rows;
    });
    return { db, insert, append };
  }

  /** `INSERT INTO phi_audit_events (...) VALUES (...), (...)` for `n` rows; `ph(k)` is the k-th placeholder. */
  private insertSql(n: number, ph: (k: number) => string): string {
    const cols = this.columnsOf();
    const tuples: string[] = [];
    for (let r = 0, k = 0; r < n; r++) tuples.push(`(${cols.map(() => ph(k++)).join(', ')})`);
    return `INSERT INTO ${PHI_AUDIT_TABLE} (${cols.map((c) => `"${c.name}"`).join(', ')}) VALUES ${tuples.join(', ')}`;
  }

  /** The rows' values in column order, flat. */
  private values(cols: Column[], rows: readonly PhiAuditRow[]): unknown[] {
    const out = new Array<unknown>(rows.length * cols.length);
    let k = 0;
    for (const row of rows) for (const c of cols) out[k++] = row[c.property] ?? null;
    return out;
  }

  /** The columns, from the entity schema (read once). */
  private columnsOf(): Column[] {
    return (this.columns ??= this.ds.getMetadata(PHI_AUDIT_TABLE).columns.map((c) => ({ property: c.propertyName as keyof PhiAuditRow, name: c.databaseName })));
  }

  /** A server statement's text, built once. */
  private server(key: string, build: () => string): string {
    let sql = this.sql.get(key);
    if (sql === undefined) this.sql.set(key, (sql = build()));
    return sql;
  }

  /** The k-th (0-based) positional placeholder of the server engine: `$k+1` (PostgreSQL), `@k` (SQL Server). */
  private ph(k: number): string {
    return this.ds.options.type === 'mssql' ? `@${k}` : `$${k + 1}`;
  }
}
