import Database from 'better-sqlite3';
import pg from 'pg';
import type { DbUrl } from '#facade/config';
import { pgWallClockTypes, vendoredSchema } from '#facade/legacy-db';

/** A minimal read-only query interface over a generated SQLite or PostgreSQL database (tests only). */
export interface DbReader {
  all(sql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Opens `url` for reading; PostgreSQL DATE/TIMESTAMP values come back as text (never a JS Date). */
export async function openReader(url: DbUrl): Promise<DbReader> {
  if (url.kind === 'sqlite') {
    const db = new Database(url.path, { readonly: true });
    return { all: async (sql) => db.prepare(sql).all() as Record<string, unknown>[], close: async () => void db.close() };
  }
  if (url.kind !== 'postgres') throw new Error('tests read SQLite or PostgreSQL only');
  const client = new pg.Client({ connectionString: url.url, types: pgWallClockTypes });
  await client.connect();
  return { all: async (sql) => (await client.query(sql)).rows, close: async () => client.end() };
}

/** Every table's rows in primary-key order, as comparable text (BLOBs as hex). */
export async function dumpAll(reader: DbReader): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of vendoredSchema().tables) {
    const rows = await reader.all(`SELECT * FROM "${t.name}" ORDER BY ${t.primaryKey.map((c) => `"${c}"`).join(', ')}`);
    out[t.name] = JSON.stringify(rows, (_k, v) => (v && typeof v === 'object' && v.type === 'Buffer' ? Buffer.from(v.data).toString('hex') : v));
  }
  return out;
}

/** Foreign-key violations: `TABLE.COLUMN -> PARENT.COLUMN` with the number of orphan rows (empty when sound). */
export async function orphanReferences(reader: DbReader): Promise<string[]> {
  const problems: string[] = [];
  const refs: { table: string; column: string; parent: string; parentColumn: string }[] = [];
  for (const t of vendoredSchema().tables) {
    for (const c of t.columns) {
      if (c.references) refs.push({ table: t.name, column: c.name, parent: c.references.table, parentColumn: c.references.column });
      // README: *_BY columns reference USERS.USER_ID (not declared in the DDL).
      if (/_BY$/.test(c.name) && c.type === 'INT') refs.push({ table: t.name, column: c.name, parent: 'USERS', parentColumn: 'USER_ID' });
    }
  }
  for (const r of refs) {
    const [row] = await reader.all(
      `SELECT COUNT(*) AS n FROM "${r.table}" c WHERE c."${r.column}" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "${r.parent}" p WHERE p."${r.parentColumn}" = c."${r.column}")`,
    );
    if (Number(row.n) > 0) problems.push(`${r.table}.${r.column} -> ${r.parent}.${r.parentColumn}: ${row.n}`);
  }
  return problems;
}

/** Row counts per table. */
export async function countRows(reader: DbReader): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of vendoredSchema().tables) out[t.name] = Number((await reader.all(`SELECT COUNT(*) AS n FROM "${t.name}"`))[0].n);
  return out;
}
