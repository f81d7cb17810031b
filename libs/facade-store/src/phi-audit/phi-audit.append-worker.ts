/**
 * The SQLite append in a worker thread (its own better-sqlite3 connection to the store's file): the transaction
 * and its fsync'd commit (WAL, synchronous=FULL: milliseconds on a disk) no longer block the server's event loop,
 * and the hashing and INSERTs run beside it. Messages: `{ id, texts, recorded }` (those waiting are merged into one transaction) (each event's canonical facts text,
 * phi-audit.chain.ts: strings clone cheaply; the values are parsed back here) -> `{ id, firstSeq, firstPrev, hashes }` or
 * `{ id, error }`; `{ id, settings: true }` -> the connection's journal mode and synchronous level. Loaded as it is (dist/ .js, or the .ts source under the tests): no relative static imports.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { AuditColumn, ChainFunctions, SqliteConnection, sqliteAppender as Appender } from './phi-audit.sqlite-append.js';

const data = workerData as { path: string; table: string; chainTable: string; columns: AuditColumn[]; chainModule: string; appendModule: string };
const chain = (await import(data.chainModule)) as ChainFunctions;
const { sqliteAppender } = (await import(data.appendModule)) as { sqliteAppender: typeof Appender };
const db = new Database(data.path, { timeout: 5000 });
db.pragma('synchronous = FULL');
// The trail's indexes are written at spread-out keys: a 16 MB page cache (default 2 MB) keeps their pages in memory.
db.pragma('cache_size = -16000');
const append = sqliteAppender(db as unknown as SqliteConnection, data.table, data.chainTable, data.columns, chain);

type Batch = { id: number; texts: string[]; recorded: number };
type Message = Batch | { id: number; settings: true } | 'close';

/**
 * Appends batches in ONE transaction (one fsync'd commit) and answers each after it. When a merged transaction
 * fails, each batch is tried alone, so a batch the store refuses fails only its own requests.
 */
function commit(batches: Batch[]): void {
  try {
    const chained = append(batches.map((b) => ({ events: b.texts.map((text) => ({ text, values: JSON.parse(`[${text}]`) as unknown[] })), recorded: b.recorded })));
    batches.forEach((b, i) => parentPort!.postMessage({ id: b.id, ...chained[i] }));
  } catch (e) {
    if (batches.length > 1) {
      for (const b of batches) commit([b]);
      return;
    }
    parentPort!.postMessage({ id: batches[0].id, error: e instanceof Error ? e.message : String(e) });
  }
}

// Group commit: the batches that arrived while the last commit ran are taken together (receiveMessageOnPort, in
// order) and merged into one transaction, chained in arrival order.
parentPort!.on('message', (first: Message) => {
  const messages: Message[] = [first];
  for (let m = receiveMessageOnPort(parentPort!); m; m = receiveMessageOnPort(parentPort!)) messages.push(m.message as Message);
  let run: Batch[] = [];
  for (const m of messages) {
    if (m !== 'close' && !('settings' in m)) {
      run.push(m);
      continue;
    }
    if (run.length > 0) commit(run);
    run = [];
    if (m === 'close') {
      db.close();
      parentPort!.close();
      return;
    }
    // What the durability of the trail rests on (checked by the tests).
    parentPort!.postMessage({ id: m.id, settings: { journalMode: db.pragma('journal_mode', { simple: true }), synchronous: db.pragma('synchronous', { simple: true }) } });
  }
  if (run.length > 0) commit(run);
});
