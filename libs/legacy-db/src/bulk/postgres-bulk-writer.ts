import pg from 'pg';
import { bulkLayouts, layoutOf, rowValues, type BulkRow, type LegacyBulkWriter } from './bulk-writer.js';

const ROWS_PER_FLUSH = 20_000;
const MAX_PARAMS_PER_STATEMENT = 30_000; // PostgreSQL allows 65,535 bound parameters per statement

/**
 * PostgreSQL bulk writer: rows are buffered per table and written as multi-row INSERTs with bound parameters,
 * all tables in DDL (foreign-key) order, one transaction per flush. `finish` moves every identity sequence
 * past the highest id written, so later inserts by the EHR or the facade get fresh ids.
 */
export async function openPostgresBulkWriter(url: string): Promise<LegacyBulkWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const layouts = bulkLayouts();
  const buffers = new Map<string, unknown[][]>();
  let pending = 0;

  const flush = async () => {
    if (pending === 0) return;
    await client.query('BEGIN');
    for (const [name, layout] of layouts) {
      const rows = buffers.get(name);
      if (!rows?.length) continue;
      const width = layout.columns.length;
      const perStatement = Math.max(1, Math.floor(MAX_PARAMS_PER_STATEMENT / width));
      const cols = layout.columns.map((c) => `"${c}"`).join(', ');
      for (let start = 0; start < rows.length; start += perStatement) {
        const chunk = rows.slice(start, start + perStatement);
        const tuples: string[] = [];
        const params: unknown[] = [];
        for (const values of chunk) {
          const base = params.length;
          tuples.push(`(${values.map((_, i) => `$${base + i + 1}`).join(', ')})`);
          for (const v of values) params.push(v);
        }
        await client.query(`INSERT INTO "${name}" (${cols}) VALUES ${tuples.join(', ')}`, params);
      }
      rows.length = 0;
    }
    await client.query('COMMIT');
    pending = 0;
  };

  return {
    dialect: 'postgres',
    add(table: string, row: BulkRow) {
      const values = rowValues(layoutOf(layouts, table), row);
      let rows = buffers.get(table);
      if (!rows) buffers.set(table, (rows = []));
      rows.push(values);
      pending++;
    },
    async flushIfFull() {
      if (pending >= ROWS_PER_FLUSH) await flush();
    },
    async finish() {
      try {
        await flush();
        for (const { table } of layouts.values()) {
          const identity = table.columns.find((c) => c.identity);
          if (!identity) continue;
          await client.query(
            `SELECT setval(pg_get_serial_sequence('"${table.name}"', '${identity.name}'), COALESCE(MAX("${identity.name}"), 0) + 1, false) FROM "${table.name}"`,
          );
        }
      } finally {
        await client.end();
      }
    },
    async abort() {
      try {
        await client.query('ROLLBACK');
      } catch {
        // nothing open
      }
      await client.end();
    },
  };
}
