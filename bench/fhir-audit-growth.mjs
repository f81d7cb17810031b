#!/usr/bin/env node
/**
 * Audit append cost as the trail grows (issue 12, the soak's latency drift). After `npm run build`:
 *
 *   node bench/fhir-audit-growth.mjs [--dist dist] [--sizes 150000,300000]
 *
 * Appends batches of 8 events (the size a loaded server's batches have) into a scratch SQLite facade store at 0
 * rows and after filling it to each size, and prints per batch: wall time to commit, the main thread's busy time
 * (event loop utilisation: what the append takes from the server's requests), the worst batch and the WAL size.
 * `--dist <dir>` runs another build (a copy of an older dist/) for an A/B comparison.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: o } = parseArgs({ options: { dist: { type: 'string', default: 'dist' }, sizes: { type: 'string', default: '150000,300000' } } });
const { openFacadeStore } = await import(new URL(`../${o.dist}/libs/facade-store/src/index.js`, import.meta.url).href);
const dir = mkdtempSync(join(tmpdir(), 'audit-growth-'));
const store = await openFacadeStore({ kind: 'sqlite', path: join(dir, 'f.sqlite') });
/** The i-th event: spread patients, users, apps and practices, as a busy server's trail has them. */
const f = (i) => ({
  base: 'fhir', interaction: 'search-type', action: 'E', resourceType: 'Observation', operation: null, queryParams: 'patient,category', status: 200, outcome: 0,
  clientId: `c${i % 7}`, subject: `user:${i % 50}`, fhirUser: null, tokenId: `jti-${i % 997}`, contextPatient: null, practiceId: 1 + (i % 3),
  patientId: String((i * 7919) % 10000), recordedUser: null, entities: JSON.stringify(Array.from({ length: 5 }, (_, k) => `Observation/lab-${i}-${k}`)),
  sourceIp: '127.0.0.1', requestId: `r${i}`,
});
const walMb = () => {
  try {
    return statSync(join(dir, 'f.sqlite-wal')).size / 1048576;
  } catch {
    return 0;
  }
};
const BATCH = 8;
const BATCHES = 300;
let n = 0;

async function measure(label) {
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  let worst = 0;
  for (let i = 0; i < BATCHES; i++) {
    const s = performance.now();
    await store.phiAudit.append(Array.from({ length: BATCH }, () => f(n++)));
    worst = Math.max(worst, performance.now() - s);
  }
  const elu = performance.eventLoopUtilization(elu0);
  const wall = performance.now() - t0;
  console.log(`${label}: ${(wall / BATCHES).toFixed(2)} ms per batch of ${BATCH} (worst ${worst.toFixed(1)}), main thread busy ${(elu.active / BATCHES).toFixed(2)} ms per batch; WAL ${walMb().toFixed(1)} MB`);
}

console.log(`build ${o.dist} (load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
await measure('rows 0');
for (const target of o.sizes.split(',').map(Number)) {
  while (n < target) await store.phiAudit.append(Array.from({ length: 500 }, () => f(n++)));
  await measure(`rows ${target}`);
}
await store.close();
rmSync(dir, { recursive: true, force: true });
