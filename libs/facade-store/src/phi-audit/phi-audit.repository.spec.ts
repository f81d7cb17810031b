/**
 * The PHI access trail on SQLite and PostgreSQL: appends chain onto the head, verify names the first bad row
 * (edited content, edited link, a removed row, a cut tail), the purge keeps the rest verifiable, searches stay
 * inside one practice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { DbUrl } from '#facade/config';
import { dropPostgresDatabase, splitPostgresUrl } from '#facade/legacy-db';
import { openFacadeStore, type FacadeStore } from '../facade-store.js';
import type { PhiAuditFacts } from './phi-audit.rows.js';

async function newPostgresUrl(): Promise<string> {
  const u = new URL(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  u.pathname = `/phi_audit_test_${randomBytes(6).toString('hex')}`;
  const { adminUrl, database } = splitPostgresUrl(u.toString());
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return u.toString();
}

const engines: [string, () => Promise<{ url: DbUrl; cleanup: () => Promise<void> }>][] = [
  ['sqlite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phi-audit-'));
    return { url: { kind: 'sqlite', path: join(dir, 'facade.sqlite') }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }],
  ['postgres', async () => {
    const url = await newPostgresUrl();
    return { url: { kind: 'postgres', url }, cleanup: () => dropPostgresDatabase(url) };
  }],
];

function facts(over: Partial<PhiAuditFacts> = {}): PhiAuditFacts {
  return {
    base: 'fhir', interaction: 'read', action: 'R', resourceType: 'Patient', operation: null, queryParams: null, status: 200, outcome: 0,
    clientId: 'app-1', subject: 'user:7', fhirUser: null, tokenId: 'jti-1', contextPatient: null, practiceId: 1, patientId: '12', recordedUser: null,
    entities: JSON.stringify(['Patient/12']), sourceIp: '10.0.0.1', requestId: 'req-1', ...over,
  };
}

describe.each(engines)('PHI audit trail on %s', (_name, make) => {
  let store: FacadeStore;
  let url: DbUrl;
  let cleanup: () => Promise<void>;
  let clock = 1_000_000;

  beforeAll(async () => {
    const made = await make();
    cleanup = made.cleanup;
    url = made.url;
    store = await openFacadeStore(made.url, { now: () => clock });
  });
  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  const tamper = (sql: string) => store.dataSource.query(sql);

  it('commits durably: SQLite in WAL with synchronous=FULL', async () => {
    if (store.dataSource.options.type !== 'better-sqlite3') return;
    expect(await store.dataSource.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(await store.dataSource.query('PRAGMA synchronous')).toEqual([{ synchronous: 2 }]);
    // The append runs on its own connection (a worker thread): it must be as durable.
    expect(await store.phiAudit.appendSettings()).toEqual({ journalMode: 'wal', synchronous: 2 });
  });

  it('chains appends from the genesis hash and verifies them', async () => {
    const first = await store.phiAudit.append([facts(), facts({ patientId: '13', entities: '["Patient/13"]' })]);
    expect(first.map((r) => r.seq)).toEqual([1, 2]);
    expect(first[0].prevHash).toBe('0'.repeat(64));
    expect(first[1].prevHash).toBe(first[0].hash);
    clock += 1000;
    const next = await store.phiAudit.append([facts({ practiceId: 2, patientId: '20', clientId: 'app-2', entities: '["Patient/20"]' })]);
    expect(next[0].seq).toBe(3);
    expect(next[0].prevHash).toBe(first[1].hash);
    expect(await store.phiAudit.verify(2)).toEqual({ ok: true, rows: 3, lastSeq: 3, lastHash: next[0].hash });
    // The stored hash is SHA-256 (hex) of the row's fields as a JSON array in this fixed order (what an outside
    // verifier recomputes): pinned here apart from phi-audit.chain.ts, so a cheaper append cannot change it.
    const stored = await store.phiAudit.find(2, 1);
    const r = stored!;
    const canonical = JSON.stringify([r.seq, r.recorded, r.requestId, r.base, r.interaction, r.action, r.resourceType, r.operation, r.queryParams, r.status, r.outcome,
      r.clientId, r.subject, r.fhirUser, r.tokenId, r.contextPatient, r.practiceId, r.patientId, r.recordedUser, r.entities, r.sourceIp, r.prevHash]);
    expect(r).toMatchObject({ hash: createHash('sha256').update(canonical).digest('hex'), prevHash: first[0].hash, patientId: '13', entities: '["Patient/13"]' });
  });

  it('appends concurrently without breaking the chain (serialised on the head row)', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.phiAudit.append([facts({ requestId: `c-${i}` }), facts({ requestId: `c-${i}`, patientId: '13' })])));
    const verdict = await store.phiAudit.verify();
    expect(verdict).toMatchObject({ ok: true, rows: 19, lastSeq: 19 });
  });

  it('stores and chains awkward text exactly (the worker receives each event as JSON text): quotes, backslashes, separators, non-BMP, nulls', async () => {
    const fresh = await make();
    const own = await openFacadeStore(fresh.url, { now: () => clock });
    try {
      const odd = facts({
        requestId: 'rq-"quoted" \\back\u2028sep\ttab é 𝄞', operation: '$docref', queryParams: 'name,_count', fhirUser: null, sourceIp: null, recordedUser: 7,
        entities: JSON.stringify(['Patient/13', 'DocumentReference/a"b\\c']), subject: '{"not":"json"}', contextPatient: '',
      });
      const [appended] = await own.phiAudit.append([odd, facts()]);
      const r = (await own.phiAudit.find(appended.seq, 1))!;
      const canonical = JSON.stringify([r.seq, r.recorded, r.requestId, r.base, r.interaction, r.action, r.resourceType, r.operation, r.queryParams, r.status, r.outcome,
        r.clientId, r.subject, r.fhirUser, r.tokenId, r.contextPatient, r.practiceId, r.patientId, r.recordedUser, r.entities, r.sourceIp, r.prevHash]);
      expect(r).toEqual({ ...odd, seq: 1, recorded: clock, prevHash: '0'.repeat(64), hash: createHash('sha256').update(canonical).digest('hex') });
      expect(appended.hash).toBe(r.hash);
      expect(await own.phiAudit.verify()).toMatchObject({ ok: true, rows: 2 });
    } finally {
      await own.close();
      await fresh.cleanup();
    }
  });

  it('keeps one chain when two instances (two stores on one database) append at once: the head row serialises them', async () => {
    const other = await openFacadeStore(url, { now: () => clock });
    try {
      const before = (await store.phiAudit.head()).lastSeq;
      await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).phiAudit.append([facts({ requestId: `x-${i}`, practiceId: 3 }), facts({ requestId: `x-${i}`, practiceId: 3 })])));
      expect(await other.phiAudit.verify()).toMatchObject({ ok: true, lastSeq: before + 12 });
      await store.dataSource.query(`DELETE FROM phi_audit_events WHERE practice_id = 3`);
      await store.dataSource.query(`UPDATE phi_audit_chain SET last_seq = ${before}, last_hash = '${(await store.phiAudit.search({ practiceId: 1, limit: 1 }))[0].hash}'`);
    } finally {
      await other.close();
    }
    expect((await store.phiAudit.verify()).ok).toBe(true);
  });

  it('searches one practice only, newest first, by patient, app, user and time', async () => {
    const all = await store.phiAudit.search({ practiceId: 1, limit: 100 });
    expect(all.every((r) => r.practiceId === 1)).toBe(true);
    expect(all.map((r) => r.seq)).toEqual([...all.map((r) => r.seq)].sort((a, b) => b - a));
    expect((await store.phiAudit.search({ practiceId: 1, patientId: '20' }))).toEqual([]);
    expect((await store.phiAudit.search({ practiceId: 2, patientId: '20' })).map((r) => r.seq)).toEqual([3]);
    expect((await store.phiAudit.search({ practiceId: 1, clientId: 'app-2' }))).toEqual([]);
    expect((await store.phiAudit.search({ practiceId: 1, subject: 'user:7', to: 1_000_500 })).map((r) => r.seq)).toEqual([2, 1]);
    expect((await store.phiAudit.search({ practiceId: 1, from: 1_000_500, limit: 3 })).length).toBe(4);
    expect(await store.phiAudit.find(3, 1)).toBeUndefined();
    expect((await store.phiAudit.find(3, 2))?.patientId).toBe('20');
  });

  it('names the first bad row when a row is edited, relinked, removed, or the tail is cut', async () => {
    const [{ patient_id: original }] = await store.dataSource.query(`SELECT patient_id FROM phi_audit_events WHERE seq = 5`);
    await tamper(`UPDATE phi_audit_events SET patient_id = '99' WHERE seq = 5`);
    expect(await store.phiAudit.verify(4)).toMatchObject({ ok: false, badSeq: 5, reason: expect.stringContaining('content') });
    await tamper(`UPDATE phi_audit_events SET patient_id = '${original}' WHERE seq = 5`);
    expect((await store.phiAudit.verify()).ok).toBe(true);

    // Recomputing one row's hash after an edit is caught by the next row's link.
    const [row6] = await store.phiAudit.search({ practiceId: 1, beforeSeq: 7, limit: 1 });
    const { auditRowHash } = await import('./phi-audit.chain.js');
    const forged = { ...row6, outcome: 4 as const };
    await tamper(`UPDATE phi_audit_events SET outcome = 4, hash = '${auditRowHash(forged)}' WHERE seq = 6`);
    expect(await store.phiAudit.verify()).toMatchObject({ ok: false, badSeq: 7, reason: expect.stringContaining('previous-row hash') });
    await tamper(`UPDATE phi_audit_events SET outcome = 0, hash = '${row6.hash}' WHERE seq = 6`);

    const row10 = (await store.dataSource.query(`SELECT * FROM phi_audit_events WHERE seq = 10`))[0];
    await tamper(`DELETE FROM phi_audit_events WHERE seq = 10`);
    expect(await store.phiAudit.verify()).toMatchObject({ ok: false, badSeq: 10, reason: expect.stringContaining('missing') });
    const cols = Object.keys(row10);
    await store.dataSource.query(`INSERT INTO phi_audit_events (${cols.join(', ')}) VALUES (${cols.map((_, i) => (store.dataSource.options.type === 'postgres' ? `$${i + 1}` : '?')).join(', ')})`, cols.map((c) => row10[c]));
    expect((await store.phiAudit.verify()).ok).toBe(true);

    const row19 = (await store.dataSource.query(`SELECT * FROM phi_audit_events WHERE seq = 19`))[0];
    await tamper(`DELETE FROM phi_audit_events WHERE seq = 19`);
    expect(await store.phiAudit.verify()).toMatchObject({ ok: false, badSeq: 19, reason: expect.stringContaining('head') });
    await store.dataSource.query(`INSERT INTO phi_audit_events (${cols.join(', ')}) VALUES (${cols.map((_, i) => (store.dataSource.options.type === 'postgres' ? `$${i + 1}` : '?')).join(', ')})`, cols.map((c) => row19[c]));
    expect((await store.phiAudit.verify()).ok).toBe(true);
  });

  it('purges the rows older than the cutoff and leaves an anchor the rest verifies from', async () => {
    const before = await store.phiAudit.head();
    const purged = await store.phiAudit.purgeBefore(1_000_500);
    expect(purged.purged).toBe(2);
    expect(purged.anchorSeq).toBe(2);
    expect(await store.phiAudit.verify()).toMatchObject({ ok: true, rows: before.lastSeq - 2, lastSeq: before.lastSeq });
    expect(await store.phiAudit.purgeBefore(1_000_500)).toMatchObject({ purged: 0, anchorSeq: 2 });
    clock += 1000;
    await store.phiAudit.append([facts()]);
    expect(await store.phiAudit.verify()).toMatchObject({ ok: true, lastSeq: before.lastSeq + 1 });
    // The row after the anchor cannot be removed unnoticed either.
    await tamper(`DELETE FROM phi_audit_events WHERE seq = 3`);
    expect(await store.phiAudit.verify()).toMatchObject({ ok: false, badSeq: 3 });
  });
});

describe('PHI audit trail on an in-memory SQLite store (the append runs in the thread, no worker)', () => {
  it('chains, stores and verifies exactly as the worker does', async () => {
    const store = await openFacadeStore({ kind: 'sqlite', path: ':memory:' }, { now: () => 42 });
    try {
      const odd = facts({ requestId: 'rq-"q" \\b\u2028 𝄞', fhirUser: null, sourceIp: null, recordedUser: 7, entities: JSON.stringify(['Patient/12', 'Binary/doc-"1"']) });
      const rows = await store.phiAudit.append([odd, facts({ patientId: '13' })]);
      expect(rows.map((r) => r.seq)).toEqual([1, 2]);
      const r = (await store.phiAudit.find(1, 1))!;
      const canonical = JSON.stringify([r.seq, r.recorded, r.requestId, r.base, r.interaction, r.action, r.resourceType, r.operation, r.queryParams, r.status, r.outcome,
        r.clientId, r.subject, r.fhirUser, r.tokenId, r.contextPatient, r.practiceId, r.patientId, r.recordedUser, r.entities, r.sourceIp, r.prevHash]);
      expect(r).toEqual({ ...odd, seq: 1, recorded: 42, prevHash: '0'.repeat(64), hash: createHash('sha256').update(canonical).digest('hex') });
      expect(rows[1].prevHash).toBe(r.hash);
      expect(await store.phiAudit.verify()).toEqual({ ok: true, rows: 2, lastSeq: 2, lastHash: rows[1].hash });
    } finally {
      await store.close();
    }
  });
});

describe('PHI audit trail in a SQLite file: batches handed over together (the worker merges those waiting into one commit)', () => {
  it('chains them in hand-over order, each answered with its own seqs and hashes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'phi-audit-merge-'));
    const store = await openFacadeStore({ kind: 'sqlite', path: join(dir, 'facade.sqlite') }, { now: () => 42 });
    try {
      const batches = Array.from({ length: 12 }, (_, i) => [facts({ requestId: `m-${i}` }), facts({ requestId: `m-${i}`, patientId: '14' })]);
      const stored = await Promise.all(batches.map((b) => store.phiAudit.appendBatch(b)));
      expect(stored.map((s) => s!.firstSeq)).toEqual(batches.map((_, i) => 1 + 2 * i));
      for (let i = 1; i < stored.length; i++) expect(stored[i]!.firstPrev).toBe(stored[i - 1]!.hashes[1]);
      const rows = await store.phiAudit.search({ practiceId: 1, patientId: '14', limit: 12 });
      expect(rows.map((r) => [r.requestId, r.hash]).reverse()).toEqual(stored.map((s, i) => [`m-${i}`, s!.hashes[1]]));
      expect(await store.phiAudit.verify()).toMatchObject({ ok: true, rows: 24, lastSeq: 24 });
      // A batch the store refuses (request_id is NOT NULL) fails alone; those merged with it are stored and chained.
      const mixed = [[facts({ requestId: 'ok-1' })], [facts({ requestId: null as unknown as string })], [facts({ requestId: 'ok-2' })]];
      const outcomes = await Promise.allSettled(mixed.map((b) => store.phiAudit.appendBatch(b)));
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value!.firstSeq : null))).toEqual([25, null, 26]);
      expect(await store.phiAudit.verify()).toMatchObject({ ok: true, rows: 26, lastSeq: 26 });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
