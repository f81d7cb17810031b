/**
 * The SQLite append transaction, shared by the append worker (phi-audit.append-worker.ts) and the in-thread
 * fallback (an in-memory store): `BEGIN IMMEDIATE` (the write lock: appends of every connection are serialised),
 * read the head, chain the rows, multi-row INSERTs of prepared statements, move the head, commit (fsync'd: WAL with
 * synchronous=FULL). No relative runtime imports: the worker loads this file as it is (a .ts source under the
 * tests, .js in dist/); the chain function is passed in.
 */
import type { PhiAuditFacts, PhiAuditRow } from './phi-audit.rows.js';

/** Rows per INSERT (23 parameters a row; SQLite allows 32,766). */
const CHUNK = 64;

/** The part of a better-sqlite3 Database the append uses. */
export interface SqliteConnection {
  prepare(sql: string): { run(...params: unknown[]): unknown; get(...params: unknown[]): unknown };
  transaction<A extends unknown[], T>(fn: (...args: A) => T): { immediate(...args: A): T };
}

/** A stored column: the row property and the column name. */
export type AuditColumn = { property: keyof PhiAuditRow; name: string };

export type ChainRows = (facts: readonly PhiAuditFacts[], lastSeq: number, lastHash: string, recorded: number) => PhiAuditRow[];

/** `INSERT INTO phi_audit_events (...) VALUES (...), (...)` for `n` rows; `ph(k)` is the k-th placeholder. */
export function auditInsertSql(table: string, cols: readonly AuditColumn[], n: number, ph: (k: number) => string): string {
  const tuples: string[] = [];
  for (let r = 0, k = 0; r < n; r++) tuples.push(`(${cols.map(() => ph(k++)).join(', ')})`);
  return `INSERT INTO ${table} (${cols.map((c) => `"${c.name}"`).join(', ')}) VALUES ${tuples.join(', ')}`;
}

/** The rows' values in column order, flat. */
export function auditValues(cols: readonly AuditColumn[], rows: readonly PhiAuditRow[]): unknown[] {
  const out = new Array<unknown>(rows.length * cols.length);
  let k = 0;
  for (const row of rows) for (const c of cols) out[k++] = row[c.property] ?? null;
  return out;
}

/** The append of one connection: statements prepared once; `(facts, recorded) => rows`. */
export function sqliteAppender(db: SqliteConnection, table: string, chainTable: string, cols: readonly AuditColumn[], chainRows: ChainRows) {
  const inserts = new Map<number, ReturnType<SqliteConnection['prepare']>>();
  const insertOf = (n: number) => {
    let s = inserts.get(n);
    if (!s) inserts.set(n, (s = db.prepare(auditInsertSql(table, cols, n, () => '?'))));
    return s;
  };
  const head = db.prepare(`SELECT last_seq AS lastSeq, last_hash AS lastHash FROM ${chainTable} WHERE id = 1`);
  const move = db.prepare(`UPDATE ${chainTable} SET last_seq = ?, last_hash = ?, updated_at = ? WHERE id = 1`);
  const tx = db.transaction((facts: readonly PhiAuditFacts[], recorded: number): PhiAuditRow[] => {
    const h = head.get() as { lastSeq: number; lastHash: string } | undefined;
    if (!h) throw new Error('phi_audit_chain has no head row (migration not applied?)');
    const rows = chainRows(facts, Number(h.lastSeq), h.lastHash, recorded);
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.length <= CHUNK ? rows : rows.slice(i, i + CHUNK);
      insertOf(chunk.length).run(auditValues(cols, chunk));
    }
    const last = rows[rows.length - 1];
    move.run(last.seq, last.hash, recorded);
    return rows;
  });
  return (facts: readonly PhiAuditFacts[], recorded: number): PhiAuditRow[] => tx.immediate(facts, recorded);
}
