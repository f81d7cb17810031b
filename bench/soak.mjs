#!/usr/bin/env node
/**
 * Soak test of the whole product (issue 12): the real launcher (`dist/apps/launcher/src/main.js`: auth server and
 * FHIR API in one process, the embedded demo EHR on SQLite) in a child process, driven at a fixed arrival rate
 * (open loop: requests are sent on schedule whether or not earlier ones have answered) with a mix of
 *   - reads      `GET Patient/<id>`, `GET Observation/<id>` of the demo practice,
 *   - searches   `Observation?patient=<id>&category=laboratory`, `Condition?patient=<id>`, `Patient?family=<name>`,
 *   - tokens     a new access token from the auth server's `/token` (a backend service's client-credentials grant
 *                with a signed assertion: the token endpoint, key lookup and signing of every refresh; a refresh-token
 *                grant would need the interactive sign-in pages),
 * and reports, every `--interval` seconds, throughput, p50/p99 latency per kind, errors and the server's RSS
 * (VmRSS of the child from /proc): a table on stdout and, with `--csv <file>`, the same rows as CSV. RSS must be
 * flat over a long run (the summary prints its slope).
 *
 *   npm run build
 *   node bench/soak.mjs [--duration 600] [--rate 40 | --find-capacity [--capacity-share 0.8]] [--mix read:45,search:45,token:10]
 *                       [--interval 10] [--patients 500] [--csv soak.csv] [--limits off|on]
 *
 * `--rate`: requests per second. `--find-capacity` measures it instead: the same mix closed loop
 * (`--capacity-connections` clients, 5 s warm-up, `--capacity-seconds` measured), then soaks at `--capacity-share`
 * (default 0.8) of the measured requests/s. The PHI audit trail is always on (it has no switch): every interval
 * scrapes the FHIR API's `/metrics` (a METRICS_TOKEN the soak sets) and prints the audit writer's cost per request
 * (batch hand-off to commit, ms, shared by the batch's requests) and events per batch, and the size of the facade
 * store's SQLite write-ahead log (`facade.sqlite-wal`).
 * `--limits on` keeps the FHIR API's request limits (default off: the soak measures capacity, not the 429s).
 * Run it on an idle machine; a short run (`--duration 20`) only checks that it works.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { freePort } from './lib/ports.mjs';
import { measureCapacity } from './lib/soak-capacity.mjs';
import { auditCost, scrapeAudit, walMb } from './lib/soak-metrics.mjs';

const root = resolve(import.meta.dirname, '..');
const USAGE = 'Usage: node bench/soak.mjs [--duration s] [--rate req/s | --find-capacity [--capacity-share 0.8] [--capacity-seconds 15] [--capacity-connections 32]] [--mix read:45,search:45,token:10] [--interval s] [--patients n] [--csv file] [--limits off|on]';

function options() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '600' },
      rate: { type: 'string', default: '40' },
      mix: { type: 'string', default: 'read:45,search:45,token:10' },
      interval: { type: 'string', default: '10' },
      patients: { type: 'string', default: '500' },
      csv: { type: 'string' },
      'find-capacity': { type: 'boolean', default: false },
      'capacity-share': { type: 'string', default: '0.8' },
      'capacity-seconds': { type: 'string', default: '15' },
      'capacity-connections': { type: 'string', default: '32' },
      limits: { type: 'string', default: 'off' },
    },
  });
  const num = (name, min, max) => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be between ${min} and ${max}\n${USAGE}`);
    return n;
  };
  const mix = Object.fromEntries(values.mix.split(',').map((p) => p.split(':')).map(([k, v]) => [k, Number(v)]));
  if (!Object.keys(mix).every((k) => ['read', 'search', 'token'].includes(k)) || Object.values(mix).some((v) => !(v >= 0))) throw new Error(`--mix: read, search, token weights\n${USAGE}`);
  for (const f of ['limits']) if (!['on', 'off'].includes(values[f])) throw new Error(`--${f} must be on or off\n${USAGE}`);
  return {
    duration: num('duration', 1, 86_400), rate: num('rate', 0.1, 100_000), interval: num('interval', 1, 3600), patients: num('patients', 10, 100_000),
    mix, csv: values.csv, limits: values.limits === 'on', findCapacity: values['find-capacity'],
    capacityShare: num('capacity-share', 0.05, 1), capacitySeconds: num('capacity-seconds', 2, 600), capacityConnections: num('capacity-connections', 1, 1000),
  };
}

const o = options();
const distDir = process.env.SOAK_DIST ?? 'dist'; // another build for an A/B run (e.g. a copy of an older dist/)
const dist = (p) => import(pathToFileURL(join(root, distDir, p)).href);
const dir = mkdtempSync(join(tmpdir(), 'soak-'));
const [fhirPort, authPort] = [await freePort(), await freePort()];
const fhir = `http://127.0.0.1:${fhirPort}`;
const auth = `http://127.0.0.1:${authPort}`;
const env = {
  ...process.env,
  DATA_DIR: dir, FHIR_PORT: String(fhirPort), AUTH_PORT: String(authPort), FHIR_PUBLIC_URL: fhir, AUTH_PUBLIC_URL: auth,
  DEMO_PATIENTS: String(o.patients), DEMO_SEED: '1', LOG_LEVEL: 'warn', FHIR_RATE_LIMITS: o.limits ? 'on' : 'off', METRICS_TOKEN: `soak-${randomUUID()}`,
};
for (const k of ['LEGACY_DB_URL', 'FACADE_DB_URL', 'REDIS_URL']) delete env[k];

const log = (s) => process.stdout.write(`${s}\n`);
log(`soak: ${o.duration} s at ${o.findCapacity ? `${o.capacityShare * 100} % of the measured capacity` : `${o.rate} req/s`}, mix ${JSON.stringify(o.mix)}, limits ${o.limits ? 'on' : 'off'}, ${o.patients} demo patients`);
const server = fork(join(root, distDir, 'apps/launcher/src/main.js'), [], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
let stopping = false;
server.on('exit', (code) => {
  if (!stopping) {
    log(`the server exited (${code}) during the soak`);
    process.exit(1);
  }
});

async function waitUntilReady(ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await fetch(`${fhir}/readyz`).then((r) => r.ok, () => false);
    const authOk = await fetch(`${auth}/.well-known/openid-configuration`).then((r) => r.ok, () => false);
    if (ok && authOk) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not become ready');
}

/** A backend-service client of practice 1, registered straight in the facade store (what `auth:cli register-client` does). */
async function registerClient() {
  const { openFacadeStore } = await dist('libs/facade-store/src/index.js');
  const store = await openFacadeStore({ kind: 'sqlite', path: join(dir, 'facade.sqlite') });
  const { privateKey, publicKey } = await generateKeyPair('RS384');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'soak', alg: 'RS384', use: 'sig' };
  const clientId = `soak-${randomUUID()}`;
  await store.clients.create({
    clientId, name: 'Soak client', developerAccountId: null, clientType: 'confidential', authMethod: 'private_key_jwt', redirectUris: [],
    launchUri: null, jwks: { keys: [jwk] }, jwksUri: null, scope: 'system/*.rs', backendServices: true, allowedOrigins: [], metadata: {},
  });
  await store.approvals.approve(clientId, 1, 'soak');
  await store.close();
  return { clientId, privateKey };
}

