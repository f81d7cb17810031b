/**
 * The request limiter's shared counts with the real Redis at 127.0.0.1:6379 (own key prefix per run): two limiters
 * (two instances) count together, one script per admission and per release keeps the library's semantics, and a
 * failing Redis (down, erroring, silent) never fails a request: it is counted in memory.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { FhirError } from '#facade/fhir';
import { CONCURRENCY_TTL_S, RequestLimiter, type LimitSubject, type Release } from './request-limiter.js';
import { admit, specDefaults } from './testing/admit.js';

const defaults = specDefaults;
const prefix = `spec:limiter-redis:${process.pid}:${Date.now()}`;
const subject = (clientId: string, practice: number): LimitSubject => ({ clientId, practice, practices: [practice] });
const options = { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 250 } as const;

const code = (r: Release | FhirError) => (typeof r === 'function' ? 'admitted' : `${r.status} ${r.messageCode} ${r.headers['Retry-After']}`);
const ready = (r: Redis) => (r.status === 'ready' ? Promise.resolve() : new Promise<void>((ok) => r.once('ready', () => ok())));

describe('RequestLimiter with shared counts in Redis', () => {
  const clients = [new Redis('redis://127.0.0.1:6379', options), new Redis('redis://127.0.0.1:6379', options), new Redis('redis://127.0.0.1:6379')];
  const [ra, rb, check] = clients;
  let a: RequestLimiter;
  let b: RequestLimiter;
  const key = (kind: 'rate' | 'conc', k: string) => `${prefix}:${kind}:${k}`;
  const counts = async (...keys: string[]) => (await check.mget(...keys)).map((v) => (v === null ? null : Number(v)));

  beforeAll(async () => {
    await Promise.all(clients.map(ready));
    a = new RequestLimiter({ defaults, redis: ra, keyPrefix: prefix });
    b = new RequestLimiter({ defaults, redis: rb, keyPrefix: prefix });
  });
  afterAll(async () => {
    const keys = await check.keys(`${prefix}:*`);
    if (keys.length) await check.del(...keys);
    await Promise.all(clients.map((c) => c.quit()));
  });

  it('counts the rate of an app across two instances, refuses the sixth with 429 and Retry-After, and leaves the slots alone then', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await admit(i % 2 ? b : a, subject('rate-app', 1));
      expect(code(r)).toBe('admitted');
      (r as Release)();
    }
    const over = await admit(b, subject('rate-app', 1));
    expect(code(over)).toMatch(/^429 RATE_LIMITED ([1-9]|[1-5][0-9]|60)$/);
    expect(await counts(key('rate', 'a:rate-app:1'), key('rate', 'p:1'), key('conc', 'a:rate-app:1'))).toEqual([6, 6, 0]);
    const ttl = await check.pttl(key('rate', 'a:rate-app:1'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('shares the concurrency caps, gives every slot back when one key is over, and on release (once)', async () => {
    const r1 = (await a.admit(subject('conc-app', 2))) as Release;
    const r2 = (await b.admit(subject('conc-app', 2))) as Release;
    expect(code(await admit(a, subject('conc-app', 2)))).toBe('429 CONCURRENCY_LIMITED 1');
    // The refused request took no slot of the practice either.
    expect(await counts(key('conc', 'a:conc-app:2'), key('conc', 'p:2'))).toEqual([2, 2]);
    const ttl = await check.ttl(key('conc', 'p:2'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(CONCURRENCY_TTL_S);
    const other = (await b.admit(subject('other-app', 2))) as Release;
    expect(code(await admit(a, subject('third-app', 2)))).toBe('429 CONCURRENCY_LIMITED 1');
    r1();
    r1();
    await waitFor(async () => (await counts(key('conc', 'a:conc-app:2')))[0] === 1);
    const third = await admit(b, subject('third-app', 2));
    expect(code(third)).toBe('admitted');
    (third as Release)();
    r2();
    other();
  });

  it('does not leave a negative count when a slot is given back after its key expired (a crashed instance)', async () => {
    const r = (await a.admit(subject('expired-app', 3))) as Release;
    await check.del(key('conc', 'a:expired-app:3'));
    r();
    await waitFor(async () => (await counts(key('conc', 'p:3')))[0] === 0);
    expect(await check.exists(key('conc', 'a:expired-app:3'))).toBe(0);
  });

  it('counts in memory when Redis answers with an error', async () => {
    await check.hset(key('rate', 'a:broken-app:4'), 'x', '1'); // INCR on a hash: WRONGTYPE
    for (let i = 0; i < 5; i++) (await a.admit(subject('broken-app', 4)) as Release)();
    expect(code(await admit(a, subject('broken-app', 4)))).toMatch(/^429 RATE_LIMITED/);
    // Counted by this instance alone: the other one has not seen the app.
    expect(code(await admit(b, subject('broken-app', 4)))).toBe('admitted');
  });
});

describe('RequestLimiter while Redis is unreachable or silent', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  let port = 0;
  beforeAll(async () => {
    silent = createServer((s) => void sockets.push(s));
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((ok) => silent.close(ok));
  });

  it('answers at once from memory when Redis is not connected, and within the command timeout when it does not answer', async () => {
    const down = new Redis({ port: 1, host: '127.0.0.1', ...options, lazyConnect: true, retryStrategy: () => null });
    // No ready check: the connection counts as up, and each script times out after 100 ms.
    const mute = new Redis({ port, host: '127.0.0.1', ...options, commandTimeout: 100, enableReadyCheck: false });
    await ready(mute);
    for (const redis of [down, mute]) {
      const l = new RequestLimiter({ defaults, redis, keyPrefix: prefix });
      const started = Date.now();
      for (let i = 0; i < 5; i++) (await l.admit(subject('offline-app', 1)) as Release)();
      expect(Date.now() - started).toBeLessThan(redis === down ? 100 : 5 * 100 + 400);
      expect(code(await admit(l, subject('offline-app', 1)))).toMatch(/^429 RATE_LIMITED/);
      const r1 = (await l.admit(subject('slots-app', 2))) as Release;
      const r2 = (await l.admit(subject('slots-app', 2))) as Release;
      expect(code(await admit(l, subject('slots-app', 2)))).toBe('429 CONCURRENCY_LIMITED 1');
      r1();
      const r3 = await admit(l, subject('slots-app', 2));
      expect(code(r3)).toBe('admitted');
      (r3 as Release)();
      r2();
    }
    down.disconnect();
    mute.disconnect();
  });
});

async function waitFor(f: () => Promise<boolean>, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
