#!/usr/bin/env node
/**
 * Cached Patient reads through the engine alone (`SearchExecutor.read`, no HTTP, token or audit) of two or more
 * builds in one process, rounds in alternating order (A B, B A, ...): CPU µs per read (`process.cpuUsage`), which
 * other load on a shared machine distorts less than a server run. Same demo database as fhir-builds-ab.mjs.
 *
 *   node bench/engine-read-ab.mjs <root A> <root B> [...] [--rounds 8] [--reads 20000] [--patients 2000]
 *
 * A root is a checkout or a copy of `dist/` with `package.json` and a `node_modules` link.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { demoDatabase } from './lib/datasets.mjs';
import { median } from './lib/ab.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: v, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '8' }, reads: { type: 'string', default: '20000' }, patients: { type: 'string', default: '2000' } },
});
if (positionals.length < 2) {
  console.error('Usage: node bench/engine-read-ab.mjs <root A> <root B> [...] [--rounds 8] [--reads 20000] [--patients 2000]');
  process.exit(2);
}
const ZONE = 'America/New_York';
const ctx = { baseUrl: 'http://bench/fhir', timeZone: ZONE, identifierSystems: { mrn: 'urn:oid:1.2.3', ssn: 'http://hl7.org/fhir/sid/us-ssn', npi: 'http://hl7.org/fhir/sid/us-npi', practice: 'http://bench/sid/practice-id' }, report: () => undefined };
const path = await demoDatabase({ root: ROOT, patients: 10000, log: console.log });
const builds = [];
for (const root of positionals.map((p) => resolve(p))) {
  const { createLegacyDataSource } = await import(`${root}/dist/libs/legacy-db/src/index.js`);
  const { SearchExecutor } = await import(`${root}/dist/apps/fhir-api/src/engine/search/search-executor.js`);
  const { ResourceRegistry } = await import(`${root}/dist/apps/fhir-api/src/engine/registry/resource-registry.js`);
  const { resourceDefinitions } = await import(`${root}/dist/apps/fhir-api/src/resources/index.js`);
  const ds = createLegacyDataSource({ kind: 'sqlite', path }, 2);
  await ds.initialize();
  const def = new ResourceRegistry(resourceDefinitions({ mrnSystem: 'urn:oid:1.2.3', ssnSystem: 'http://hl7.org/fhir/sid/us-ssn' })).get('Patient').def;
  const exec = new SearchExecutor(ds, ZONE);
  const ids = (await ds.query(`SELECT PAT_ID FROM PATIENT ORDER BY PAT_ID LIMIT ${Number(v.patients)}`)).map((r) => String(r.PAT_ID));
  for (const id of ids) exec.read(def, id, {}, ctx); // priming: every read after it is cached
  builds.push({ root, exec, def, ids, runs: [] });
}
const reads = Number(v.reads);
for (let r = 0; r < Number(v.rounds); r++) {
  for (const b of r % 2 ? [...builds].reverse() : builds) {
    const u0 = process.cpuUsage();
    for (let i = 0; i < reads; i++) {
      const res = b.exec.read(b.def, b.ids[(i * 7919) % b.ids.length], {}, ctx);
      if (res.kind !== 'found') throw new Error(`${b.root}: read answered ${res.kind}`);
    }
    const u = process.cpuUsage(u0);
    b.runs.push((u.user + u.system) / reads);
  }
  console.log(`round ${r + 1}: ${builds.map((b) => `${b.runs.at(-1).toFixed(1)} µs`).join(' | ')}`);
}
for (const b of builds) console.log(`${b.root}: median ${median(b.runs).toFixed(2)} µs CPU/read; vs first ${(median(b.runs) / median(builds[0].runs)).toFixed(3)}`);
process.exit(0);
