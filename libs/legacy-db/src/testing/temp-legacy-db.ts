/**
 * Test-only: a NEW empty legacy database (the customer's schema, no rows) with an initialized DataSource, on SQLite
 * (a temporary file) or PostgreSQL (a new database under TEST_PG_URL); `close()` destroys the DataSource and removes
 * the file or drops the database. Kept out of dist/ (tsconfig.build.json excludes testing/ folders).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createLegacyDataSource } from '../datasource/legacy-data-source.js';
import { createLegacyPostgresDatabase, createLegacySqliteDatabase, dropPostgresDatabase } from '../provision/create-legacy-database.js';

export interface TempLegacyDb {
  ds: DataSource;
  close(): Promise<void>;
}

/** A temporary legacy SQLite database; `prefix` names its folder under the OS temp dir. */
export async function tempLegacyDb(prefix = 'legacy-'): Promise<TempLegacyDb & { path: string }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const path = join(dir, 'legacy.sqlite');
  await createLegacySqliteDatabase(path);
  const ds = createLegacyDataSource({ kind: 'sqlite', path });
  await ds.initialize();
  return { ds, path, close: async () => { await ds.destroy(); rmSync(dir, { recursive: true, force: true }); } };
}

/** A NEW PostgreSQL database with the legacy schema; `prefix` starts its name. */
export async function tempLegacyPgDb(prefix = 'legacy_'): Promise<TempLegacyDb & { url: string }> {
  const u = new URL(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  u.pathname = `/${prefix}${randomBytes(6).toString('hex')}`;
  const url = u.toString();
  await createLegacyPostgresDatabase(url);
  const ds = createLegacyDataSource({ kind: 'postgres', url });
  await ds.initialize();
  return { ds, url, close: async () => { await ds.destroy(); await dropPostgresDatabase(url); } };
}

/** Both dialects, for `describe.each`-style suites: `[label, open]`. */
export const TEMP_LEGACY_DIALECTS: ReadonlyArray<readonly [string, (prefix: string) => Promise<TempLegacyDb>]> = [
  ['SQLite', tempLegacyDb],
  ['PostgreSQL', (prefix) => tempLegacyPgDb(prefix.replace(/-/g, '_'))],
];
