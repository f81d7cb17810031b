#!/usr/bin/env node
/**
 * Benchmark of the FHIR API against a bare node:http + better-sqlite3 server doing the same SQL, in one run.
 *
 *   npx tsc -p tsconfig.build.json --outDir bench/.build        # compile once (the app runs from bench/.build)
 *   node bench/fhir-read-search.mjs --db /path/demo-10k.sqlite [--small /path/demo-1k.sqlite] [--duration 10] [--connections 16]
 *
 * Endpoints: GET Patient/[id] (random patients) and GET Observation?patient=..&category=laboratory (page of 50,
 * random patients with at least 50 laboratory results). Authenticated (a bearer token verified by the real
 * verifier). Prints requests/s, p50/p99 latency, the facade/bare ratio, and (with --small) the latency ratio
 * between the two database sizes.
 */
import { fork } from 'node:child_process';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

const { values: args } = parseArgs({
  options: { db: { type: 'string' }, small: { type: 'string' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '16' } },
});
if (!args.db) {
  console.error('Usage: node bench/fhir-read-search.mjs --db <demo sqlite> [--small <smaller demo sqlite>] [--duration s] [--connections n]');
  process.exit(2);
}
const duration = Number(args.duration);
const connections = Number(args.connections);

function sample(dbPath) {
  const db = new Database(dbPath, { readonly: true });
  const patients = db.prepare('SELECT PAT_ID FROM PATIENT ORDER BY PAT_ID').all().map((r) => r.PAT_ID);
  const labPatients = db
    .prepare(`SELECT r.PAT_ID, COUNT(*) n FROM LAB_RESULT r JOIN LAB_ORDER o ON o.ORDER_ID = r.ORDER_ID
      WHERE o.ORDER_CATEGORY = 'LAB' AND o.DELETED_YN = 'N' AND r.DELETED_YN = 'N' GROUP BY r.PAT_ID HAVING COUNT(*) >= 50`)
    .all()
    .map((r) => r.PAT_ID);
  db.close();
  return { patients, labPatients };
}

function start(script, env) {
  return new Promise((resolve, reject) => {
    const child = fork(new URL(script, import.meta.url), [], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

function run(url, pathFor, token) {
  let i = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration,
        headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' },
        requests: [{ setupRequest: (req) => ({ ...req, path: pathFor(i++) }) }],
      },
      (err, r) => (err ? reject(err) : resolve({ rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx })),
    );
  });
}

async function measure(dbPath, label, { withBare }) {
  const { patients, labPatients } = sample(dbPath);
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256' }] };
  const port = 18000 + Math.floor(Math.random() * 1000);
  const token = await new SignJWT({ scope: 'system/*.rs', client_id: 'bench' })
    .setProtectedHeader({ alg: 'RS256', kid: 'bench' }).setIssuer('http://bench.auth').setAudience(`http://127.0.0.1:${port}/fhir`)
    .setSubject('bench').setJti('bench').setIssuedAt().setExpirationTime('1h').sign(privateKey);
  const endpoints = {
    'GET Patient/[id]': (i) => `/fhir/Patient/${patients[(i * 7919) % patients.length]}`,
    'GET Observation?patient&category=laboratory': (i) => `/fhir/Observation?patient=${labPatients[(i * 31) % labPatients.length]}&category=laboratory`,
  };
  const results = {};
  const servers = [['facade', 'facade-server.mjs', port], ...(withBare ? [['bare', 'bare-server.mjs', port + 1]] : [])];
  for (const [name, script, p] of servers) {
    const child = await start(script, { BENCH_DB: dbPath, BENCH_PORT: String(p), BENCH_JWKS: JSON.stringify(jwks) });
    try {
      for (const [ep, pathFor] of Object.entries(endpoints)) {
        await run(`http://127.0.0.1:${p}`, pathFor, token).then(() => undefined); // warm-up pass, discarded
        results[`${name} ${ep}`] = await run(`http://127.0.0.1:${p}`, pathFor, token);
      }
    } finally {
      child.kill('SIGTERM');
    }
  }
  console.log(`\n${label}: ${patients.length} patients, ${labPatients.length} with >= 50 lab results; ${connections} connections, ${duration}s per run`);
  for (const [k, v] of Object.entries(results)) console.log(`  ${k.padEnd(55)} ${v.rps.toFixed(0).padStart(7)} req/s  p50 ${v.p50} ms  p99 ${v.p99} ms  errors ${v.errors}`);
  if (withBare) {
    for (const ep of Object.keys(endpoints)) console.log(`  facade/bare ${ep.padEnd(43)} ${(results[`facade ${ep}`].rps / results[`bare ${ep}`].rps).toFixed(2)}`);
  }
  return results;
}

const big = await measure(args.db, 'large database', { withBare: true });
if (args.small) {
  const small = await measure(args.small, 'small database', { withBare: false });
  for (const ep of ['GET Patient/[id]', 'GET Observation?patient&category=laboratory']) {
    const a = big[`facade ${ep}`];
    const b = small[`facade ${ep}`];
    console.log(`  latency large/small ${ep.padEnd(43)} p50 ${(a.p50 / Math.max(b.p50, 0.01)).toFixed(2)}  p99 ${(a.p99 / Math.max(b.p99, 0.01)).toFixed(2)}`);
  }
}
