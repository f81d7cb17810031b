import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createLegacyPostgresDatabase, createLegacySqliteDatabase, dropPostgresDatabase } from '../provision/create-legacy-database.js';
import { openLegacyBulkWriter } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'bulk-'));
const pgUrl = (() => {
  const u = new URL(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  u.pathname = `/bulk_${process.pid}_${Date.now()}`;
  return u.toString();
})();
afterAll(async () => {
  await dropPostgresDatabase(pgUrl);
  rmSync(dir, { recursive: true, force: true });
});

const practice = (id: number) => ({
  PRACTICE_ID: id, PRACTICE_NAME: `Practice ${id}`, ACTIVE_YN: 'Y', CREATED_AT: '2024-03-10T02:30:00', UPDATED_AT: '2024-11-03T01:30:00', ROW_VER: 1,
});

describe('legacy bulk writers', () => {
  it('SQLite: writes explicit ids, wall-clock text with a space, NULL for absent columns; rejects unknown columns', async () => {
    const path = join(dir, 'a.sqlite');
    await createLegacySqliteDatabase(path);
    const w = await openLegacyBulkWriter({ kind: 'sqlite', path });
    for (let id = 1; id <= 3; id++) w.add('PRACTICE', practice(id));
    expect(() => w.add('PRACTICE', { ...practice(4), NOT_A_COLUMN: 1 })).toThrow(/PRACTICE has no column "NOT_A_COLUMN"/);
    expect(() => w.add('NOPE', {})).toThrow(/unknown legacy table "NOPE"/);
    await w.finish();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT PRACTICE_ID, CREATED_AT, UPDATED_AT, NPI FROM PRACTICE ORDER BY 1').all()).toEqual([
      { PRACTICE_ID: 1, CREATED_AT: '2024-03-10 02:30:00', UPDATED_AT: '2024-11-03 01:30:00', NPI: null },
      { PRACTICE_ID: 2, CREATED_AT: '2024-03-10 02:30:00', UPDATED_AT: '2024-11-03 01:30:00', NPI: null },
      { PRACTICE_ID: 3, CREATED_AT: '2024-03-10 02:30:00', UPDATED_AT: '2024-11-03 01:30:00', NPI: null },
    ]);
    db.close();
    // AUTOINCREMENT continues after the explicit ids.
    const rw = new Database(path);
    expect(rw.prepare(`INSERT INTO PRACTICE (PRACTICE_NAME, CREATED_AT, UPDATED_AT) VALUES ('x', '2025-01-01 00:00:00', '2025-01-01 00:00:00')`).run().lastInsertRowid).toBe(4);
    rw.close();
  });

  it('PostgreSQL: batches rows in foreign-key order across flushes and resets identity sequences', async () => {
    await createLegacyPostgresDatabase(pgUrl);
    const w = await openLegacyBulkWriter({ kind: 'postgres', url: pgUrl });
    // Child rows added before their parent: the writer still inserts PRACTICE before FACILITY.
    w.add('FACILITY', { FACILITY_ID: 7, PRACTICE_ID: 1, FAC_NAME: 'Clinic', FAC_TYPE: 'CLINIC', LATITUDE: 42.336612, ACTIVE_YN: 'Y', CREATED_AT: '2024-03-10T02:30:00', UPDATED_AT: '2024-03-10T02:30:00', ROW_VER: 1 });
    w.add('PRACTICE', practice(1));
    for (let id = 2; id <= 30_000; id++) w.add('PRACTICE', practice(id)); // more than one flush and one statement
    await w.flushIfFull();
    await w.finish();
    const client = new pg.Client({ connectionString: pgUrl, types: { getTypeParser: () => (v: string) => v } });
    await client.connect();
    try {
      const count = await client.query('SELECT COUNT(*) AS n, MAX("PRACTICE_ID") AS m FROM "PRACTICE"');
      expect(count.rows[0]).toEqual({ n: '30000', m: '30000' });
      const fac = await client.query('SELECT "CREATED_AT", "LATITUDE", "ADDR1" FROM "FACILITY"');
      expect(fac.rows).toEqual([{ CREATED_AT: '2024-03-10 02:30:00', LATITUDE: '42.336612', ADDR1: null }]);
      const next = await client.query(`INSERT INTO "FACILITY" ("PRACTICE_ID", "FAC_NAME", "FAC_TYPE", "CREATED_AT", "UPDATED_AT") VALUES (1, 'x', 'LAB', now(), now()) RETURNING "FACILITY_ID"`);
      expect(next.rows[0].FACILITY_ID).toBe('8');
    } finally {
      await client.end();
    }
  });
});
