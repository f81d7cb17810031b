/**
 * The SQLite append transaction, shared by the append worker (phi-audit.append-worker.ts) and the in-thread
 * fallback (an in-memory store): `BEGIN IMMEDIATE` (the write lock: appends of every connection are serialised),
 * read the head, chain the rows, one single-row INSERT per event (one prepared statement), move the head, commit
 * (fsync'd: WAL with synchronous=FULL). It takes each event as its canonical text and values (phi-audit.chain.ts:
 * what the worker receives, no objects) and returns the hashes, not rows. No relative runtime imports: the worker loads this file
 * as it is (a .ts source under the tests, .js in dist/); the chain functions are passed in.
 */
import type { PhiAuditRow } from './phi-audit.rows.js';
import type { ChainedBatch, CANONICAL_FACTS, linkHash } from './phi-audit.chain.js';

/** The part of a better-sqlite3 Database the append uses. */
export interface SqliteConnection {
  prepare(sql: string): { run(...params: unknown[]): unknown; get(...params: unknown[]): unknown };
  transaction<A extends unknown[], T>(fn: (...args: A) => T): { immediate(...args: A): T };
}

/** A stored column: the row property and the column name. */
export type AuditColumn = { property: keyof PhiAuditRow; name: string };

/** One event to append: its facts as canonical text (`canonicalFactsText`) and values (`canonicalValues`). */
export interface ChainInput {
  text: string;
  values: readonly unknown[];
}

/** The chain functions the append uses (phi-audit.chain.ts, passed in). */
export interface ChainFunctions {
  CANONICAL_FACTS: typeof CANONICAL_FACTS;
  linkHash: typeof linkHash;
}

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

const [SEQ, RECORDED, PREV, HASH] = [-1, -2, -3, -4];

/** Where each stored column's value comes from: a canonical fact's index, or the chain's own fields. */
function columnPlan(cols: readonly AuditColumn[], chain: ChainFunctions): Array<number | 'seq' | 'recorded' | 'prevHash' | 'hash'> {
  const facts: readonly string[] = chain.CANONICAL_FACTS;
  return cols.map((c) => {
    if (c.property === 'seq' || c.property === 'recorded' || c.property === 'prevHash' || c.property === 'hash') return c.property;
    const i = facts.indexOf(c.property);
    if (i < 0) throw new Error(`phi_audit_events column ${c.name} is not part of the chained content`);
    return i;
  });
}

/** One append of a merged transaction: its events and its time. */
export interface ChainGroup {
  events: readonly ChainInput[];
  recorded: number;
}

/**
 * The append of one connection: statements prepared once; `(groups) => what was chained, per group`, all groups
 * in ONE transaction (one commit: the worker merges the batches waiting for it), chained one after the other.
 */
export function sqliteAppender(db: SqliteConnection, table: string, chainTable: string, cols: readonly AuditColumn[], chain: ChainFunctions) {
  // The plan as numbers: a fact's index, or a negative code for the chain's own fields (no string compares per value).
  const plan = Int32Array.from(columnPlan(cols, chain), (from) => (typeof from === 'number' ? from : from === 'seq' ? SEQ : from === 'recorded' ? RECORDED : from === 'prevHash' ? PREV : HASH));
  const width = plan.length;
  // Single-row, never multi-row: SQLite runs `VALUES (...), (...)` as a sub-select and gives such a statement a
  // statement journal (the original of every page it changes, to undo it alone); past 64 KiB — a merged commit of
  // ~10 events touches ~40 pages of the table and its indexes — that journal spills into a temporary file, created,
  // written and unlinked on each commit (seen under strace: 1 file and 34-62 writes per commit; the create and unlink
  // also load the fsync's file-system journal). A single-row INSERT needs none; the transaction still undoes all.
  const insert = db.prepare(auditInsertSql(table, cols, 1, () => '?'));
  const head = db.prepare(`SELECT last_seq AS lastSeq, last_hash AS lastHash FROM ${chainTable} WHERE id = 1`);
  const move = db.prepare(`UPDATE ${chainTable} SET last_seq = ?, last_hash = ?, updated_at = ? WHERE id = 1`);
  const tx = db.transaction((groups: readonly ChainGroup[]): ChainedBatch[] => {
    const h = head.get() as { lastSeq: number; lastHash: string } | undefined;
    if (!h) throw new Error('phi_audit_chain has no head row (migration not applied?)');
    let seq = Number(h.lastSeq);
    let prev = h.lastHash;
    const out: ChainedBatch[] = [];
    for (const { events, recorded } of groups) {
      const chained: ChainedBatch = { firstSeq: seq + 1, firstPrev: prev, hashes: new Array<string>(events.length) };
      const values = new Array<unknown>(width);
      for (let i = 0; i < events.length; i++) {
        const e = events[i];
        const hash = chain.linkHash(++seq, recorded, e.text, prev);
        const facts = e.values;
        for (let c = 0; c < width; c++) {
          const from = plan[c];
          values[c] = from >= 0 ? facts[from] : from === SEQ ? seq : from === RECORDED ? recorded : from === PREV ? prev : hash;
        }
        // Spread, not the array: better-sqlite3 binds an argument directly, an array's items through one
        // Object::Get call each (measured: a third of the bind cost of a row's 23 values).
        insert.run(...values);
        chained.hashes[i] = hash;
        prev = hash;
      }
      out.push(chained);
    }
    move.run(seq, prev, groups[groups.length - 1].recorded);
    return out;
  });
  return (groups: readonly ChainGroup[]): ChainedBatch[] => tx.immediate(groups);
}
