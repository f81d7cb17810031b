#!/usr/bin/env node
/**
 * FHIR API load benchmark (issue 3, "Performance"). After `npm run build`:
 *
 *   node bench/fhir-api-load.mjs [--duration 10] [--warmup 3] [--connections 16] [--sizes 1000,10000] [--seed 1]
 *     [--endpoints read,search,medreq,docref,binary] [--profile] [--old-root <checkout with an older dist/>] [--no-nocache]
 *
 * Generates (once, cached under data/bench/) demo EHR databases with `generateDemoEhr`; for the largest size it
 * starts the facade (the real `createFhirApp`, one process, a test key set injected like the e2e tests) and the bare
 * node:http + better-sqlite3 baseline replaying the facade's captured SQL with the same mappers, checks both return
 * the same JSON, then loads each endpoint with autocannon (warm-up run discarded) over many patient ids:
 *   read:   GET /fhir/Patient/<id>                                         (every patient, in a scattered order)
 *   search: GET /fhir/Observation?patient=<id>&category=laboratory&_count=50 (patients with >= 51 lab results:
 *           full pages of 50 plus a next link)
 *   docref: GET /fhir/DocumentReference?patient=<id>&_count=50 (patients with notes or documents; facade only)
 *   binary: GET /fhir/Binary/doc-<id> with Accept *\/* (the stored file's bytes; every live document; facade only)
 *   medreq: GET /fhir/MedicationRequest?patient=<id>&intent=order&_count=50 (patients with at least one prescription:
 *           a patient's prescriptions, one page; facade only, the bare server has no equivalent)
 * Before each run's warm-up, every distinct path of the rotation is requested once (priming: the steady state of a
 * server that has seen its working set; `--cold` skips it). Each size also runs the facade with its mapped-resource
 * cache off (`nocache` rows: every request maps its rows), so both the steady state and the uncached cost are shown.
 * `--old-root` also starts the facade of another checkout's `dist/` (e.g. the commit before a change, built in a
 * `git worktree`) on the same database and loads it right after this one, endpoint by endpoint (`old` rows, and
 * the new/old ratios with the 15 % budget); `--no-nocache` skips the cache-off rows.
 * The smaller sizes run the facade only (latency scaling). Prints req/s, p50, p99, facade/bare ratios, the
 * large/small latency ratio and the verdicts; writes the figures to data/bench/last-run.json.
 * `--profile` then loads each endpoint once more on the facade and on the bare server, each under `node --cpu-prof`
 * (largest database), and prints CPU µs per request by area side by side and the facade's top self-time functions
 * (profiles and summaries kept in data/bench/profiles/).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { demoDatabase, sampleDocuments, samplePatients } from './lib/datasets.mjs';
import { load } from './lib/load.mjs';
import { freePort } from './lib/ports.mjs';
import { profileEndpoints } from './lib/profiling.mjs';
import { formatReport } from './lib/report.mjs';
import { captureFacadeSql, sameJson, startBare, startFacade } from './lib/servers.mjs';
import { benchKeys, BENCH_ISSUER, systemToken } from './lib/tokens.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const USAGE = 'Usage: node bench/fhir-api-load.mjs [--duration s] [--warmup s] [--connections n] [--sizes 1000,10000] [--seed n] [--endpoints read,search,medreq,docref,binary] [--cold] [--profile] [--old-root dir] [--no-nocache]';

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        duration: { type: 'string', default: '10' },
        warmup: { type: 'string', default: '3' },
        connections: { type: 'string', default: '16' },
        sizes: { type: 'string', default: '1000,10000' },
        seed: { type: 'string', default: '1' },
        endpoints: { type: 'string', default: Object.keys(LABELS).join(',') },
        profile: { type: 'boolean', default: false },
        cold: { type: 'boolean', default: false },
        'old-root': { type: 'string' },
        'no-nocache': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    fail(`${e.message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name, min, max) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be an integer ${min}..${max} (got "${values[name]}")`);
    return n;
  };
  const sizes = values.sizes.split(',').map((s) => Number(s.trim()));
  if (!sizes.length || sizes.some((n) => !Number.isInteger(n) || n < 50 || n > 100_000)) fail('--sizes must be a comma-separated list of patient counts 50..100000');
  const selected = values.endpoints.split(',').map((e) => e.trim());
  if (!selected.length || selected.some((e) => !(e in LABELS))) fail(`--endpoints must be a comma-separated list of ${Object.keys(LABELS).join(', ')}`);
  // Report order: the order of LABELS.
  const endpointList = Object.keys(LABELS).filter((e) => selected.includes(e));
  return { endpoints: endpointList, duration: int('duration', 1, 120), warmup: int('warmup', 0, 60), connections: int('connections', 1, 1000), seed: int('seed', 0, 2 ** 32 - 1), sizes: [...new Set(sizes)].sort((a, b) => b - a), profile: values.profile, cold: values.cold, oldRoot: oldRootOf(values['old-root']), nocache: !values['no-nocache'] };
}

/** The checkout whose dist/ is measured as `old` (absolute), or undefined. */
function oldRootOf(dir) {
  if (dir === undefined) return undefined;
  const root = resolve(dir);
  if (!existsSync(join(root, 'dist/apps/fhir-api/src/bootstrap.js'))) fail(`--old-root ${root}: no dist/apps/fhir-api/src/bootstrap.js there (build it first)`);
  return root;
}