async function newToken(client) {
  const assertion = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'RS384', kid: 'soak', typ: 'JWT' })
    .setIssuer(client.clientId).setSubject(client.clientId).setAudience(`${auth}/token`)
    .setIssuedAt().setExpirationTime('5m')
    .sign(client.privateKey);
  const res = await fetch(`${auth}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'system/*.rs', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }),
  });
  if (!res.ok) return { status: res.status };
  return { status: res.status, token: (await res.json()).access_token };
}

/** Ids to read and search: a page of Patients and of their lab Observations. */
async function targets(token) {
  const get = async (path) => (await (await fetch(`${fhir}/fhir/${path}`, { headers: { authorization: `Bearer ${token}` } })).json()).entry ?? [];
  const patients = (await get('Patient?_count=100')).map((e) => e.resource);
  const observations = [];
  for (const p of patients.slice(0, 10)) observations.push(...(await get(`Observation?patient=${p.id}&category=laboratory&_count=20`)).map((e) => e.resource.id));
  return { patients: patients.map((p) => ({ id: p.id, family: p.name?.[0]?.family })), observations };
}

function pick(list, i) {
  return list[i % list.length];
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

try {
  await waitUntilReady(600_000);
  const client = await registerClient();
  let current = await newToken(client);
  if (!current.token) throw new Error(`the token endpoint answered ${current.status}`);
  const t = await targets(current.token);
  if (t.patients.length === 0 || t.observations.length === 0) throw new Error('the demo EHR has no patients or observations for practice 1');
  log(`ready: ${t.patients.length} patients, ${t.observations.length} lab observations to read`);

  const kinds = Object.entries(o.mix).filter(([, w]) => w > 0);
  const total = kinds.reduce((s, [, w]) => s + w, 0);
  const kindOf = (i) => {
    let x = ((i * 7919) % 1000) / 1000 * total;
    for (const [k, w] of kinds) if ((x -= w) < 0) return k;
    return kinds[kinds.length - 1][0];
  };
  const pathFor = (kind, i) => {
    const p = pick(t.patients, i);
    if (kind === 'read') return i % 2 ? `Patient/${p.id}` : `Observation/${pick(t.observations, i)}`;
    switch (i % 3) {
      case 0: return `Observation?patient=${p.id}&category=laboratory`;
      case 1: return `Condition?patient=${p.id}`;
      default: return `Patient?family=${encodeURIComponent(p.family ?? 'Smith')}`;
    }
  };

  /** Sends one request of `kind`; its HTTP status (0: no answer). */
  async function send(kind, i) {
    try {
      if (kind === 'token') {
        const r = await newToken(client);
        if (r.token) current = r;
        return r.status;
      }
      const res = await fetch(`${fhir}/fhir/${pathFor(kind, i)}`, { headers: { authorization: `Bearer ${current.token}` } });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  }

  let rate = o.rate;
  if (o.findCapacity) {
    const c = await measureCapacity({ send, kindOf, connections: o.capacityConnections, seconds: o.capacitySeconds, log });
    rate = Math.max(1, Math.round(c.reqPerS * o.capacityShare));
    log(`capacity: ${c.reqPerS.toFixed(0)} req/s (p50 ${c.p50.toFixed(1)} ms, p99 ${c.p99.toFixed(1)} ms, ${c.errors} non-2xx); soaking at ${rate} req/s (${o.capacityShare * 100} %)`);
  }
  const metricsToken = env.METRICS_TOKEN;
  const auditAtStart = await scrapeAudit(fhir, metricsToken);
  let auditBefore = auditAtStart;

  const columns = ['t_s', 'sent', 'done', 'req_per_s', 'read_p50_ms', 'read_p99_ms', 'search_p50_ms', 'search_p99_ms', 'token_p50_ms', 'token_p99_ms', 'errors', 'rss_mb',
    'audit_ms_req', 'ev_per_batch', 'wal_mb'];
  if (o.csv) writeFileSync(o.csv, `${columns.join(',')}\n`);
  log(columns.map((c) => c.padStart(14)).join(''));
  let window = { read: [], search: [], token: [], errors: 0, sent: 0, done: 0 };
  const all = { read: [], search: [], token: [], errors: 0, done: 0, statuses: {} };
  const rssSeries = [];
  let inFlight = 0;

  async function one(kind, i) {
    const started = performance.now();
    const status = await send(kind, i);
    const ms = performance.now() - started;
    window[kind].push(ms);
    all[kind].push(ms);
    window.done++;
    all.done++;
    all.statuses[status] = (all.statuses[status] ?? 0) + 1;
    if (status < 200 || status >= 300) {
      window.errors++;
      all.errors++;
    }
  }

  const startedAt = performance.now();
  const endAt = startedAt + o.duration * 1000;
  let sent = 0;
  let nextReport = startedAt + o.interval * 1000;
  const report = async (now) => {
    const w = window; // this interval's answers, taken before the scrape awaits
    window = { read: [], search: [], token: [], errors: 0, sent: 0, done: 0 };
    const sorted = (k) => w[k].slice().sort((x, y) => x - y);
    const [r, s, k] = [sorted('read'), sorted('search'), sorted('token')];
    const elapsed = (now - startedAt) / 1000;
    const rss = rssMb(server.pid);
    const wal = walMb(dir, 'facade.sqlite');
    rssSeries.push([elapsed, rss]);
    const auditNow = await scrapeAudit(fhir, metricsToken);
    const a = auditCost(auditBefore, auditNow);
    auditBefore = auditNow;
    const row = [elapsed.toFixed(0), w.sent, w.done, (w.done / o.interval).toFixed(1), percentile(r, 50).toFixed(1), percentile(r, 99).toFixed(1),
      percentile(s, 50).toFixed(1), percentile(s, 99).toFixed(1), percentile(k, 50).toFixed(1), percentile(k, 99).toFixed(1), w.errors, rss.toFixed(1),
      a.msPerRequest.toFixed(3), a.eventsPerBatch.toFixed(1), wal.toFixed(1)];
    log(row.map((c) => String(c).padStart(14)).join(''));
    if (o.csv) appendFileSync(o.csv, `${row.join(',')}\n`);
  };
  let reports = Promise.resolve();
  // Open loop: a tick every 10 ms sends the requests due by then.
  await new Promise((done) => {
    const tick = setInterval(() => {
      const now = performance.now();
      const due = Math.min(now, endAt);
      while (sent < ((due - startedAt) / 1000) * rate) {
        const kind = kindOf(sent);
        window.sent++;
        inFlight++;
        void one(kind, sent).finally(() => inFlight--);
        sent++;
      }
      if (now >= nextReport) {
        reports = reports.then(() => report(now));
        nextReport += o.interval * 1000;
      }
      if (now >= endAt && inFlight === 0) {
        clearInterval(tick);
        reports = reports.then(() => (window.done > 0 ? report(now) : undefined));
        void reports.then(done);
      }
    }, 10);
  });

  const secs = (performance.now() - startedAt) / 1000;
  const sortedAll = (k) => all[k].slice().sort((a, b) => a - b);
  log(`\nsummary: ${all.done} requests in ${secs.toFixed(1)} s = ${(all.done / secs).toFixed(1)} req/s (target ${rate}); statuses ${JSON.stringify(all.statuses)}`);
  const audit = auditCost(auditAtStart, await scrapeAudit(fhir, metricsToken));
  log(`  audit  ${audit.requests} requests audited, ${audit.eventsPerRequest.toFixed(2)} events per request, ${audit.eventsPerBatch.toFixed(1)} per batch; ` +
    `write cost ${audit.msPerRequest.toFixed(3)} ms per request (batch hand-off to commit, shared by the batch); failed batches ${audit.failedBatches}; facade WAL ${walMb(dir, 'facade.sqlite').toFixed(1)} MB`);
  for (const k of ['read', 'search', 'token']) {
    const s = sortedAll(k);
    if (s.length) log(`  ${k.padEnd(6)} n=${s.length} p50 ${percentile(s, 50).toFixed(1)} ms, p99 ${percentile(s, 99).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`);
  }
  const rss = rssSeries.filter(([, v]) => Number.isFinite(v));
  if (rss.length >= 2) {
    const n = rss.length;
    const mx = rss.reduce((a, [x]) => a + x, 0) / n;
    const my = rss.reduce((a, [, y]) => a + y, 0) / n;
    const slope = rss.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / (rss.reduce((a, [x]) => a + (x - mx) ** 2, 0) || 1);
    log(`  RSS ${rss[0][1].toFixed(1)} -> ${rss[n - 1][1].toFixed(1)} MB, slope ${(slope * 60).toFixed(2)} MB/min (least squares over ${n} samples)`);
  }
} finally {
  stopping = true;
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
