#!/usr/bin/env node
/**
 * Bulk Data `$export` benchmark (issue 11). After `npm run build`:
 *
 *   node bench/bulk-export.mjs [--sizes 1000,10000] [--seed 1] [--types all|Patient,Observation,...] [--per-type]
 *     [--max-statements 2] [--batch 100] [--chunk-keys 50000] [--poll-ms 100] [--thread on|off]
 *
 * For each size, the cached demo EHR (bench/lib/datasets.mjs, generated once under data/bench/) is served by the
 * real FHIR API from `dist/` (createFhirApp, embedded runner: one worker in the API process, no Redis), with a
 * `system/*.rs` token of every practice. It kicks off `GET /fhir/$export` (`Prefer: respond-async`), polls the
 * status URL every 100 ms (`--poll-ms`; the benchmark's own client, not Retry-After), and reports from kick-off to complete
 * manifest: resources and resources/s in total and per type (from the manifest counts; with `--per-type`, one
 * export per type, timed separately), peak RSS growth over the process's RSS before the kick-off (sampled every
 * 50 ms; the JS heap's peak growth beside it tells retained memory from garbage not yet collected), and the most legacy statements the export processor ran at once (BULK_EXPORT_MAX_STATEMENTS bounds it).
 * Targets: >= 10,000 resources/s, RSS growth <= 150 MB. Files are written to a temporary DATA_DIR and deleted.
 * Writes the figures to data/bench/bulk-export-last-run.json.
 * It runs under the product's runtime environment (scripts/runtime-env.mjs: MALLOC_ARENA_MAX): started without it,
 * it re-executes itself with it; a value set by the caller is kept (e.g. MALLOC_ARENA_MAX=16, glibc's default on two
 * cores, for an A/B).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { getHeapSpaceStatistics } from 'node:v8';
import { RUNTIME_ENV } from '../scripts/runtime-env.mjs';
import { demoDatabase, samplePatients } from './lib/datasets.mjs';
import { freePort } from './lib/ports.mjs';
import { benchKeys, BENCH_ISSUER, systemToken } from './lib/tokens.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// glibc reads MALLOC_ARENA_MAX when the process starts: measure the product as it runs, in a process started with it.
if (Object.keys(RUNTIME_ENV).some((k) => process.env[k] === undefined)) {
  const r = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...RUNTIME_ENV, ...process.env } });
  process.exit(r.status ?? 1);
}
const { values: o } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    seed: { type: 'string', default: '1' },
    types: { type: 'string', default: 'all' },
    'per-type': { type: 'boolean', default: false },
    'max-statements': { type: 'string', default: '2' },
    batch: { type: 'string', default: '100' },
    'chunk-keys': { type: 'string', default: '50000' },
    repeat: { type: 'string', default: '1' },
    // How often the bench's client polls the status URL (ms; the server's Retry-After is 1 s, it answers 429 to polls
    // less than half of that apart).
    'poll-ms': { type: 'string', default: '100' },
    // Where the export runs: on (default, the export thread) or off (the API's main thread); the thread's heap limits.
    thread: { type: 'string', default: 'on' },
    'thread-heap': { type: 'string', default: '' },
    'thread-young': { type: 'string', default: '' },
  },
});
const dist = (p) => import(pathToFileURL(join(ROOT, 'dist', p)).href);
const [{ createFhirApp }, { loadConfig }, { JsonLogger }, { ExportRuntime }, { createLocalJWKSet }] = await Promise.all([
  dist('apps/fhir-api/src/bootstrap.js'),
  dist('libs/config/src/index.js'),
  dist('libs/observability/src/index.js'),
  dist('apps/fhir-api/src/export/export-runtime.js'),
  import('jose'),
]);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mb = (b) => Math.round((b / 1024 / 1024) * 10) / 10;

async function exportOnce(base, token, query, runtime) {
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/fhir+json', Prefer: 'respond-async' };
  // Peak growth over the values before the kick-off, per part of the process's memory: the RSS (what the target
  // bounds), the JS heap in use and committed, and native memory (Buffers, ArrayBuffers) outside the heap.
  const m0 = process.memoryUsage();
  const peak = { rss: m0.rss, heapUsed: m0.heapUsed, heapTotal: m0.heapTotal, external: m0.external };
  // The export thread's own heap (in use, committed), sampled with it (it is part of the process's RSS).
  const thread = { used: 0, total: 0, external: 0, malloced: 0 };
  // The main thread's heap per V8 space (physical size): which space grows while the export runs elsewhere.
  const spaces0 = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.physical_space_size]));
  const spacesPeak = { ...spaces0 };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    for (const k of Object.keys(peak)) peak[k] = Math.max(peak[k], m[k]);
    for (const s of getHeapSpaceStatistics()) spacesPeak[s.space_name] = Math.max(spacesPeak[s.space_name] ?? 0, s.physical_space_size);
    void runtime.work.heapStatistics?.().then((h) => {
      if (!h) return;
      thread.used = Math.max(thread.used, h.used_heap_size);
      thread.total = Math.max(thread.total, h.total_heap_size);
      thread.external = Math.max(thread.external, h.external_memory ?? 0);
      thread.malloced = Math.max(thread.malloced, h.peak_malloced_memory ?? 0);
    }).catch(() => undefined);
  }, 50);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const kick = await fetch(`${base}/fhir/$export${query}`, { headers });
  if (kick.status !== 202) throw new Error(`kick-off ${kick.status}: ${await kick.text()}`);
  const status = kick.headers.get('content-location');
  let manifest;
  for (;;) {
    const res = await fetch(status, { headers: { Authorization: headers.Authorization, Accept: 'application/json' } });
    if (res.status === 200) {
      manifest = await res.json();
      break;
    }
    if (res.status !== 202 && res.status !== 429) throw new Error(`status ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    await sleep(Number(o['poll-ms']));
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  const perType = {};
  for (const f of manifest.output) perType[f.type] = (perType[f.type] ?? 0) + f.count;
  const total = Object.values(perType).reduce((a, b) => a + b, 0);
  await fetch(status, { method: 'DELETE', headers: { Authorization: headers.Authorization } });
  // CPU time of the whole process (server and this client) per resource: the figure to compare on a loaded machine.
  const mainSpacesGrowthMb = Object.fromEntries(Object.entries(spacesPeak).map(([k, v]) => [k.replace(/_space$/, ''), mb(v - (spaces0[k] ?? 0))]).filter(([, v]) => v >= 0.5));
  const cpuUsPerResource = total ? Math.round(((cpu.user + cpu.system) / total) * 10) / 10 : 0;
  return { seconds, total, perSecond: Math.round(total / seconds), cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100, cpuUsPerResource, perType, rssGrowthMb: mb(peak.rss - m0.rss), heapGrowthMb: mb(peak.heapUsed - m0.heapUsed), heapTotalGrowthMb: mb(peak.heapTotal - m0.heapTotal), externalGrowthMb: mb(peak.external - m0.external), threadHeapUsedMb: mb(thread.used), threadHeapTotalMb: mb(thread.total), threadExternalMb: mb(thread.external), threadMallocedMb: mb(thread.malloced), rssBeforeMb: mb(m0.rss), mainSpacesGrowthMb, files: manifest.output.length };
}

const results = [];
for (const patients of o.sizes.split(',').map(Number)) {
  const db = await demoDatabase({ root: ROOT, patients, seed: Number(o.seed), log: console.log });
  const { practices } = samplePatients(db);
  const dataDir = mkdtempSync(join(tmpdir(), 'bulk-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    LEGACY_DB_URL: `sqlite:${db}`, FACADE_DB_URL: `sqlite:${join(dataDir, 'facade.sqlite')}`, DATA_DIR: dataDir,
    FHIR_PORT: String(port), FHIR_PUBLIC_URL: base, AUTH_PUBLIC_URL: BENCH_ISSUER, LOG_LEVEL: 'error',
    BULK_EXPORT_MAX_STATEMENTS: o['max-statements'], BULK_EXPORT_BATCH: o.batch, BULK_EXPORT_CHUNK_KEYS: o['chunk-keys'], BULK_EXPORT_RETRY_AFTER_SECONDS: '1',
    BULK_EXPORT_THREAD: o.thread, BULK_EXPORT_THREAD_HEAP_MB: o['thread-heap'], BULK_EXPORT_THREAD_YOUNG_MB: o['thread-young'],
  });
  const keys = await benchKeys();
  const app = await createFhirApp(config, { tokenKeys: createLocalJWKSet(keys.jwks), revocations: null, logger: new JsonLogger('fhir-api', 'error'), cursorKey: 'bench-cursor-key-0123456789abcdef' });
  await app.listen(port, '127.0.0.1');
  const token = await systemToken(keys.privateKey, base, practices);
  const runtime = app.get(ExportRuntime);
  try {
    const typeQuery = o.types === 'all' ? '' : `?_type=${o.types}`;
    let whole = await exportOnce(base, token, typeQuery, runtime);
    // --repeat n: the same export again in the same process (the first one pays for compiling the mappers and growing
    // the heap's young generation; the figures reported are the last run's, the earlier ones are printed).
    for (let i = 1; i < Number(o.repeat); i++) {
      console.log(`  run ${i}: ${whole.perSecond} resources/s, ${whole.cpuUsPerResource} µs/resource, RSS growth ${whole.rssGrowthMb} MB over ${whole.rssBeforeMb} MB`);
      whole = await exportOnce(base, token, typeQuery, runtime);
    }
    const row = { patients, ...whole, perTypeTimed: undefined, maxConcurrentStatements: runtime.peakStatements() };
    if (o['per-type']) {
      row.perTypeTimed = {};
      for (const type of Object.keys(whole.perType).filter((t) => t !== 'Provenance')) {
        const r = await exportOnce(base, token, `?_type=${type}&includeAssociatedData=LatestProvenanceResources`, runtime);
        row.perTypeTimed[type] = { resources: r.total, seconds: Math.round(r.seconds * 100) / 100, perSecond: r.perSecond };
      }
    }
    results.push(row);
    console.log(`\n${patients} patients: ${whole.total} resources in ${whole.seconds.toFixed(2)} s = ${whole.perSecond} resources/s (target >= 10000: ${whole.perSecond >= 10_000 ? 'met' : 'MISSED'}); CPU ${whole.cpuSeconds} s = ${whole.cpuUsPerResource} µs/resource (${Math.round(1e6 / whole.cpuUsPerResource)} resources per CPU-second); ` +
      `peak RSS growth ${whole.rssGrowthMb} MB (target <= 150: ${whole.rssGrowthMb <= 150 ? 'met' : 'MISSED'}; over ${whole.rssBeforeMb} MB before; peak growth of the JS heap in use ${whole.heapGrowthMb} MB, committed ${whole.heapTotalGrowthMb} MB, native (external) ${whole.externalGrowthMb} MB; export thread ${o.thread}: its heap peak ${whole.threadHeapUsedMb} MB in use, ${whole.threadHeapTotalMb} MB committed, external ${whole.threadExternalMb} MB, V8 malloc peak ${whole.threadMallocedMb} MB); ${whole.files} files; max concurrent legacy statements ${row.maxConcurrentStatements} (limit ${o['max-statements']})`);
    console.log(`  MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX}; main thread's heap spaces, peak physical growth (MB): ${JSON.stringify(whole.mainSpacesGrowthMb)}`);
    for (const [type, n] of Object.entries(whole.perType).sort()) {
      const timed = row.perTypeTimed?.[type];
      console.log(`  ${type.padEnd(22)} ${String(n).padStart(9)}${timed ? `  alone: ${timed.seconds} s, ${timed.perSecond}/s` : ''}`);
    }
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
if (results.length > 1) {
  const [small, large] = [results[0], results[results.length - 1]];
  console.log(`\nscaling ${small.patients} -> ${large.patients} patients: ${small.perSecond} -> ${large.perSecond} resources/s (x${(large.perSecond / small.perSecond).toFixed(2)})`);
}
mkdirSync(join(ROOT, 'data', 'bench'), { recursive: true });
writeFileSync(join(ROOT, 'data', 'bench', 'bulk-export-last-run.json'), JSON.stringify({ at: new Date().toISOString(), options: o, mallocArenaMax: process.env.MALLOC_ARENA_MAX, results }, null, 2));