/** Which app is measured: the checkout's commit (+ "dirty" with local changes) and when dist/ was built. */
function appVersion(root = ROOT) {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    if (execFileSync('git', ['-C', root, 'status', '--porcelain', '--', 'apps', 'libs'], { encoding: 'utf8' }).trim()) commit += '+dirty';
  } catch {
    // not a git checkout: the commit stays unknown
  }
  return { commit, distBuiltAt: statSync(join(root, 'dist/apps/fhir-api/src/bootstrap.js')).mtime.toISOString() };
}

function fail(message) {
  console.error(message);
  process.exit(2);
}

const LABELS = {
  read: 'GET Patient/[id]',
  search: 'GET Observation?patient&category=laboratory',
  medreq: 'GET MedicationRequest?patient&intent=order',
  docref: 'GET DocumentReference?patient',
  binary: 'GET Binary/[id] (stored bytes)',
};
/** Accept header per row (FHIR JSON unless listed). */
const ACCEPT = { binary: '*/*' };
/** Calibration row: node:http answering a tiny JSON without the database (the machine's ceiling right now). */
const ROW_LABELS = { ...LABELS, hello: 'GET /hello (node:http, no database)' };
const endpoints = ({ patients, labPatients, medicationPatients, docs }) => ({
  // Strides co-prime with the list lengths, so consecutive requests hit scattered ids and every id is visited.
  read: (i) => `/fhir/Patient/${patients[(i * 7919) % patients.length]}`,
  search: (i) => `/fhir/Observation?patient=${labPatients[(i * 31) % labPatients.length]}&category=laboratory&_count=50`,
  medreq: (i) => `/fhir/MedicationRequest?patient=${medicationPatients[(i * 7919) % medicationPatients.length]}&intent=order&_count=50`,
  docref: (i) => `/fhir/DocumentReference?patient=${docs.patients[(i * 7919) % docs.patients.length]}&_count=50`,
  binary: (i) => `/fhir/Binary/doc-${docs.documents[(i * 7919) % docs.documents.length]}`,
});
/** How many distinct paths each endpoint's rotation visits (what priming requests once each). */
const distinctOf = ({ patients, labPatients, medicationPatients, docs }) => ({ read: patients.length, search: labPatients.length, medreq: medicationPatients.length, docref: docs.patients.length, binary: docs.documents.length });
/** The endpoints the bare server answers (it replays the facade's captured SQL of exactly these two). */
const PATHS = { read: (id) => `/fhir/Patient/${id}`, search: (id) => `/fhir/Observation?patient=${id}&category=laboratory&_count=50` };
const pick = (record, keys) => Object.fromEntries(keys.filter((k) => k in record).map((k) => [k, record[k]]));

/** Server CPU time (user + system, µs) so far: with the request count it gives CPU per request, which other load on
 * the machine distorts far less than requests/s. */
async function cpuOf(server) {
  const { usage } = await server.request('cpu');
  return usage.user + usage.system;
}

