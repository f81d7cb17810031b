import type { DdlTable } from '../ddl/ddl-parser.js';
import { vendoredSchema } from '../ddl/vendored-schema.js';

/** One row for a bulk insert: exact column names of the legacy table; absent columns are written as NULL. */
export type BulkRow = Readonly<Record<string, unknown>>;

/**
 * Streams rows into a NEW legacy database (demo and test tooling: never a customer database).
 *
 * Rows are written with the primary keys the caller gives (the generator assigns ids itself, so foreign keys
 * are known before anything is written). `add` buffers; `flushIfFull` writes when enough rows are waiting;
 * `finish` writes the rest, commits, brings identity sequences past the highest id and closes.
 */
export interface LegacyBulkWriter {
  readonly dialect: 'sqlite' | 'postgres';
  /** Queues one row of `table`. Throws on an unknown table or column (a generator bug, not data). */
  add(table: string, row: BulkRow): void;
  /** Writes buffered rows once enough are waiting (call between patients). */
  flushIfFull(): Promise<void>;
  /** Writes everything, commits, resets identity sequences, closes the connection. */
  finish(): Promise<void>;
  /** Rolls back what is not committed yet and closes the connection (after an error). */
  abort(): Promise<void>;
}

/** Column layout of one table, prepared once per writer. */
export interface BulkTableLayout {
  table: DdlTable;
  columns: string[];
  /** Indexes of DATETIME columns (wall-clock text `YYYY-MM-DDTHH:mm:ss` is written as `YYYY-MM-DD HH:mm:ss`). */
  dateTimeIdx: Set<number>;
  known: Set<string>;
}

/** Layouts of every legacy table in DDL order (which is also a safe foreign-key insert order). */
export function bulkLayouts(): Map<string, BulkTableLayout> {
  const out = new Map<string, BulkTableLayout>();
  for (const table of vendoredSchema().tables) {
    const columns = table.columns.map((c) => c.name);
    const dateTimeIdx = new Set<number>();
    table.columns.forEach((c, i) => c.type === 'DATETIME' && dateTimeIdx.add(i));
    out.set(table.name, { table, columns, dateTimeIdx, known: new Set(columns) });
  }
  return out;
}

/** The layout of `table`, or a clear error for a name that is not a legacy table. */
export function layoutOf(layouts: Map<string, BulkTableLayout>, table: string): BulkTableLayout {
  const layout = layouts.get(table);
  if (!layout) throw new Error(`Bulk insert into unknown legacy table "${table}"`);
  return layout;
}

/** The row's values in column order, DATETIME text in `YYYY-MM-DD HH:mm:ss` form, undefined as NULL. */
export function rowValues(layout: BulkTableLayout, row: BulkRow): unknown[] {
  for (const key of Object.keys(row)) {
    if (!layout.known.has(key)) throw new Error(`Bulk insert: ${layout.table.name} has no column "${key}"`);
  }
  const values = new Array<unknown>(layout.columns.length);
  for (let i = 0; i < layout.columns.length; i++) {
    const v = row[layout.columns[i]];
    values[i] = v === undefined ? null : layout.dateTimeIdx.has(i) && typeof v === 'string' ? v.replace('T', ' ') : v;
  }
  return values;
}
