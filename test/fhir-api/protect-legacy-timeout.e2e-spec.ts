/**
 * Issue 12, protection of the EHR database on the real PostgreSQL: a lock the EHR holds (`LOCK TABLE ... IN ACCESS
 * EXCLUSIVE MODE` in another session's open transaction) makes our read time out fast with a 504 OperationOutcome
 * (the server cancelled it: no backend of ours is left waiting), and the same read succeeds once the lock is
 * released. The per-app concurrency cap answers 429 while an app's requests are stuck, and gives the slots back.
 * Graceful close: requests in flight when the app closes finish with their answer.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import pg from 'pg';
import request from 'supertest';
import { usCoreErrors } from '#facade/mappers/src/testing/us-core-validator.js';
import { READINESS_PROBES } from '../../apps/fhir-api/src/fhir-api.tokens.js';
import { seedClinic, type Clinic } from './support/clinic.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

const STATEMENT_TIMEOUT_MS = 800;

async function lockPatients(url: string): Promise<pg.Client> {
  const ehr = new pg.Client({ connectionString: url });
  await ehr.connect();
  await ehr.query('BEGIN');
  await ehr.query('LOCK TABLE "PATIENT" IN ACCESS EXCLUSIVE MODE');
  return ehr;
}

async function waitingBackends(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`);
    return r.rows[0].n as number;
  } finally {
    await c.end();
  }
}

describe('legacy statement timeout and caps (PostgreSQL)', () => {
  let t: FhirTestApp;
  let clinic: Clinic;
  let token: string;
  let url: string;

  beforeAll(async () => {
    t = await startFhirTestApp({
      engine: 'postgres',
      legacyLimits: true,
      env: { LEGACY_DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS), FHIR_RATE_LIMITS: 'on', FHIR_APP_CONCURRENCY: '2', FHIR_RESOURCE_CACHE_MB: '0' },
    });
    url = (t.config.legacyDb as { url: string }).url;
    clinic = await seedClinic(t.factory);
    token = await t.mint({ scope: 'user/*.rs', practice: clinic.practiceA, client_id: 'lock-test-app' });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const search = (tok = token) => request(t.server as never).get('/fhir/Patient?family=Shaw').set('Authorization', `Bearer ${tok}`);

  it('answers 504 timeout within the statement timeout while the EHR holds a lock, then reads again once it is released', async () => {
    await search().expect(200);
    const ehr = await lockPatients(url);
    try {
      const started = Date.now();
      const res = await search();
      const took = Date.now() - started;
      expect(res.status).toBe(504);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(res.body.issue[0].code).toBe('timeout');
      expect(res.body.issue[0].details.coding[0].code).toBe('LEGACY_DB_TIMEOUT');
      expect(JSON.stringify(res.body)).not.toMatch(/PATIENT|SELECT|canceling|statement timeout|127\.0\.0\.1/i);
      expect(took).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS - 50);
      expect(took).toBeLessThan(STATEMENT_TIMEOUT_MS + 2500);
      // The server cancelled our statement: nothing of ours is left queued behind the EHR's lock.
      expect(await waitingBackends(url)).toBe(0);
    } finally {
      await ehr.query('COMMIT');
      await ehr.end();
    }
    const res = await search().expect(200);
    const amy = res.body.entry.find((e: { resource: { id: string } }) => e.resource.id === String(clinic.amy)).resource;
    expect(usCoreErrors(amy)).toEqual([]);
  });

  it('caps an app at its concurrency (429 throttled, Retry-After), and gives the slots back when its requests end', async () => {
    const ehr = await lockPatients(url);
    const stuck = [search(), search()].map((r) => r.then((x) => x));
    try {
      // Let both reach the database (they hold the app's two slots while they wait for the lock).
      await new Promise((r) => setTimeout(r, 250));
      const third = await search();
      expect(third.status).toBe(429);
      expect(third.headers['retry-after']).toBe('1');
      expect(third.body.issue[0]).toMatchObject({ code: 'throttled', details: { coding: [{ code: 'CONCURRENCY_LIMITED' }] } });
      // Another app at the same practice is not held back by this one's cap.
      const other = await t.mint({ scope: 'user/*.rs', practice: clinic.practiceA, client_id: 'other-app' });
      const otherRes = request(t.server as never).get('/fhir/Practitioner').set('Authorization', `Bearer ${other}`);
      expect((await otherRes).status).toBe(200);
    } finally {
      await ehr.query('COMMIT');
      await ehr.end();
    }
    const statuses = (await Promise.all(stuck)).map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 504)).toBe(true);
    await search().expect(200);
    await search().expect(200);
  });

  it('sets nothing on the customer database: the statement timeout lives in our own sessions only', async () => {
    const settings = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        const roleDb = await c.query('SELECT setdatabase, setrole, setconfig FROM pg_db_role_setting ORDER BY setdatabase, setrole');
        const db = await c.query('SELECT datconnlimit, datallowconn, datistemplate FROM pg_database WHERE datname = current_database()');
        const fresh = await c.query('SHOW statement_timeout');
        return { roleDb: roleDb.rows, db: db.rows, freshSession: fresh.rows[0].statement_timeout as string };
      } finally {
        await c.end();
      }
    };
    const before = await settings();
    await search().expect(200);
    // Our sessions: the timeout is there (a startup parameter of the connection, gone with it).
    const ours = (await t.ds.query('SHOW statement_timeout')) as { statement_timeout: string }[];
    expect(ours[0].statement_timeout).toBe(`${STATEMENT_TIMEOUT_MS}ms`);
    const after = await settings();
    expect(after).toEqual(before);
    expect(after.freshSession).toBe('0');
  });

  // Last: closes the suite's app (afterAll then only drops the database).
  it('finishes the requests in flight when the app closes (graceful close)', async () => {
    await t.app.listen(0, '127.0.0.1');
    const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const ehr = await lockPatients(url);
    try {
      const inFlight = [1, 2].map(() => fetch(`${base}/fhir/Patient?family=Shaw`, { headers: { authorization: `Bearer ${token}` } }));
      await new Promise((r) => setTimeout(r, 300));
      const closing = t.app.close();
      await new Promise((r) => setTimeout(r, 100));
      // Draining: /readyz's checks fail from now on (a load balancer stops sending new requests).
      const probes = t.app.get<Record<string, () => Promise<unknown>>>(READINESS_PROBES);
      await expect(probes.accepting()).rejects.toThrow('shutting down');
      await ehr.query('COMMIT');
      const answers = await Promise.all(inFlight);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      for (const a of answers) expect(((await a.json()) as { entry: unknown[] }).entry.length).toBeGreaterThan(0);
      const closeStarted = Date.now();
      await closing;
      // The kept-alive connections of the finished requests do not hold the close for the keep-alive timeout.
      expect(Date.now() - closeStarted).toBeLessThan(5000);
      // Closed: no new connection is accepted.
      const port = Number(new URL(base).port);
      await expect(new Promise((resolve, reject) => connect(port, '127.0.0.1', () => resolve('connected')).on('error', reject))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await ehr.end().catch(() => undefined);
      t.app.close = async () => undefined;
    }
  }, 30_000);
});
