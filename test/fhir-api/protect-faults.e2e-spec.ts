/**
 * Issue 12, the fault suite, under a running load, with no process restart. The machine's shared PostgreSQL and
 * Redis are never stopped: each is reached through a TCP proxy the test stops (connections refused, open ones
 * cut) and starts again on the same port.
 * - Legacy PostgreSQL unreachable (proxy stopped and our backends terminated with `pg_terminate_backend`):
 *   `/readyz` 503, every FHIR request a fast 503 OperationOutcome with Retry-After, never a 500; when it returns,
 *   200s again and `/readyz` 200.
 * - Facade store (PostgreSQL) unreachable: token checks fail closed (503, never a 200) once the revocations are
 *   out of date; a token revoked meanwhile is refused after recovery.
 * - Redis (request counters) unreachable: reads and searches are unaffected; counts are shared again when it returns.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { DbUrl } from '#facade/config';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { dropPostgresDatabase, splitPostgresUrl } from '#facade/legacy-db';
import { LIMITS_REDIS } from '../../apps/fhir-api/src/protect/protect.tokens.js';
import { seedClinic, type Clinic } from './support/clinic.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';
import { LoadLoop, sleep, until } from './support/load-loop.js';
import { TcpProxy } from './support/tcp-proxy.js';

const PG_BASE = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const viaProxy = (url: string, port: number) => {
  const u = new URL(url);
  u.host = `127.0.0.1:${port}`;
  return u.toString();
};

async function listen(t: FhirTestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

describe('legacy PostgreSQL unreachable under load', () => {
  const proxy = new TcpProxy('127.0.0.1', Number(new URL(PG_BASE).port || 5432));
  let t: FhirTestApp;
  let clinic: Clinic;
  let base: string;
  let token: string;

  beforeAll(async () => {
    await proxy.start();
    t = await startFhirTestApp({
      engine: 'postgres',
      legacyLimits: true,
      connectUrl: (url) => ({ kind: 'postgres', url: viaProxy((url as { url: string }).url, proxy.port) }),
      env: { LEGACY_DB_STATEMENT_TIMEOUT_MS: '2000', LEGACY_DB_CONNECT_TIMEOUT_MS: '1000', FHIR_RESOURCE_CACHE_MB: '0' },
    });
    clinic = await seedClinic(t.factory);
    token = await t.mint({ scope: 'user/*.rs', practice: clinic.practiceA });
    base = await listen(t);
  }, 60_000);
  afterAll(async () => {
    await proxy.start().catch(() => undefined);
    await t?.close();
    await proxy.stop();
  });

  it('answers fast 503s with Retry-After while the database is away, and recovers without a restart', async () => {
    const paths = ['/fhir/Patient?family=Shaw', `/fhir/Patient/${clinic.amy}`, `/fhir/Observation?patient=${clinic.amy}&category=laboratory`, `/fhir/Condition?patient=${clinic.amy}`];
    const load = new LoadLoop(base, token, paths, 4);
    try {
      await sleep(1500);
      const down = Date.now();
      await proxy.stop();
      // Our sessions on the server end too (the EHR's administrator would see them go).
      const admin = new pg.Client({ connectionString: (t.config.legacyDb as { url: string }).url });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      await admin.end();
      await sleep(300);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { checks: Record<string, string> }).checks.legacyDb).toBe('failed');
      const outageFrom = Date.now();
      await sleep(2000);
      const up = Date.now();
      await proxy.start();
      const recoveredIn = await until(async () => (await fetch(`${base}/fhir/Patient?family=Shaw`, { headers: { authorization: `Bearer ${token}` } })).status === 200, 15_000);
      expect(recoveredIn).toBeLessThan(10_000);
      await until(async () => (await fetch(`${base}/readyz`)).status === 200, 5000);
      const after = Date.now();
      await sleep(1500);
      const answers = await load.stop();

      const before = answers.filter((a) => a.at + a.ms < down);
      const during = answers.filter((a) => a.at >= outageFrom && a.at + a.ms <= up);
      const later = answers.filter((a) => a.at >= after);
      expect(before.length).toBeGreaterThan(4);
      expect(new Set(before.map((a) => a.status))).toEqual(new Set([200]));
      expect(during.length).toBeGreaterThan(4);
      for (const a of during) {
        expect(a).toMatchObject({ status: 503, code: 'LEGACY_DB_UNAVAILABLE', retryAfter: '5' });
        expect(a.ms).toBeLessThan(1500);
      }
      expect(later.length).toBeGreaterThan(4);
      expect(new Set(later.map((a) => a.status))).toEqual(new Set([200]));
      // Whatever was cut mid-statement: never a 500, never a dropped connection.
      expect(answers.filter((a) => a.status !== 200 && a.status !== 503)).toEqual([]);
    } finally {
      await load.stop();
    }
  }, 60_000);
});

describe('facade store unreachable: token checks fail closed', () => {
  const proxy = new TcpProxy('127.0.0.1', Number(new URL(PG_BASE).port || 5432));
  let storeUrl: string;
  let store: FacadeStore;
  let direct: FacadeStore;
  let t: FhirTestApp;

  beforeAll(async () => {
    await proxy.start();
    const { adminUrl } = splitPostgresUrl(PG_BASE);
    const u = new URL(PG_BASE);
    u.pathname = `/facade_faults_${process.pid}_${Date.now()}`;
    storeUrl = u.toString();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${u.pathname.slice(1)}"`);
    await admin.end();
    direct = await openFacadeStore({ kind: 'postgres', url: storeUrl });
    store = await openFacadeStore({ kind: 'postgres', url: viaProxy(storeUrl, proxy.port) } as DbUrl);
    t = await startFhirTestApp({ revocations: store.revocations, appOptions: { revocationPollMs: 100, revocationMaxStaleMs: 1500 } });
  }, 60_000);
  afterAll(async () => {
    await proxy.start().catch(() => undefined);
    await t?.close();
    await store?.close();
    await direct?.close();
    await proxy.stop();
    if (storeUrl) await dropPostgresDatabase(storeUrl);
  });

  it('refuses every token with 503 once the revocations are out of date, and applies a revocation made meanwhile', async () => {
    const token = await t.mint({ scope: 'system/*.rs', practice: 1, jti: 'jti-kept' });
    const doomed = await t.mint({ scope: 'system/*.rs', practice: 1, jti: 'jti-revoked-while-down' });
    const get = (tok: string) => fetch(`${base}/fhir/Practitioner`, { headers: { authorization: `Bearer ${tok}` } });
    const base = await listen(t);
    await until(async () => (await get(token)).status === 200, 5000);
    expect((await get(doomed)).status).toBe(200);
    await proxy.stop();
    await direct.revocations.revokeJti('jti-revoked-while-down', 'test-app', Date.now() + 600_000);
    await sleep(2500);
    for (const tok of [token, doomed]) {
      const res = await get(tok);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(((await res.json()) as { issue: { details: { coding: { code: string }[] } }[] }).issue[0].details.coding[0].code).toBe('TOKEN_CHECK_UNAVAILABLE');
    }
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200); // this app reads revocations through the injected feed; /readyz probes its own databases
    await proxy.start();
    await until(async () => (await get(token)).status === 200, 10_000);
    const res = await get(doomed);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
  }, 60_000);
});

describe('Redis (request counters) unreachable', () => {
  const proxy = new TcpProxy('127.0.0.1', 6379);
  const prefix = `test:limits:${process.pid}:${Date.now()}`;
  let a: FhirTestApp;
  let b: FhirTestApp;
  let baseA: string;
  let baseB: string;
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true });

  beforeAll(async () => {
    await proxy.start();
    const env = { REDIS_URL: `redis://127.0.0.1:${proxy.port}`, FHIR_RATE_LIMITS: 'on', FHIR_APP_RATE_PER_MINUTE: '6' };
    a = await startFhirTestApp({ env, appOptions: { rateLimitKeyPrefix: prefix } });
    b = await startFhirTestApp({ env, appOptions: { rateLimitKeyPrefix: prefix } });
    await seedClinic(a.factory);
    await seedClinic(b.factory);
    baseA = await listen(a);
    baseB = await listen(b);
    await redis.connect();
    await until(async () => a.app.get<Redis>(LIMITS_REDIS).status === 'ready' && b.app.get<Redis>(LIMITS_REDIS).status === 'ready', 5000);
  }, 60_000);
  afterAll(async () => {
    await proxy.start().catch(() => undefined);
    await a?.close();
    await b?.close();
    await proxy.stop();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  const get = (base: string, token: string) => fetch(`${base}/fhir/Practitioner`, { headers: { authorization: `Bearer ${token}` } });

  async function sharedCounting(clientId: string): Promise<void> {
    const ta = await a.mint({ scope: 'system/*.rs', practice: 1, client_id: clientId });
    const tb = await b.mint({ scope: 'system/*.rs', practice: 1, client_id: clientId });
    for (let i = 0; i < 3; i++) {
      expect((await get(baseA, ta)).status).toBe(200);
      expect((await get(baseB, tb)).status).toBe(200);
    }
    // The seventh request of this app at practice 1, whichever instance gets it.
    const res = await get(baseA, ta);
    expect(res.status).toBe(429);
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(((await res.json()) as { issue: { code: string }[] }).issue[0].code).toBe('throttled');
  }

  it('shares the counts of an app between instances through Redis', async () => {
    await sharedCounting('shared-app-1');
    expect((await redis.keys(`${prefix}:rate:*`)).length).toBeGreaterThan(0);
  });

  it('serves reads and searches while Redis is away (each instance counts on its own), and shares again when it returns', async () => {
    await proxy.stop();
    const ta = await a.mint({ scope: 'system/*.rs', practice: 1, client_id: 'while-redis-down' });
    for (const path of ['/fhir/Practitioner', '/fhir/Patient?family=Shaw', '/fhir/Organization', '/fhir/Location', '/fhir/Patient']) {
      const started = Date.now();
      const res = await fetch(`${baseA}${path}`, { headers: { authorization: `Bearer ${ta}` } });
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1000);
    }
    await proxy.start();
    await until(async () => a.app.get<Redis>(LIMITS_REDIS).status === 'ready' && b.app.get<Redis>(LIMITS_REDIS).status === 'ready', 15_000);
    await sharedCounting('shared-app-2');
  }, 40_000);
});
