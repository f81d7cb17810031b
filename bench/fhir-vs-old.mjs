#!/usr/bin/env node
/**
 * Issue 9's comparison, interleaved: this checkout's facade (`new`) against another checkout's build (`old`, e.g. the
 * hand-written front at 19168a7) on the same demo database, both processes running at once, loaded in alternating
 * short rounds (new, old, old, new, new, old, ...: ABBA, so a drift of the machine's load hits both alike). Per
 * server and endpoint: the median of the rounds' req/s, p99 and server CPU µs per request, and new/old ratios.
 * After `npm run build` here and in the old checkout:
 *
 *   node bench/fhir-vs-old.mjs --old-root /tmp/old-front [--sizes 10000] [--rounds 6] [--duration 3] [--warmup 2]
 *     [--connections 16] [--endpoints read,search] [--profile] [--new-root <checkout; default this one>]
 *     [--facade-store memory|file] [--cut-audit]
 *
 * `--profile` runs both servers under `node --cpu-prof` (same interleaving) and prints sampled CPU µs per request
 * by area and for the functions that differ most, new vs old (profiles in data/bench/profiles/ab-<endpoint>-<server>/).
 * `--facade-store file` gives each server a facade store in a scratch SQLite file (the product's default: the PHI audit
 * append runs in its worker thread, fsync'd per batch) instead of the in-memory store (append on the event loop).
 * `--cut-audit` measures the new build without its PHI audit hook (a scratch copy of its dist/, bench/lib/builds.mjs):
 * the framework change alone against the old front, which predates the audit trail (issue 12).
 * Figures go to data/bench/ab-last-run.json.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { summariseProfile } from './lib/cpuprofile-top.mjs';
import { demoDatabase, samplePatients } from './lib/datasets.mjs';
import { load } from './lib/load.mjs';
import { freePort } from './lib/ports.mjs';
import { abOrder, compareProfiles, median } from './lib/ab.mjs';
import { withoutAuditHook } from './lib/builds.mjs';
import { startFacade } from './lib/servers.mjs';
import { benchKeys, BENCH_ISSUER, systemToken } from './lib/tokens.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: v } = parseArgs({
  options: {
    'old-root': { type: 'string' },
    'new-root': { type: 'string' },
    sizes: { type: 'string', default: '10000' },
    rounds: { type: 'string', default: '6' },
    duration: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '16' },
    endpoints: { type: 'string', default: 'read,search' },
    profile: { type: 'boolean', default: false },
    'facade-store': { type: 'string', default: 'memory' },
    'cut-audit': { type: 'boolean', default: false },
  },
});
if (!v['old-root']) {
  console.error('Usage: node bench/fhir-vs-old.mjs --old-root <checkout with a built dist/> [--rounds 6] [--duration 3] [--endpoints read,search] [--profile]');
  process.exit(2);
}
const oldRoot = resolve(v['old-root']);
// The build measured as `new`: this checkout unless told (e.g. a copy of dist/ with one feature cut out, to measure it).
// --cut-audit: that build without its PHI audit hook (bench/lib/builds.mjs), the old front's feature set.
const cut = v['cut-audit'] ? withoutAuditHook(resolve(v['new-root'] ?? ROOT)) : undefined;
const newRoot = cut?.root ?? resolve(v['new-root'] ?? ROOT);
const size = Number(v.sizes);
const rounds = Number(v.rounds);
const duration = Number(v.duration);
const warmup = Number(v.warmup);
const connections = Number(v.connections);
if (!['memory', 'file'].includes(v['facade-store'])) throw new Error('--facade-store: memory or file');
const scratch = v['facade-store'] === 'file' ? mkdtempSync(join(tmpdir(), 'ab-facade-')) : undefined;
const PATHS = {
  read: (ids) => (i) => `/fhir/Patient/${ids.patients[(i * 7919) % ids.patients.length]}`,
  search: (ids) => (i) => `/fhir/Observation?patient=${ids.labPatients[(i * 31) % ids.labPatients.length]}&category=laboratory&_count=50`,
};
const DISTINCT = { read: (ids) => ids.patients.length, search: (ids) => ids.labPatients.length };
const endpoints = v.endpoints.split(',').map((e) => e.trim());
if (endpoints.some((e) => !(e in PATHS))) throw new Error(`--endpoints: one of ${Object.keys(PATHS).join(', ')}`);

const log = (m) => console.log(m);
const cpuOf = async (server) => {
  const { usage } = await server.request('cpu');
  return usage.user + usage.system;
};
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

async function main() {
  log(`FHIR API new vs old, interleaved: ${cpus().length} CPUs, node ${process.version}, ${connections} connections, ${rounds} rounds of ${duration} s per server and endpoint (+${warmup} s warm-up each)`);
  log(`new: ${newRoot}${cut ? ' (measurement copy without the PHI audit hook)' : ''}\nold: ${oldRoot}\nfacade store: ${scratch ? `SQLite files in ${scratch} (audit append in its worker thread)` : 'in memory (audit append on the event loop)'}`);
  const loadBefore = loadavg()[0];
  if (loadBefore > cpus().length / 2) log(`WARNING: load average ${loadBefore.toFixed(1)}: other work is running; compare CPU µs/request, not req/s`);
  const { jwks, privateKey } = await benchKeys();
  const db = await demoDatabase({ root: ROOT, patients: size, log });
  const ids = samplePatients(db);
  const results = [];
  for (const ep of endpoints) {
    const servers = {};
    for (const [name, root] of [['new', newRoot], ['old', oldRoot]]) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const profileDir = v.profile ? join(ROOT, 'data/bench/profiles', `ab-${ep}-${name}`) : undefined;
      if (profileDir) {
        rmSync(profileDir, { recursive: true, force: true });
        mkdirSync(profileDir, { recursive: true });
      }
      const env = scratch ? { BENCH_FACADE_DB: join(scratch, `${ep}-${name}.sqlite`) } : {};
      const server = await startFacade({ root, db, port, jwks, issuer: BENCH_ISSUER, profileDir, env });
      servers[name] = { server, url, token: await systemToken(privateKey, url, ids.practices), profileDir, runs: [], requests: 0, cpuUs: 0 };
    }
    try {
      const pathFor = PATHS[ep](ids);
      // Priming (every distinct path once) and warm-up, both servers, before anything is counted.
      for (const s of Object.values(servers)) {
        await load({ url: s.url, token: s.token, pathFor, connections: Math.min(connections, DISTINCT[ep](ids)), amount: DISTINCT[ep](ids) });
        if (warmup) await load({ url: s.url, token: s.token, pathFor, connections, duration: warmup });
      }
      const fromUs = nowUs();
      for (const name of abOrder(rounds)) {
        const s = servers[name];
        const before = await cpuOf(s.server);
        const r = await load({ url: s.url, token: s.token, pathFor, connections, duration });
        const cpu = (await cpuOf(s.server)) - before;
        if (r.errors) throw new Error(`${name} answered ${r.errors} requests with an error (${ep})`);
        s.runs.push({ ...r, cpuUs: cpu / r.requests });
        s.requests += r.requests;
        s.cpuUs += cpu;
        log(`  ${ep.padEnd(7)} ${name}  ${r.rps.toFixed(0).padStart(6)} req/s  p99 ${String(r.p99).padStart(3)} ms  ${(cpu / r.requests).toFixed(0).padStart(5)} µs CPU/req`);
      }
      const row = { endpoint: ep };
      for (const [name, s] of Object.entries(servers)) {
        row[name] = { rps: median(s.runs.map((r) => r.rps)), p99: median(s.runs.map((r) => r.p99)), cpuUs: median(s.runs.map((r) => r.cpuUs)), cpuUsAll: s.cpuUs / s.requests, requests: s.requests, rounds: s.runs };
      }
      results.push(row);
      if (v.profile) row.profile = await profiles(servers, fromUs);
    } finally {
      for (const s of Object.values(servers)) await s.server.stop();
    }
  }
  log(`\n${'endpoint'.padEnd(8)}${'new req/s'.padStart(11)}${'old req/s'.padStart(11)}${'new/old'.padStart(9)}${'p99 new/old'.padStart(13)}${'CPU µs new/old'.padStart(16)}${'ratio'.padStart(7)}   (medians of ${rounds} rounds)`);
  for (const r of results) {
    const f = (n) => n.toFixed(0);
    log(`${r.endpoint.padEnd(8)}${f(r.new.rps).padStart(11)}${f(r.old.rps).padStart(11)}${(r.new.rps / r.old.rps).toFixed(2).padStart(9)}${`${r.new.p99}/${r.old.p99}`.padStart(13)}${`${f(r.new.cpuUs)}/${f(r.old.cpuUs)}`.padStart(16)}${(r.new.cpuUs / r.old.cpuUs).toFixed(2).padStart(7)}`);
  }
  log(`load average (1 min) before ${loadBefore.toFixed(1)}, after ${loadavg()[0].toFixed(1)}`);
  mkdirSync(join(ROOT, 'data/bench'), { recursive: true });
  writeFileSync(join(ROOT, 'data/bench/ab-last-run.json'), JSON.stringify({ at: new Date().toISOString(), node: process.version, oldRoot, loadAverage: { before: loadBefore, after: loadavg()[0] }, options: v, results }, null, 2));
}

/** Stops both servers (the profile is written on exit) and prints the sampled comparison of the measured rounds. */
async function profiles(servers, fromUs) {
  const out = {};
  for (const [name, s] of Object.entries(servers)) {
    await s.server.stop();
    const file = readdirSync(s.profileDir).find((f) => f.endsWith('.cpuprofile'));
    out[name] = { summary: summariseProfile(JSON.parse(readFileSync(join(s.profileDir, file), 'utf8')), { fromUs }), requests: s.requests };
  }
  const lines = compareProfiles(out.new, out.old);
  log(lines.join('\n'));
  // The longer list (100 functions), and where the measured rounds start on the profiles' clock.
  writeFileSync(join(servers.new.profileDir, 'ab-summary.txt'), `from ${fromUs} µs\n${compareProfiles(out.new, out.old, 100).join('\n')}\n`);
  return lines;
}

main().then(
  () => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    cut?.remove();
  },
  (e) => {
    console.error(`Benchmark failed: ${e.stack ?? e.message}`);
    cut?.remove();
    process.exit(1);
  },
);
