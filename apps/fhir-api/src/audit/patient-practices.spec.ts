/**
 * The audit's look-ups in the EHR, on SQLite and PostgreSQL (quoted upper-case names, as the legacy schema has
 * them): a multi-practice token's events get their patient's practice (cached with a time limit, bounded), and an
 * answered Binary read's events their document's patient.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { PhiAuditFacts } from '#facade/facade-store';
import { dropPostgresDatabase, splitPostgresUrl } from '#facade/legacy-db';
import type { Caller } from '../service/request-auth.js';
import { BinaryPatients } from './binary-patients.js';
import { PatientPractices } from './patient-practices.js';

const caller = (practices: number[]) => ({ claims: { practices } }) as unknown as Caller;
const event = (patientId: string | null, over: Partial<PhiAuditFacts> = {}) => ({ practiceId: null, patientId, resourceType: 'Patient', status: 200, ...over }) as PhiAuditFacts;

async function postgres(): Promise<{ ds: DataSource; drop: () => Promise<void> }> {
  const u = new URL(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  u.pathname = `/audit_lookup_test_${randomBytes(6).toString('hex')}`;
  const { adminUrl, database } = splitPostgresUrl(u.toString());
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return { ds: new DataSource({ type: 'postgres', url: u.toString() }), drop: () => dropPostgresDatabase(u.toString()) };
}

const engines: Array<[string, () => Promise<{ ds: DataSource; drop: () => Promise<void> }>]> = [
  ['sqlite', async () => ({ ds: new DataSource({ type: 'better-sqlite3', database: ':memory:' }), drop: async () => undefined })],
  ['postgres', postgres],
];

describe.each(engines)('audit look-ups in the EHR on %s', (_name, make) => {
  let ds: DataSource;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ ds, drop } = await make());
    await ds.initialize();
    await ds.query('CREATE TABLE "PATIENT" ("PAT_ID" INTEGER PRIMARY KEY, "PRACTICE_ID" INTEGER NOT NULL)');
    await ds.query('INSERT INTO "PATIENT" VALUES (1, 10), (2, 20), (3, 30)');
    await ds.query('CREATE TABLE "DOCUMENT" ("DOC_ID" INTEGER PRIMARY KEY, "PAT_ID" INTEGER NOT NULL)');
    await ds.query('CREATE TABLE "CLINICAL_NOTE" ("NOTE_ID" INTEGER PRIMARY KEY, "PAT_ID" INTEGER NOT NULL)');
    await ds.query('INSERT INTO "DOCUMENT" VALUES (5, 2)');
    await ds.query('INSERT INTO "CLINICAL_NOTE" VALUES (7, 3)');
  });
  afterAll(async () => {
    await ds?.destroy();
    await drop?.();
  });

  it("gives each event its patient's practice when the token holds it, with one statement per request", async () => {
    const p = new PatientPractices(ds);
    const events = [event('1'), event('2'), event('3'), event(null), event('99')];
    await p.assign(caller([10, 20]), events);
    expect(events.map((e) => e.practiceId)).toEqual([10, 20, null, null, null]);
    expect(p.lookups).toBe(1);
  });

  it('answers from the cache within the time limit and reads PATIENT again after it (a moved patient)', async () => {
    let now = 1_000;
    const p = new PatientPractices(ds, { ttlMs: 60_000, now: () => now });
    const first = [event('2')];
    await p.assign(caller([20, 30]), first);
    expect(first[0].practiceId).toBe(20);
    await ds.query('UPDATE "PATIENT" SET "PRACTICE_ID" = 30 WHERE "PAT_ID" = 2');
    const cached = [event('2')];
    await p.assign(caller([20, 30]), cached);
    expect([cached[0].practiceId, p.lookups]).toEqual([20, 1]);
    now += 60_000;
    const fresh = [event('2')];
    await p.assign(caller([20, 30]), fresh);
    expect([fresh[0].practiceId, p.lookups]).toEqual([30, 2]);
    await ds.query('UPDATE "PATIENT" SET "PRACTICE_ID" = 20 WHERE "PAT_ID" = 2');
  });

  it('keeps at most maxEntries patients (the oldest dropped first)', async () => {
    const p = new PatientPractices(ds, { maxEntries: 2 });
    for (const id of ['1', '2', '3']) await p.assign(caller([10, 20, 30]), [event(id)]);
    expect(p.lookups).toBe(3);
    await p.assign(caller([10, 20, 30]), [event('3')]);
    expect(p.lookups).toBe(3);
    await p.assign(caller([10, 20, 30]), [event('1')]);
    expect(p.lookups).toBe(4);
  });

  it('does nothing for a token of one practice', async () => {
    const p = new PatientPractices(ds);
    const events = [event('1')];
    await p.assign({ claims: { practice: 10, practices: [10, 20] } } as unknown as Caller, events);
    await p.assign(caller([10]), events);
    expect([events[0].practiceId, p.lookups]).toEqual([null, 0]);
  });

  it("gives an answered Binary read's events its document's or note's patient, not a refused one's", async () => {
    const b = new BinaryPatients(ds);
    const binary = (status = 200) => [event(null, { resourceType: 'Binary', status })];
    const [doc, vread, note, refused, other] = [binary(), binary(), binary(), binary(404), [event(null)]];
    await b.assign('/fhir/Binary/doc-5', doc);
    await b.assign('/fhir/Binary/doc-5/_history/1', vread);
    await b.assign('/open/Binary/note-7?_format=json', note);
    await b.assign('/fhir/Binary/doc-5', refused);
    await b.assign('/fhir/Patient/1', other);
    expect([doc, vread, note, refused, other].map((es) => es[0].patientId)).toEqual(['2', '2', '3', null, null]);
    expect(b.lookups).toBe(2);
  });
});
