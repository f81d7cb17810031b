/**
 * The SQLite append in a worker thread (its own better-sqlite3 connection to the store's file): the transaction
 * and its fsync'd commit (WAL, synchronous=FULL: milliseconds on a disk) no longer block the server's event loop,
 * and the hashing and INSERTs run beside it. Messages: `{ id, facts, recorded }` -> `{ id, firstSeq, firstPrev, hashes }` or
 * `{ id, error }`; `{ id, settings: true }` -> the connection's journal mode and synchronous level. Loaded as it is (dist/ .js, or the .ts source under the tests): no relative static imports.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { AuditColumn, ChainRows, SqliteConnection, sqliteAppender as Appender } from './phi-audit.sqlite-append.js';
import type { PhiAuditFacts } from './phi-audit.rows.js';

const data = workerData as { path: string; table: string; chainTable: string; columns: AuditColumn[]; chainModule: string; appendModule: string };
const { chainRows } = (await import(data.chainModule)) as { chainRows: ChainRows };
const { sqliteAppender } = (await import(data.appendModule)) as { sqliteAppender: typeof Appender };
const db = new Database(data.path, { timeout: 5000 });
db.pragma('synchronous = FULL');
// The trail's indexes are written at spread-out keys: a 16 MB page cache (default 2 MB) keeps their pages in memory.
db.pragma('cache_size = -16000');
const append = sqliteAppender(db as unknown as SqliteConnection, data.table, data.chainTable, data.columns, chainRows);

parentPort!.on('message', (m: { id: number; facts: PhiAuditFacts[]; recorded: number } | { id: number; settings: true } | 'close') => {
  if (m === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  if ('settings' in m) {
    // What the durability of the trail rests on (checked by the tests).
    parentPort!.postMessage({ id: m.id, settings: { journalMode: db.pragma('journal_mode', { simple: true }), synchronous: db.pragma('synchronous', { simple: true }) } });
    return;
  }
  try {
    const rows = append(m.facts, m.recorded);
    parentPort!.postMessage({ id: m.id, firstSeq: rows[0].seq, firstPrev: rows[0].prevHash, hashes: rows.map((r) => r.hash) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) });
  }
});
