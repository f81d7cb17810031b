/** The practice of a multi-practice token's events: from PATIENT, cached with a time limit, bounded. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { PhiAuditFacts } from '#facade/facade-store';
import type { Caller } from '../service/request-auth.js';
import { PatientPractices } from './patient-practices.js';

const caller = (practices: number[]) => ({ claims: { practices } }) as unknown as Caller;
const event = (patientId: string | null) => ({ practiceId: null, patientId }) as PhiAuditFacts;

describe('PatientPractices', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await ds.initialize();
    await ds.query('CREATE TABLE PATIENT (PAT_ID INTEGER PRIMARY KEY, PRACTICE_ID INTEGER NOT NULL)');
    await ds.query('INSERT INTO PATIENT VALUES (1, 10), (2, 20), (3, 30)');
  });
  afterAll(() => ds.destroy());

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
    await ds.query('UPDATE PATIENT SET PRACTICE_ID = 30 WHERE PAT_ID = 2');
    const cached = [event('2')];
    await p.assign(caller([20, 30]), cached);
    expect([cached[0].practiceId, p.lookups]).toEqual([20, 1]);
    now += 60_000;
    const fresh = [event('2')];
    await p.assign(caller([20, 30]), fresh);
    expect([fresh[0].practiceId, p.lookups]).toEqual([30, 2]);
    await ds.query('UPDATE PATIENT SET PRACTICE_ID = 20 WHERE PAT_ID = 2');
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
});
