/**
 * The SQLite append transaction on a real store file: a merged commit of several batches runs single-row INSERTs
 * only (a multi-row `VALUES` gets a statement journal, which spills into a temporary file created and unlinked on
 * every commit), chains every row, and a row the store refuses undoes the whole transaction (the worker then
 * retries batch by batch).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { openFacadeStore, type FacadeStore } from '../facade-store.js';
import { CANONICAL_FACTS, canonicalFactsText, canonicalValues, linkHash } from './phi-audit.chain.js';
import { PHI_AUDIT_CHAIN_TABLE, PHI_AUDIT_TABLE } from './phi-audit.repository.js';
import type { PhiAuditFacts, PhiAuditRow } from './phi-audit.rows.js';
import { sqliteAppender, type AuditColumn, type ChainGroup, type SqliteConnection } from './phi-audit.sqlite-append.js';

const event = (i: number, over: Partial<PhiAuditFacts> = {}): PhiAuditFacts => ({
  base: 'fhir', interaction: 'read', action: 'R', resourceType: 'Patient', operation: null, queryParams: null, status: 200, outcome: 0,
  clientId: 'app-1', subject: 'user:7', fhirUser: null, tokenId: 'jti-1', contextPatient: null, practiceId: 1 + (i % 3), patientId: String(100 + i),
  recordedUser: null, entities: JSON.stringify([`Patient/${100 + i}`]), sourceIp: '10.0.0.1', requestId: `req-${i}`, ...over,
});
const group = (facts: PhiAuditFacts[], recorded: number): ChainGroup => ({ events: facts.map((f) => ({ text: canonicalFactsText(f), values: canonicalValues(f) })), recorded });

describe('SQLite audit append (the worker transaction)', () => {
  let dir: string;
  let store: FacadeStore;
  let db: Database.Database;
  const prepared: string[] = [];
  let append: (groups: readonly ChainGroup[]) => unknown;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'phi-append-'));
    const path = join(dir, 'facade.sqlite');
    store = await openFacadeStore({ kind: 'sqlite', path });
    // Its own connection, as the append worker opens it; every statement text it prepares is kept.
    db = new Database(path);
    const conn: SqliteConnection = {
      prepare: (sql) => {
        prepared.push(sql);
        return db.prepare(sql);
      },
      transaction: (fn) => db.transaction(fn),
    };
    const cols: AuditColumn[] = store.dataSource.getMetadata(PHI_AUDIT_TABLE).columns.map((c) => ({ property: c.propertyName as keyof PhiAuditRow, name: c.databaseName }));
    append = sqliteAppender(conn, PHI_AUDIT_TABLE, PHI_AUDIT_CHAIN_TABLE, cols, { CANONICAL_FACTS, linkHash });
  });
  afterAll(async () => {
    db?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits a merged group of batches with single-row INSERTs, chained in order', async () => {
    const batches = [0, 1, 2].map((b) => group(Array.from({ length: 8 }, (_, i) => event(b * 8 + i)), 5_000 + b));
    const chained = append(batches) as Array<{ firstSeq: number; hashes: string[] }>;
    expect(chained.map((c) => [c.firstSeq, c.hashes.length])).toEqual([[1, 8], [9, 8], [17, 8]]);
    const inserts = prepared.filter((s) => /^INSERT/i.test(s));
    expect(inserts).toHaveLength(1);
    // One tuple of placeholders: `VALUES (?, ..., ?)` and nothing after it.
    expect(inserts[0]).toMatch(/VALUES \((\?, )*\?\)$/);
    const rows = db.prepare(`SELECT seq, request_id AS requestId, recorded FROM ${PHI_AUDIT_TABLE} ORDER BY seq`).all() as Array<{ seq: number; requestId: string; recorded: number }>;
    expect(rows.map((r) => r.requestId)).toEqual(Array.from({ length: 24 }, (_, i) => `req-${i}`));
    expect(rows[8].recorded).toBe(5_001);
    expect(await store.phiAudit.verify()).toMatchObject({ ok: true, rows: 24, lastSeq: 24 });
  });

  it('undoes the whole merged transaction when one row is refused (rows and head as before)', async () => {
    const before = db.prepare(`SELECT last_seq AS s, last_hash AS h FROM ${PHI_AUDIT_CHAIN_TABLE}`).get();
    // request_id is NOT NULL: the fifth event of the second batch is refused by the store.
    const bad = [group([event(40), event(41)], 6_000), group([0, 1, 2, 3, 4].map((i) => event(50 + i, i === 4 ? { requestId: null as unknown as string } : {})), 6_001)];
    expect(() => append(bad)).toThrow(/NOT NULL/);
    expect(db.prepare(`SELECT last_seq AS s, last_hash AS h FROM ${PHI_AUDIT_CHAIN_TABLE}`).get()).toEqual(before);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM ${PHI_AUDIT_TABLE}`).get()).toEqual({ n: 24 });
    // The good batch alone goes in after it, on the same chain.
    append([bad[0]]);
    expect(await store.phiAudit.verify()).toMatchObject({ ok: true, rows: 26, lastSeq: 26 });
  });
});
