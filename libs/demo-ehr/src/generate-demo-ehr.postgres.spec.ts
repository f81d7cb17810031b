import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DbUrl } from '#facade/config';
import { vendoredSchema, dropPostgresDatabase } from '#facade/legacy-db';
import { generateDemoEhr } from './index.js';
import { dumpAll, openReader, orphanReferences } from './testing/db-reader.js';

const pgUrl = (name: string) => {
  const u = new URL(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  u.pathname = `/${name}`;
  return u.toString();
};
const dir = mkdtempSync(join(tmpdir(), 'demo-ehr-pg-'));
const target: DbUrl = { kind: 'postgres', url: pgUrl(`demo_ehr_${process.pid}_${Date.now()}`) };

/** DECIMAL values: PostgreSQL NUMERIC arrives as text, SQLite as a number. */
function normalise(dump: Record<string, string>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of vendoredSchema().tables) {
    const decimals = t.columns.filter((c) => c.type === 'DECIMAL').map((c) => c.name);
    out[t.name] = (JSON.parse(dump[t.name]) as Record<string, unknown>[]).map((row) => {
      for (const c of decimals) if (row[c] !== null) row[c] = Number(row[c]);
      return row;
    });
  }
  return out;
}

afterAll(async () => {
  await dropPostgresDatabase(target.kind === 'postgres' ? target.url : '');
  rmSync(dir, { recursive: true, force: true });
});

describe('generateDemoEhr into PostgreSQL', () => {
  it('writes the same rows as into SQLite, with sound references and usable identity sequences', async () => {
    const seed = 11;
    const summary = await generateDemoEhr(target, { patients: 60, seed });
    const lite: DbUrl = { kind: 'sqlite', path: join(dir, 'same.sqlite') };
    const liteSummary = await generateDemoEhr(lite, { patients: 60, seed });
    expect(summary.rows).toEqual(liteSummary.rows);

    const pgReader = await openReader(target);
    const liteReader = await openReader(lite);
    try {
      expect(normalise(await dumpAll(pgReader))).toEqual(normalise(await dumpAll(liteReader)));
      expect(await orphanReferences(pgReader)).toEqual([]);
      const dst = await pgReader.all(`SELECT "START_DT" FROM "VISIT" WHERE "START_DT" = '2024-03-10 02:30:00'`);
      expect(dst.length).toBeGreaterThan(0);
      for (const row of dst) expect(row).toEqual({ START_DT: '2024-03-10 02:30:00' }); // stored as written, no zone shift
    } finally {
      await pgReader.close();
      await liteReader.close();
    }

    // The EHR (or the facade) inserting after the load gets fresh ids, not a duplicate key.
    const client = new pg.Client({ connectionString: target.kind === 'postgres' ? target.url : '' });
    await client.connect();
    try {
      const { rows } = await client.query(`INSERT INTO "PAYER" ("PAYER_NAME", "UPDATED_AT") VALUES ('New payer', '2025-06-16 10:00:00') RETURNING "PAYER_ID"`);
      expect(rows[0].PAYER_ID).toBe(summary.rows.PAYER + 1);
      const visit = await client.query(`SELECT MAX("VISIT_ID") AS m FROM "VISIT"`);
      const next = await client.query(`SELECT nextval(pg_get_serial_sequence('"VISIT"', 'VISIT_ID')) AS n`);
      expect(Number(next.rows[0].n)).toBe(Number(visit.rows[0].m) + 1);
    } finally {
      await client.end();
    }
  });
});
