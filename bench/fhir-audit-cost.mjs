#!/usr/bin/env node
/**
 * Audit write cost (issue 12). After `npm run build`:
 *
 *   node bench/fhir-audit-cost.mjs [--duration 5] [--connections 16] [--events 1] [--work 0] [--facade-db sqlite:<file>|postgres://...]
 *
 * Drives the FHIR API's real audit path without HTTP: `--connections` concurrent "requests" each hand `--events`
 * BALP events (one per patient) to the AuditOutbox (apps/fhir-api/src/audit) and wait for their commit, as an
 * answer does, into a facade store (PhiAuditRepository: hash-chained append, one transaction per batch). Default
 * store: a scratch SQLite file (WAL, synchronous=FULL). Prints requests/s, the wait each request adds (p50/p99),
 * events per batch, and the store time per request; then verifies the chain. A live server logs the same counters
 * at shutdown (`audit_outbox_closed`, `msPerRequest`). The CPU line (process CPU per request and per event, all threads) and the main-thread busy line are the
 * figures to compare between builds on a shared machine; requests/s and waits are dominated by the fsync.
 * `--work <µs>`: each request first waits a 1 ms timer (the client's round trip), then spins that long on the main
 * thread (a server's own work per request): the requests reach the outbox spread over time, as in a server, instead
 * of all in one turn; the spin's CPU is left out of the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openFacadeStore } from '#facade/facade-store';
import { AuditOutbox } from '../dist/apps/fhir-api/src/audit/audit-outbox.js';

const { values: o } = parseArgs({ options: { duration: { type: 'string', default: '5' }, connections: { type: 'string', default: '16' }, events: { type: 'string', default: '1' }, work: { type: 'string', default: '0' }, 'facade-db': { type: 'string' } } });
const dir = mkdtempSync(join(tmpdir(), 'audit-cost-'));
const url = o['facade-db']?.startsWith('postgres') ? { kind: 'postgres', url: o['facade-db'] } : { kind: 'sqlite', path: o['facade-db']?.replace(/^sqlite:/, '') ?? join(dir, 'facade.sqlite') };
const store = await openFacadeStore(url);
// As the FHIR API wires it (audit-trail.ts): the batch form of the append, and as many batches in flight as the
// store takes (16 for a SQLite file: the worker merges those waiting; older builds have no appendInFlight).
const inFlight = store.phiAudit.appendInFlight?.() ?? 1;
const outbox = new AuditOutbox({ append: (batch) => store.phiAudit.appendBatch(batch) }, { maxBatch: 500, maxQueued: 20_000, inFlight });
const facts = (c, i, p) => ({
  base: 'fhir', interaction: 'search-type', action: 'E', resourceType: 'Observation', operation: null, queryParams: 'patient,category,_count', status: 200, outcome: 0,
  clientId: 'bench-client', subject: `user:${c}`, fhirUser: null, tokenId: `jti-${c}`, contextPatient: null, practiceId: 1 + (c % 3), patientId: String(1000 + ((i + p) % 5000)), recordedUser: null,
  entities: JSON.stringify(Array.from({ length: 20 }, (_, k) => `Observation/lab-${i * 20 + k}`)), sourceIp: '127.0.0.1', requestId: `rq-${c}-${i}`,
});
try {
  const seconds = Number(o.duration);
  const events = Number(o.events);
  const waits = [];
  const workMs = Number(o.work) / 1000;
  const until = performance.now() + seconds * 1000;
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  await Promise.all(Array.from({ length: Number(o.connections) }, async (_, c) => {
    for (let i = 0; performance.now() < until; i++) {
      if (workMs > 0) {
        // The client's turn-around (an HTTP round trip: answers reach the server again spread over time), then the
        // server's own work on the request.
        await new Promise((r) => setTimeout(r, 1));
        for (const end = performance.now() + workMs; performance.now() < end; );
      }
      const t0 = performance.now();
      await outbox.record(Array.from({ length: events }, (_, p) => facts(c, i, p)));
      waits.push(performance.now() - t0);
    }
  }));
  await outbox.close();
  const cpu = process.cpuUsage(cpu0);
  const elu = performance.eventLoopUtilization(elu0);
  waits.sort((a, b) => a - b);
  const q = (p) => waits[Math.min(waits.length - 1, Math.floor(p * waits.length))]?.toFixed(2);
  const s = outbox.stats();
  console.log(`${url.kind} facade store, ${o.connections} concurrent requests, ${events} event(s) each, ${seconds} s (load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
  console.log(`requests: ${(s.requests / seconds).toFixed(0)}/s (n=${s.requests}); wait per request p50 ${q(0.5)} ms, p99 ${q(0.99)} ms`);
  console.log(`batches (in flight at most ${inFlight}; the worker may merge them): ${s.batches} (${(s.events / Math.max(1, s.batches)).toFixed(1)} events each, max ${s.maxBatch}); store time ${(s.writeMs / Math.max(1, s.requests)).toFixed(3)} ms per request; failed batches ${s.failedBatches}`);
  const cpuUs = cpu.user + cpu.system - s.requests * Number(o.work);
  console.log(`CPU (this process: the "requests", the outbox and the store${o.work !== '0' ? ', less the simulated work' : ''}): ${(cpuUs / Math.max(1, s.requests)).toFixed(1)} µs per request, ${(cpuUs / Math.max(1, s.events)).toFixed(1)} µs per event`);
  console.log(`main thread busy (event loop not idle: what an append takes from the server's requests): ${((elu.active * 1000) / Math.max(1, s.requests) - Number(o.work)).toFixed(1)} µs per request`);
  const verdict = await store.phiAudit.verify();
  console.log(`chain: ${verdict.ok ? `verified, ${verdict.rows} rows` : `BROKEN at ${verdict.badSeq}: ${verdict.reason}`}`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
