#!/usr/bin/env node
/**
 * FHIR API write benchmark (issue 10). After `npm run build`:
 *
 *   node bench/fhir-api-writes.mjs [--patients 10000] [--duration 5] [--connections 8] [--seed 1]
 *
 * Copies the cached demo database (bench/lib/datasets.mjs; generated once under data/bench/) to a scratch file, starts
 * the facade on it (bench/lib/facade-server.mjs: the real createFhirApp) and measures, each for `--duration` seconds
 * with `--connections` concurrent clients and a `system/` token of every practice:
 *   create: POST /fhir/AllergyIntolerance for patients in a scattered order (one INSERT each, then the read-back);
 *   update: PUT /fhir/AllergyIntolerance/<id> with If-Match, each client on its own allergy, its version tracked
 *           (one version-checked UPDATE each, then the read-back);
 *   note:   POST /fhir/DocumentReference, a 1 KB text progress note per request (base64 decoded and checked, one
 *           CLINICAL_NOTE INSERT recorded as the service user, then the read-back).
 * Prints writes/s, p50/p99 and any non-2xx answer; no target yet. The scratch database is deleted afterwards.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { demoDatabase, samplePatients } from './lib/datasets.mjs';
import { freePort } from './lib/ports.mjs';
import { startFacade } from './lib/servers.mjs';
import { benchKeys, BENCH_ISSUER } from './lib/tokens.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: o } = parseArgs({ options: { patients: { type: 'string', default: '10000' }, duration: { type: 'string', default: '5' }, connections: { type: 'string', default: '8' }, seed: { type: 'string', default: '1' } } });
const log = (m) => console.log(m);

const SNOMED = 'http://snomed.info/sct';
const NOTE_TEXT = Buffer.from('Subjective: feels well. '.repeat(43).slice(0, 1024), 'utf8').toString('base64');
const note = (patId) => ({
  resourceType: 'DocumentReference',
  status: 'current',
  type: { coding: [{ system: 'http://loinc.org', code: '11506-3' }] },
  category: [{ coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category', code: 'clinical-note' }] }],
  subject: { reference: `Patient/${patId}` },
  content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: NOTE_TEXT } }],
});
const allergy = (patId, n) => ({
  resourceType: 'AllergyIntolerance',
  clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: 'active' }] },
  category: ['food'],
  code: { coding: [{ system: SNOMED, code: '91935009' }], text: `Peanut ${n}` },
  patient: { reference: `Patient/${patId}` },
  reaction: [{ manifestation: [{ text: 'Hives' }], severity: 'mild' }],
});

/** Runs `worker(i)` on `connections` clients for `seconds`; latencies in ms and failures. */
async function run(seconds, connections, worker) {
  const until = performance.now() + seconds * 1000;
  const latencies = [];
  const failures = new Map();
  await Promise.all(Array.from({ length: connections }, async (_, c) => {
    for (let i = 0; performance.now() < until; i++) {
      const t0 = performance.now();
      const status = await worker(c, i);
      latencies.push(performance.now() - t0);
      if (status >= 300) failures.set(status, (failures.get(status) ?? 0) + 1);
    }
  }));
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]?.toFixed(1);
  return { count: latencies.length, perSecond: (latencies.length / seconds).toFixed(0), p50: q(0.5), p99: q(0.99), failures: Object.fromEntries(failures) };
}

const source = await demoDatabase({ root: ROOT, patients: Number(o.patients), seed: Number(o.seed), log });
const { patients, practices } = samplePatients(source);
const db = join(tmpdir(), `fhir-writes-bench-${process.pid}.sqlite`);
copyFileSync(source, db);
const port = await freePort();
const { jwks, privateKey } = await benchKeys();
const facade = await startFacade({ root: ROOT, db, port, jwks, issuer: BENCH_ISSUER });
const base = `http://127.0.0.1:${port}/fhir`;
try {
  const token = await new SignJWT({ scope: 'system/AllergyIntolerance.cru system/DocumentReference.cr', client_id: 'bench-client', practices })
    .setProtectedHeader({ alg: 'RS256', kid: 'bench' }).setIssuer(BENCH_ISSUER).setAudience(base).setSubject('bench-client')
    .setJti(`bench-w-${Date.now()}`).setIssuedAt().setExpirationTime('1h').sign(privateKey);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json', prefer: 'return=minimal' };
  const connections = Number(o.connections);
  const seconds = Number(o.duration);
  const patient = (n) => patients[(n * 7919) % patients.length];

  let serial = 0;
  const create = () => fetch(`${base}/AllergyIntolerance`, { method: 'POST', headers, body: JSON.stringify(allergy(patient(serial++), serial)) }).then(async (r) => (await r.arrayBuffer(), r.status));
  await run(1, connections, create); // warm-up (validator and statement caches)
  const created = await run(seconds, connections, create);

  const own = [];
  for (let c = 0; c < connections; c++) {
    const r = await fetch(`${base}/AllergyIntolerance`, { method: 'POST', headers, body: JSON.stringify(allergy(patient(c), c)) });
    own.push({ id: /AllergyIntolerance\/(\d+)\//.exec(r.headers.get('location'))[1], version: 1, patient: patient(c) });
  }
  const update = async (c, i) => {
    const mine = own[c];
    const r = await fetch(`${base}/AllergyIntolerance/${mine.id}`, { method: 'PUT', headers: { ...headers, 'if-match': `W/"${mine.version}"` }, body: JSON.stringify({ ...allergy(mine.patient, i), id: mine.id }) });
    await r.arrayBuffer();
    if (r.status === 200) mine.version += 1;
    return r.status;
  };
  const updated = await run(seconds, connections, update);
  const noteCreate = () => fetch(`${base}/DocumentReference`, { method: 'POST', headers, body: JSON.stringify(note(patient(serial++))) }).then(async (r) => (await r.arrayBuffer(), r.status));
  await run(1, connections, noteCreate); // warm-up
  const notes = await run(seconds, connections, noteCreate);
  log(`\n${patients.length} patients, ${connections} connections, ${seconds} s each (load average at end ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
  log(`create AllergyIntolerance: ${created.perSecond}/s (n=${created.count}), p50 ${created.p50} ms, p99 ${created.p99} ms, non-2xx ${JSON.stringify(created.failures)}`);
  log(`update AllergyIntolerance: ${updated.perSecond}/s (n=${updated.count}), p50 ${updated.p50} ms, p99 ${updated.p99} ms, non-2xx ${JSON.stringify(updated.failures)}`);
  log(`create DocumentReference (1 KB note): ${notes.perSecond}/s (n=${notes.count}), p50 ${notes.p50} ms, p99 ${notes.p99} ms, non-2xx ${JSON.stringify(notes.failures)}`);
} finally {
  await facade.stop();
  for (const s of ['', '-wal', '-shm']) rmSync(db + s, { force: true });
}
