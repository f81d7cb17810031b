#!/usr/bin/env node
/**
 * CPU cost of the FHIR API's request limits when they are on (issue 9). After `npm run build`:
 *
 *   node scripts/lts-node.mjs node bench/limiter-cost.mjs [--rounds 8] [--requests 200000] [--callers 20]
 *        [--baseline <dir with request-limiter.js + throttle.guard.js of another build>] [--redis redis://...]
 *        [--parallel 1] [--auto-pipelining]
 *
 * Drives the admission guard the routes run (ThrottleGuard.canActivate, then `req.admissionRelease()` as the
 * route's onResponse hook does) for `--requests` sequential requests per round of `--callers` cached callers (claims
 * objects reused per token, as the bearer cache hands them out), with the app limits behind the real AppLimitCache
 * (fresh entries) and limits high enough that nothing is refused. Prints CPU µs per request (process.cpuUsage,
 * user + system) per round and the median, and the wall time per request (with Redis: the round trips a request
 * waits for). `--parallel N` runs N such request loops at once (requests in flight together, as in a server).
 * `--auto-pipelining` adds a side: this build on a second Redis client with ioredis `enableAutoPipelining`. With
 * `--baseline` or `--auto-pipelining` the sides alternate ABBA in the same process, so load drift on a shared
 * machine hits both alike. "Off" costs nothing: with FHIR_RATE_LIMITS=off the routes do not
 * run the guard nor carry the release hooks.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const { values: o } = parseArgs({ options: { rounds: { type: 'string', default: '8' }, requests: { type: 'string', default: '200000' }, callers: { type: 'string', default: '20' }, baseline: { type: 'string' }, redis: { type: 'string' }, parallel: { type: 'string', default: '1' }, 'auto-pipelining': { type: 'boolean', default: false } } });
const rounds = Number(o.rounds);
const requests = o.redis ? Math.min(Number(o.requests), 20_000) : Number(o.requests);
const dist = new URL('../dist/apps/fhir-api/src/protect/', import.meta.url);
const { AppLimitCache } = await import(new URL('app-limit-cache.js', dist).href);
const parallel = Number(o.parallel);
const client = async (extra = {}) => {
  const r = new (await import('ioredis')).Redis(o.redis, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 250, ...extra });
  await new Promise((ok) => r.once('ready', ok));
  return r;
};
const redis = o.redis ? await client() : null;
const pipelined = o.redis && o['auto-pipelining'] ? await client({ enableAutoPipelining: true }) : null;

const defaults = { enabled: true, app: { perMinute: 1e9, concurrent: 1e6 }, practice: { perMinute: 1e9, concurrent: 1e6 } };
const claims = Array.from({ length: Number(o.callers) }, (_, i) => ({ client_id: `bench-app-${i % 5}`, practice: 1 + (i % 3), practices: [1 + (i % 3)] }));

async function build(dir, label, redis) {
  const { RequestLimiter } = await import(new URL('request-limiter.js', dir).href);
  const { ThrottleGuard } = await import(new URL('throttle.guard.js', dir).href);
  const appLimits = new AppLimitCache({ find: async () => null });
  const limiter = new RequestLimiter({ defaults, redis, keyPrefix: `bench:limiter:${label}:${process.pid}`, appLimits });
  return { label, guard: new ThrottleGuard(limiter) };
}

async function loop(guard, from, to) {
  for (let i = from; i < to; i++) {
    const req = { user: { claims: claims[i % claims.length] } };
    const ctx = { switchToHttp: () => ({ getRequest: () => req }) };
    const answer = guard.canActivate(ctx);
    if (answer !== true) await answer;
    req.admissionRelease?.();
  }
}

async function round({ guard }) {
  const start = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const share = Math.ceil(requests / parallel);
  await Promise.all(Array.from({ length: parallel }, (_, p) => loop(guard, p * share, Math.min(requests, (p + 1) * share))));
  const wall = Number(process.hrtime.bigint() - t0) / 1000 / requests;
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / requests, wall };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sides = [await build(dist, 'this', redis)];
if (o.baseline) sides.push(await build(pathToFileURL(resolve(o.baseline) + '/'), 'baseline', redis));
if (pipelined) sides.push(await build(dist, 'this+ap', pipelined));
for (const s of sides) await round(s); // warm-up (JIT, app-limit cache entries)
const results = Object.fromEntries(sides.map((s) => [s.label, []]));
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? sides : [...sides].reverse();
  for (const s of order) results[s.label].push(await round(s));
}
console.log(`limiter cost, ${redis ? 'Redis' : 'in-memory'} counts, ${requests} requests/round, ${claims.length} callers, ${parallel} in flight`);
const cpu = (xs) => xs.map((x) => x.cpu);
for (const [label, xs] of Object.entries(results)) {
  console.log(`${label.padEnd(9)} CPU µs/request: median ${median(cpu(xs)).toFixed(2)}  rounds ${cpu(xs).map((x) => x.toFixed(2)).join(' ')}  | wall µs/request: median ${median(xs.map((x) => x.wall)).toFixed(2)}`);
}
for (const other of Object.keys(results).filter((l) => l !== 'this')) console.log(`CPU ratio this/${other}: ${(median(cpu(results.this)) / median(cpu(results[other]))).toFixed(2)}`);
await redis?.quit();
await pipelined?.quit();
