/**
 * Every legacy table's full content in key order, as text: a rejected write must leave it byte-identical.
 */
import type { DataSource } from 'typeorm';

/** The content of every table of the legacy database (one JSON line per row, tables in name order). */
export async function legacySnapshot(ds: DataSource): Promise<string> {
  const out: string[] = [];
  const tables = ds.entityMetadatas.map((m) => m).sort((a, b) => a.tableName.localeCompare(b.tableName));
  for (const m of tables) {
    const order = (m.primaryColumns.length ? m.primaryColumns : m.columns).map((c) => `t.${ds.driver.escape(c.databaseName)}`).join(', ');
    const rows = (await ds.query(`SELECT * FROM ${ds.driver.escape(m.tableName)} t ORDER BY ${order}`)) as unknown[];
    out.push(`${m.tableName}: ${rows.length}`, ...rows.map((r) => JSON.stringify(r)));
  }
  return out.join('\n');
}
