#!/usr/bin/env node
/**
 * Cost of the observability instrumentation on the FHIR read path (issue 12). After `npm run build`:
 *
 *   node scripts/lts-node.mjs node bench/observability-overhead.mjs [--patients 200] [--requests 5000] [--rounds 5]
 *     [--hook-iterations 200000]
 *
 * 1. Hooks alone: the telemetry work one Patient read does (a request record, the token outcome, two legacy
 *    statements, one cache lookup), called in a tight loop: ns per request, as a share of the ~150 µs read path.
 * 2. Whole app, in process: three apps on one demo SQLite database (`generateDemoEhr`, cached under data/bench/),
 *    telemetry `off` (OTEL_SDK_DISABLED), `metrics` (the default: histograms + counters, /metrics) and `traces`
 *    (metrics + a span per request and per statement/cache lookup, exported over OTLP/HTTP to a sink in this
 *    process). Each round reads `--requests` patients (cache warm) through Fastify's `inject` on each app in
 *    rotating order; the median µs per request of the rounds is compared with `off`. `inject` adds its own cost
 *    to every arm alike, so the percentage understates the share of a real request slightly; read the hook figure
 *    for the share of the read path.
 * Run it on an idle machine for figures; under load use it as a smoke run (`--requests 200 --rounds 1`).
 */
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { demoDatabase, samplePatients } from './lib/datasets.mjs';
import { benchKeys, systemToken } from './lib/tokens.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const { values: args } = parseArgs({
  options: {
    patients: { type: 'string', default: '200' },
    requests: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '5' },
    'hook-iterations': { type: 'string', default: '200000' },
  },
});
const dist = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const [{ createFhirApp }, { loadConfig }, { createLegacyDataSource }, obs, { createLocalJWKSet }] = await Promise.all([
  dist('apps/fhir-api/src/bootstrap.js'),
  dist('libs/config/src/index.js'),
  dist('libs/legacy-db/src/index.js'),
  dist('libs/observability/src/index.js'),
  import('jose'),
]);
const { JsonLogger, Telemetry, telemetryOptionsFromEnv, requestContext } = obs;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// An OTLP sink: accepts and drops what the exporters send.
const sink = createServer((req, res) => req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}')));
await new Promise((r) => sink.listen(0, '127.0.0.1', r));
const otlp = `http://127.0.0.1:${sink.address().port}`;
const envOf = { off: { OTEL_SDK_DISABLED: 'true' }, metrics: {}, traces: { OTEL_EXPORTER_OTLP_ENDPOINT: otlp, OTEL_METRICS_EXPORTER: 'none' } };
if (process.env.BENCH_AA) envOf.metrics = envOf.traces = envOf.off; // A/A run: how far apart identical arms land

// 1. The hooks alone: what one cached Patient read reports, minus an empty loop.
{
  const n = Number(args['hook-iterations']);
  const perRead = {};
  for (const arm of ['metrics', 'traces']) {
    const t = new Telemetry(telemetryOptionsFromEnv(envOf[arm], 'bench'));
    const engine = t.engineObserver('sqlite');
    const labels = { interaction: 'read', resourceType: 'Patient' };
    const headers = {};
    const once = () => {
      const started = performance.now();
      const trace = t.startRequest('GET', '/fhir/:type/:id', headers, 'rid', started);
      const store = { requestId: 'rid', span: trace.span };
      requestContext.run(store, () => {
        t.tokenChecked('valid_cached');
        engine.statement('versions', started);
        engine.cacheLookup(1, 0, started);
        engine.statement('versions', started);
      });
      t.endRequest(trace, labels, 200, 0.15);
    };
    const empty = () => {
      const started = performance.now();
      requestContext.run({ requestId: 'rid', span: undefined }, () => started);
    };
    const time = (f) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) f();
      return ((performance.now() - t0) / n) * 1e6;
    };
    for (let i = 0; i < 3; i++) {
      time(once);
      time(empty);
    }
    const samples = [];
    for (let i = 0; i < 5; i++) samples.push(time(once) - time(empty));
    perRead[arm] = median(samples);
    await t.shutdown();
  }
  // How loaded the machine is: a clock read costs ~30 ns on an idle host, several hundred under load (kvm-clock).
  let clock = performance.now();
  for (let i = 0; i < 100_000; i++) performance.now();
  clock = ((performance.now() - clock) / 100_000) * 1e6;
  console.log(`clock read (performance.now): ${clock.toFixed(0)} ns; a Patient read with metrics reads it 2 more times per statement`);
  console.log(`hooks alone, ns per cached Patient read (request record, token outcome, 2 statements, 1 cache lookup): ` +
    `metrics ${perRead.metrics.toFixed(0)} ns (${(perRead.metrics / 1500).toFixed(2)} % of 150 µs), ` +
    `metrics+traces ${perRead.traces.toFixed(0)} ns (${(perRead.traces / 1500).toFixed(2)} % of 150 µs)`);
}

// 2. The whole app.
const db = await demoDatabase({ root, patients: Number(args.patients), log: (m) => console.error(m) });
const { patients, practices } = samplePatients(db, 1);
const { jwks, privateKey } = await benchKeys();
const base = 'http://bench.fhir.invalid';
const config = loadConfig({ LEGACY_DB_URL: `sqlite:${db}`, FACADE_DB_URL: 'sqlite::memory:', FHIR_PUBLIC_URL: base, AUTH_PUBLIC_URL: 'http://bench.auth.invalid', LOG_LEVEL: 'error' });
const ds = createLegacyDataSource(config.legacyDb);
await ds.initialize();
const token = await systemToken(privateKey, base, practices);
const apps = {};
for (const arm of Object.keys(envOf)) {
  apps[arm] = await createFhirApp(config, {
    tokenKeys: createLocalJWKSet(jwks),
    revocations: null,
    legacyDataSource: ds,
    logger: new JsonLogger('fhir-api', 'error'),
    cursorKey: 'bench-cursor-key-0123456789abcdef',
    telemetry: new Telemetry(telemetryOptionsFromEnv(envOf[arm], 'fhir-api')),
  });
}
const headers = { authorization: `Bearer ${token}`, accept: 'application/fhir+json' };
async function reads(app, count, offset = 0) {
  const fastify = app.getHttpAdapter().getInstance();
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const res = await fastify.inject({ method: 'GET', url: `/fhir/Patient/${patients[(i + offset) % patients.length]}`, headers });
    if (res.statusCode !== 200) throw new Error(`read answered ${res.statusCode}`);
  }
  return ((performance.now() - t0) * 1000) / count;
}
const requests = Number(args.requests);
for (const app of Object.values(apps)) await reads(app, Math.max(patients.length * 2, 500));
const perArm = { off: [], metrics: [], traces: [] };
const arms = Object.keys(perArm);
for (let r = 0; r < Number(args.rounds); r++) {
  for (let k = 0; k < arms.length; k++) {
    const arm = arms[(k + r) % arms.length];
    perArm[arm].push(await reads(apps[arm], requests, r * 7));
  }
}
const off = median(perArm.off);
for (const arm of arms) {
  const m = median(perArm[arm]);
  console.log(`${arm.padEnd(8)} ${m.toFixed(1)} µs per read (inject, median of ${perArm[arm].length} rounds of ${requests})` +
    (arm === 'off' ? '' : `  ${(((m - off) / off) * 100).toFixed(1)} % vs off`));
}
for (const app of Object.values(apps)) await app.close();
await ds.destroy();
sink.close();
