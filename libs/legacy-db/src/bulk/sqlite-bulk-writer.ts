import Database from 'better-sqlite3';
import { bulkLayouts, layoutOf, rowValues, type BulkRow, type LegacyBulkWriter } from './bulk-writer.js';

const ROWS_PER_COMMIT = 50_000;

/**
 * SQLite bulk writer: one prepared INSERT per table, rows written immediately inside a long transaction that
 * is committed every {@link ROWS_PER_COMMIT} rows (memory stays flat, the journal stays small).
 */
export function openSqliteBulkWriter(path: string): LegacyBulkWriter {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const layouts = bulkLayouts();
  const statements = new Map<string, Database.Statement>();
  let pending = 0;
  db.exec('BEGIN');

  const statementFor = (table: string) => {
    let stmt = statements.get(table);
    if (!stmt) {
      const layout = layoutOf(layouts, table);
      const cols = layout.columns.map((c) => `"${c}"`).join(', ');
      stmt = db.prepare(`INSERT INTO "${table}" (${cols}) VALUES (${layout.columns.map(() => '?').join(', ')})`);
      statements.set(table, stmt);
    }
    return stmt;
  };

  return {
    dialect: 'sqlite',
    add(table: string, row: BulkRow) {
      statementFor(table).run(rowValues(layoutOf(layouts, table), row));
      pending++;
    },
    async flushIfFull() {
      if (pending < ROWS_PER_COMMIT) return;
      db.exec('COMMIT');
      db.exec('BEGIN');
      pending = 0;
    },
    async finish() {
      db.exec('COMMIT');
      db.pragma('synchronous = FULL');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
    async abort() {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
    },
  };
}