async function measure(o, name, server, baseUrl, token, pathFor, size, endpoint, log, distinct = 0) {
  const accept = ACCEPT[endpoint];
  if (!o.cold && distinct > 0) await load({ url: baseUrl, token, pathFor, accept, connections: Math.min(o.connections, distinct), amount: distinct });
  const warm = o.warmup ? await load({ url: baseUrl, token, pathFor, accept, connections: o.connections, duration: o.warmup }) : { requests: 0 };
  const cpuBefore = await cpuOf(server);
  const r = await load({ url: baseUrl, token, pathFor, accept, connections: o.connections, duration: o.duration });
  const cpuUsPerRequest = (await cpuOf(server)) - cpuBefore;
  const x = { size, server: name, endpoint, ...r, warmupRequests: warm.requests, cpuUs: r.requests ? cpuUsPerRequest / r.requests : NaN };
  log(`  ${name.padEnd(6)} ${ROW_LABELS[endpoint].padEnd(45)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  ${x.cpuUs.toFixed(0)} µs CPU/req  errors ${r.errors}`);
  return x;
}

async function main() {
  const o = options();
  if (!existsSync(join(ROOT, 'dist/apps/fhir-api/src/bootstrap.js'))) fail('dist/ is missing: run `npm run build` first');
  const log = (m) => console.log(m);
  log(`FHIR API load benchmark: ${cpus().length} CPUs, node ${process.version}, ${o.connections} connections, ${o.warmup}+${o.duration} s per run, sizes ${o.sizes.join(', ')}`);
  const version = appVersion();
  log(`app: commit ${version.commit}, dist/ built ${version.distBuiltAt}`);
  const oldVersion = o.oldRoot && appVersion(o.oldRoot);
  if (oldVersion) log(`old: ${o.oldRoot}, commit ${oldVersion.commit}, dist/ built ${oldVersion.distBuiltAt} (new then old per endpoint; interleaved rounds with medians: bench/fhir-vs-old.mjs)`);
  const loadBefore = loadavg()[0];
  // Both servers and autocannon share the CPUs: anything else running skews every figure (ratios less so).
  if (loadBefore > cpus().length / 2) log(`WARNING: load average ${loadBefore.toFixed(1)} before starting: other work is running, figures will be low and noisy`);
  const { jwks, privateKey } = await benchKeys();
  const runs = [];
  const datasets = [];
  for (const size of o.sizes) {
    const db = await demoDatabase({ root: ROOT, patients: size, seed: o.seed, log });
    const ids = { ...samplePatients(db), docs: sampleDocuments(db) };
    if ((o.endpoints.includes('docref') || o.endpoints.includes('binary')) && !ids.docs.documents.length) fail(`${db}: no live DOCUMENT row; use a larger --sizes value`);
    if (o.endpoints.includes('search') && !ids.labPatients.length) fail(`${db}: no patient has 51 or more laboratory results; use a larger --sizes value`);
    if (o.endpoints.includes('medreq') && !ids.medicationPatients.length) fail(`${db}: no patient has a prescription; use a larger --sizes value`);
    const dataset = { size, db, ids, sql: undefined };
    datasets.push(dataset);
    log(`\n${size} patients (${db}): ${ids.patients.length} readable, ${ids.labPatients.length} with >= 51 lab results (median ${ids.labCounts.median}), ${ids.medicationPatients.length} with prescriptions (median ${ids.medicationCounts.median}, max ${ids.medicationCounts.max})`);
    const withBare = size === o.sizes[0] && o.endpoints.some((ep) => ep in PATHS);
    const facadePort = await freePort();
    const facadeUrl = `http://127.0.0.1:${facadePort}`;
    const token = await systemToken(privateKey, facadeUrl, ids.practices);
    let facade = await startFacade({ root: ROOT, db, port: facadePort, jwks, issuer: BENCH_ISSUER });
    let bare;
    let old;
    let oldUrl;
    if (withBare && o.oldRoot) {
      const oldPort = await freePort();
      oldUrl = `http://127.0.0.1:${oldPort}`;
      old = await startFacade({ root: o.oldRoot, db, port: oldPort, jwks, issuer: BENCH_ISSUER });
    }
    try {
      const paths = endpoints(ids);
      let bareUrl;
      if (withBare) {
        // The capture id must not equal a practice id (both are small integers in the statements' parameters).
        const captureId = ids.labPatients.findLast((id) => !ids.practices.includes(id));
        if (captureId === undefined) fail('No lab patient id differs from every practice id; cannot template the SQL');
        // Captured from a facade without its mapped-resource cache: the classic full-row statements (the measured
        // facade reads row versions first and fetches full rows only for cache misses).
        const capturePort = await freePort();
        const capturer = await startFacade({ root: ROOT, db, port: capturePort, jwks, issuer: BENCH_ISSUER, env: { FHIR_RESOURCE_CACHE_MB: '0' } });
        const captureUrl = `http://127.0.0.1:${capturePort}`;
        const sql = await captureFacadeSql(capturer, captureUrl, await systemToken(privateKey, captureUrl, ids.practices), PATHS, captureId).finally(() => capturer.stop());
        dataset.sql = sql;
        const barePort = await freePort();
        bareUrl = `http://127.0.0.1:${barePort}`;
        bare = await startBare({ root: ROOT, db, port: barePort, sql });
        for (const [ep, p] of Object.entries(PATHS)) {
          for (const id of [ids.labPatients[0], ids.labPatients[ids.labPatients.length - 1]]) {
            if (!(await sameJson(facadeUrl, bareUrl, p(id), token))) fail(`The bare server's JSON differs from the facade's for ${ep}; the comparison would be meaningless`);
          }
        }
        log(`  facade SQL captured (${sql.read.length} statements per read, ${sql.search.length} per search); bare server JSON identical to the facade's`);
        runs.push(await measure(o, 'bare', bare, bareUrl, token, () => '/hello', size, 'hello', log));
      }
      const distinct = distinctOf(ids);
      for (const ep of o.endpoints) {
        runs.push(await measure(o, 'facade', facade, facadeUrl, token, paths[ep], size, ep, log, distinct[ep]));
        // The same token works on both facades: its audience is the base URL, re-minted for the old one's port.
        if (old) runs.push(await measure(o, 'old', old, oldUrl, await systemToken(privateKey, oldUrl, ids.practices), paths[ep], size, ep, log, distinct[ep]));
        if (bare && ep in PATHS) runs.push(await measure(o, 'bare', bare, bareUrl, token, paths[ep], size, ep, log, distinct[ep]));
      }
      await facade.stop();
      await bare?.stop();
      await old?.stop();
      bare = old = undefined;
      if (!o.nocache) continue;
      // The same facade with its mapped-resource cache off: what every request costs when nothing is cached.
      facade = await startFacade({ root: ROOT, db, port: facadePort, jwks, issuer: BENCH_ISSUER, env: { FHIR_RESOURCE_CACHE_MB: '0' } });
      for (const ep of o.endpoints) runs.push(await measure(o, 'nocache', facade, facadeUrl, token, paths[ep], size, ep, log, distinct[ep]));
    } finally {
      await facade.stop();
      await bare?.stop();
      await old?.stop();
    }
  }
  const report = formatReport({ sizes: o.sizes, runs, labels: pick(LABELS, o.endpoints), rowLabels: ROW_LABELS });
  log(`\n${report.join('\n')}\nload average (1 min) before ${loadBefore.toFixed(1)}, after ${loadavg()[0].toFixed(1)}`);
  mkdirSync(join(ROOT, 'data/bench'), { recursive: true });
  const result = { at: new Date().toISOString(), app: version, old: oldVersion || undefined, node: process.version, cpus: cpus().length, loadAverage: { before: loadBefore, after: loadavg()[0] }, options: o, runs };
  writeFileSync(join(ROOT, 'data/bench/last-run.json'), JSON.stringify(result, null, 2));
  if (o.profile) {
    const { db, ids, size, sql } = datasets[0];
    const run = (name, server, url, token, pathFor, ep) => measure(o, name, server, url, token, pathFor, size, ep, (m) => log(`profiled ${m.trim()}`));
    // Profiles compare the facade with the bare server: only the endpoints both answer.
    const labels = pick(LABELS, o.endpoints.filter((ep) => ep in PATHS));
    await profileEndpoints({ root: ROOT, db, sql, jwks, privateKey, practices: ids.practices, paths: endpoints(ids), labels, run, log });
  }
}

main().catch((e) => {
  console.error(`Benchmark failed: ${e.message}`);
  process.exit(1);
});
