#!/usr/bin/env node
/**
 * Cached Patient reads against two or more builds in one run (issue 9's A/B of one change): every build's facade is
 * up at once on the same demo database; rounds go forward then backward over the builds (A B C, C B A, ...: a drift
 * of the machine's load hits all alike). Prints per round req/s and server CPU µs per request (user + system,
 * `process.cpuUsage` of the server process), then the medians and the ratios to the first build.
 *
 *   node bench/fhir-builds-ab.mjs <root A> <root B> [<root C> ...] [--rounds 8] [--duration 3] [--connections 16]
 *
 * A root is a checkout or a copy of `dist/` with `package.json` and a `node_modules` link (e.g. with one feature cut
 * out, as in README "Issue 9, session 5").
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { demoDatabase, samplePatients } from './lib/datasets.mjs';
import { freePort } from './lib/ports.mjs';
import { startFacade } from './lib/servers.mjs';
import { load } from './lib/load.mjs';
import { median } from './lib/ab.mjs';
import { benchKeys, BENCH_ISSUER, systemToken } from './lib/tokens.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: v, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '8' }, duration: { type: 'string', default: '3' }, connections: { type: 'string', default: '16' } },
});
if (positionals.length < 2) {
  console.error('Usage: node bench/fhir-builds-ab.mjs <root A> <root B> [...] [--rounds 8] [--duration 3] [--connections 16]');
  process.exit(2);
}
const [rounds, duration, connections] = [Number(v.rounds), Number(v.duration), Number(v.connections)];
const { jwks, privateKey } = await benchKeys();
const db = await demoDatabase({ root: ROOT, patients: 10000, log: console.log });
const ids = samplePatients(db);
const pathFor = (i) => `/fhir/Patient/${ids.patients[(i * 7919) % ids.patients.length]}`;
const builds = [];
try {
  for (const root of positionals.map((p) => resolve(p))) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await startFacade({ root, db, port, jwks, issuer: BENCH_ISSUER });
    builds.push({ root, server, url, token: await systemToken(privateKey, url, ids.practices), runs: [] });
  }
  // Priming (every patient once: all reads after it are cached) and a warm-up.
  for (const b of builds) {
    await load({ url: b.url, token: b.token, pathFor, connections, amount: ids.patients.length });
    await load({ url: b.url, token: b.token, pathFor, connections, duration: 2 });
  }
  for (let r = 0; r < rounds; r++) {
    for (const b of r % 2 ? [...builds].reverse() : builds) {
      const { usage: u0 } = await b.server.request('cpu');
      const res = await load({ url: b.url, token: b.token, pathFor, connections, duration });
      const { usage: u1 } = await b.server.request('cpu');
      if (res.errors) throw new Error(`${b.root} answered ${res.errors} requests with an error`);
      b.runs.push({ rps: res.rps, cpu: (u1.user + u1.system - u0.user - u0.system) / res.requests });
    }
    console.log(`round ${r + 1}: ${builds.map((b) => `${b.runs.at(-1).rps.toFixed(0)} req/s ${b.runs.at(-1).cpu.toFixed(1)} µs`).join(' | ')}`);
  }
  const m = (b, k) => median(b.runs.map((x) => x[k]));
  for (const b of builds) {
    console.log(`${b.root}: median ${m(b, 'rps').toFixed(0)} req/s, ${m(b, 'cpu').toFixed(1)} µs CPU/request; vs first: req/s ${(m(b, 'rps') / m(builds[0], 'rps')).toFixed(3)}, CPU ${(m(b, 'cpu') / m(builds[0], 'cpu')).toFixed(3)}`);
  }
} finally {
  for (const b of builds) await b.server.stop();
}
