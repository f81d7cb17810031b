import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { renderDdl } from '../ddl/render-ddl.js';
import { vendoredSchema } from '../ddl/vendored-schema.js';

/**
 * Demo and test tooling only: creates a NEW database holding the customer's legacy schema.
 *
 * It refuses to touch anything that already exists (an existing SQLite file, an existing PostgreSQL database),
 * so it can never alter a customer database. The facade itself never calls this on a configured database.
 */
export async function createLegacySqliteDatabase(path: string): Promise<void> {
  if (path !== ':memory:' && existsSync(path)) throw new Error(`Refusing to create the legacy schema: ${path} already exists`);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.exec('BEGIN');
    for (const sql of renderDdl(vendoredSchema(), 'sqlite')) db.exec(sql);
    db.exec('COMMIT');
  } finally {
    db.close();
  }
}

/** Splits `postgres://.../name` into the server URL (maintenance database) and the database name. */
export function splitPostgresUrl(url: string): { adminUrl: string; database: string } {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(database)) throw new Error(`Unsupported PostgreSQL database name: "${database}"`);
  u.pathname = '/postgres';
  return { adminUrl: u.toString(), database };
}

/** Creates the PostgreSQL database named in `url` (which must not exist yet) and the legacy schema in it. */
export async function createLegacyPostgresDatabase(url: string): Promise<void> {
  const { adminUrl, database } = splitPostgresUrl(url);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount) throw new Error(`Refusing to create the legacy schema: database "${database}" already exists`);
    await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const sql of renderDdl(vendoredSchema(), 'postgres')) await client.query(sql);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

/** Drops a PostgreSQL database that the test tooling created (tests clean up after themselves). */
export async function dropPostgresDatabase(url: string): Promise<void> {
  const { adminUrl, database } = splitPostgresUrl(url);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
