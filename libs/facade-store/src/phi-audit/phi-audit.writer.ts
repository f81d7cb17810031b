/**
 * The append of the PHI access trail, written for cost: a batch is ONE transaction with multi-row INSERTs of
 * prepared (SQLite) or once-built (PostgreSQL, SQL Server) statements; the hash chain is computed here, row by
 * row, from plain objects (no TypeORM entity machinery per event). The head row of `phi_audit_chain` serialises
 * appends: SQLite takes the write lock with `BEGIN IMMEDIATE`; the other engines update the head row first (a row
 * lock held to the commit), then read it. A SQLite store in a file appends in a worker thread
 * (phi-audit.append-thread.ts: its fsync'd commit does not block the event loop); an in-memory one in the thread.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { CANONICAL_FACTS, canonicalValues, chainRows, linkHash, type ChainedBatch, type StoredBatch } from './phi-audit.chain.js';
import type { PhiAuditFacts, PhiAuditRow } from './phi-audit.rows.js';
import { SqliteAppendThread } from './phi-audit.append-thread.js';
import { auditInsertSql, auditValues, sqliteAppender, type AuditColumn, type ChainGroup, type ChainInput, type SqliteConnection } from './phi-audit.sqlite-append.js';

export const PHI_AUDIT_TABLE = 'phi_audit_events';
export const PHI_AUDIT_CHAIN_TABLE = 'phi_audit_chain';
export type { SqliteConnection } from './phi-audit.sqlite-append.js';

/** Rows per INSERT on the server engines (SQL Server allows 2,100 parameters per statement). */
const SERVER_CHUNK = 80;

/** The batch append, on whichever engine the store runs. */
export class PhiAuditWriter {
  private columns: AuditColumn[] | undefined;
  private readonly sql = new Map<string, string>();
  private inThread: { db: SqliteConnection; append: (groups: readonly ChainGroup[]) => ChainedBatch[] } | undefined;
  private thread: SqliteAppendThread | undefined;

  constructor(private readonly ds: DataSource, private readonly now: () => number) {}

  /** The better-sqlite3 connection, when the store is SQLite. */
  sqliteConnection(): SqliteConnection | undefined {
    if (this.ds.options.type !== 'better-sqlite3') return undefined;
    return (this.ds.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
  }

  /** True when the appends run in the worker thread (a SQLite store in a file). */
  threaded(): boolean {
    const path = String(this.ds.options.database ?? ':memory:');
    return this.ds.options.type === 'better-sqlite3' && path !== ':memory:' && path !== '';
  }

  /** Appends on SQLite: in the worker thread for a file, else one synchronous `BEGIN IMMEDIATE` transaction here. */
  appendSqlite(db: SqliteConnection, facts: readonly PhiAuditFacts[]): StoredBatch | Promise<StoredBatch> {
    const path = String(this.ds.options.database ?? ':memory:');
    if (this.threaded()) {
      this.thread ??= new SqliteAppendThread({ path, table: PHI_AUDIT_TABLE, chainTable: PHI_AUDIT_CHAIN_TABLE, columns: () => this.columnsOf() });
      return this.thread.append(facts, this.now());
    }
    if (this.inThread?.db !== db) this.inThread = { db, append: sqliteAppender(db, PHI_AUDIT_TABLE, PHI_AUDIT_CHAIN_TABLE, this.columnsOf(), { CANONICAL_FACTS, linkHash }) };
    const recorded = this.now();
    const events = new Array<ChainInput>(facts.length);
    for (let i = 0; i < facts.length; i++) {
      const values = canonicalValues(facts[i]);
      events[i] = { text: JSON.stringify(values).slice(1, -1), values };
    }
    const { firstSeq, firstPrev, hashes } = this.inThread.append([{ events, recorded }])[0];
    return { firstSeq, firstPrev, hashes, recorded };
  }

  /** Appends on PostgreSQL / SQL Server inside the caller's transaction (statement texts built once). */
  async appendServer(m: EntityManager, facts: readonly PhiAuditFacts[]): Promise<StoredBatch> {
    const recorded = this.now();
    await m.query(this.server('lock', () => `UPDATE ${PHI_AUDIT_CHAIN_TABLE} SET updated_at = ${this.ph(0)} WHERE id = 1`), [recorded]);
    const [head] = (await m.query(this.server('head', () => `SELECT last_seq AS "lastSeq", last_hash AS "lastHash" FROM ${PHI_AUDIT_CHAIN_TABLE} WHERE id = 1`))) as Array<{ lastSeq: number | string; lastHash: string }>;
    if (!head) throw new Error('phi_audit_chain has no head row (migration not applied?)');
    const rows = chainRows(facts, Number(head.lastSeq), head.lastHash, recorded);
    const cols = this.columnsOf();
    for (let i = 0; i < rows.length; i += SERVER_CHUNK) {
      const chunk = rows.slice(i, i + SERVER_CHUNK);
      await m.query(this.server(`insert${chunk.length}`, () => auditInsertSql(PHI_AUDIT_TABLE, cols, chunk.length, (k) => this.ph(k))), auditValues(cols, chunk));
    }
    const last = rows[rows.length - 1];
    const move = this.server('move', () => `UPDATE ${PHI_AUDIT_CHAIN_TABLE} SET last_seq = ${this.ph(0)}, last_hash = ${this.ph(1)}, updated_at = ${this.ph(2)} WHERE id = 1`);
    await m.query(move, [last.seq, last.hash, recorded]);
    return { firstSeq: rows[0].seq, firstPrev: rows[0].prevHash, hashes: rows.map((r) => r.hash), recorded };
  }

  /** The SQLite append connection's durability settings (the worker's; the store's own for an in-memory store). */
  async appendSettings(): Promise<{ journalMode: unknown; synchronous: unknown } | undefined> {
    const db = this.sqliteConnection();
    if (!db) return undefined;
    const path = String(this.ds.options.database ?? ':memory:');
    if (path !== ':memory:' && path !== '') {
      this.thread ??= new SqliteAppendThread({ path, table: PHI_AUDIT_TABLE, chainTable: PHI_AUDIT_CHAIN_TABLE, columns: () => this.columnsOf() });
      return this.thread.settings();
    }
    const [j] = (await this.ds.query('PRAGMA journal_mode')) as Array<{ journal_mode: unknown }>;
    const [y] = (await this.ds.query('PRAGMA synchronous')) as Array<{ synchronous: unknown }>;
    return { journalMode: j.journal_mode, synchronous: y.synchronous };
  }

  /** Settles when the batches handed to the append worker so far are committed (or refused). */
  async appendsHandedOver(): Promise<void> {
    await this.thread?.handedOver();
  }

  /** Stops the append worker, if any (after its batches in flight). */
  async close(): Promise<void> {
    await this.thread?.close();
    this.thread = undefined;
  }

  /** The columns, from the entity schema (read once). */
  private columnsOf(): AuditColumn[] {
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
