#!/usr/bin/env node
/**
 * Where a cached Patient read's CPU goes, thread by thread, in one build under load: the event loop (main thread),
 * the PHI audit's append worker (file store: its SQLite transaction, WAL writes and fsync), V8's helpers; user and
 * system time per request from /proc/<pid>/task/<tid>/stat (Linux), and the machine's steal time (/proc/stat: the
 * hypervisor running something else, e.g. its disk emulation) per request. The system column is where a VM's fsync and
 * wake-ups show; compare builds run one after the other more than once (the machine's load moves both).
 * After `npm run build`:
 *
 *   node bench/fhir-thread-cpu.mjs [<root>] [--facade-store file|memory] [--rounds 2] [--duration 6] [--connections 16] [--pin]
 *
 * `--pin` (taskset, 2+ CPUs): the server's event loop alone on the last CPU, its other threads (audit worker, V8
 * helpers) and the load generator on the others: the event loop's own cost per request, without the audit worker
 * and the load generator taking turns on its CPU (what a host with spare cores gives it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { demoDatabase, samplePatients } from './lib/datasets.mjs';
import { load } from './lib/load.mjs';
import { freePort } from './lib/ports.mjs';
import { startFacade } from './lib/servers.mjs';
import { benchKeys, BENCH_ISSUER, systemToken } from './lib/tokens.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: v, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'facade-store': { type: 'string', default: 'file' },
    rounds: { type: 'string', default: '2' },
    duration: { type: 'string', default: '6' },
    connections: { type: 'string', default: '16' },
    pin: { type: 'boolean', default: false },
  },
});
if (!['file', 'memory'].includes(v['facade-store'])) throw new Error('--facade-store: file or memory');
const root = resolve(positionals[0] ?? ROOT);
const connections = Number(v.connections);
const TICKS = 100; // USER_HZ: /proc times are in 1/100 s

/** --pin: the event loop (thread id = pid) on the last CPU; every other thread of the server, and this process, on the rest. */
function pin(pid) {
  const last = cpus().length - 1;
  if (last < 1) throw new Error('--pin needs at least 2 CPUs');
  const rest = last === 1 ? '0' : `0-${last - 1}`;
  for (const tid of readdirSync(`/proc/${pid}/task`)) execFileSync('taskset', ['-pc', Number(tid) === pid ? String(last) : rest, tid], { stdio: 'ignore' });
  execFileSync('taskset', ['-apc', rest, String(process.pid)], { stdio: 'ignore' });
}

/** utime and stime (ticks) of every thread of `pid`, by thread id, with the thread's name. */
function threadTimes(pid) {
  const out = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // ended between the listing and the read
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(tid, { name, user: Number(fields[11]), system: Number(fields[12]) });
  }
  return out;
}

/** Ticks the hypervisor ran something else on this machine's CPUs (/proc/stat `steal`, all CPUs). */
function steal() {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  return Number(cpu[8] ?? 0);
}

const { jwks, privateKey } = await benchKeys();
const db = await demoDatabase({ root: ROOT, patients: 10000, log: () => undefined });
const ids = samplePatients(db);
const scratch = v['facade-store'] === 'file' ? mkdtempSync(join(tmpdir(), 'thread-cpu-')) : undefined;
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const facade = await startFacade({ root, db, port, jwks, issuer: BENCH_ISSUER, env: scratch ? { BENCH_FACADE_DB: join(scratch, 'facade.sqlite') } : {} });
try {
  const token = await systemToken(privateKey, url, ids.practices);
  const pathFor = (i) => `/fhir/Patient/${ids.patients[(i * 7919) % ids.patients.length]}`;
  // Every patient once (cached from then on), then a warm-up.
  await load({ url, token, pathFor, connections, amount: ids.patients.length });
  await load({ url, token, pathFor, connections, duration: 3 });
  // After the warm-up: the audit worker exists by now (made on the first append).
  if (v.pin) pin(facade.child.pid);
  console.log(`${root}, ${v['facade-store']} store, ${connections} connections${v.pin ? ', event loop pinned alone on a CPU' : ''}: CPU µs per cached read, by thread`);
  for (let round = 0; round < Number(v.rounds); round++) {
    const stealBefore = steal();
    const before = threadTimes(facade.child.pid);
    const r = await load({ url, token, pathFor, connections, duration: Number(v.duration) });
    const after = threadTimes(facade.child.pid);
    const stolen = steal() - stealBefore;
    const perReq = (ticks) => ((ticks * 1e6) / TICKS / r.requests).toFixed(1);
    const byName = new Map();
    for (const [tid, t] of after) {
      const b = before.get(tid) ?? { user: 0, system: 0 };
      const sum = byName.get(t.name) ?? { user: 0, system: 0 };
      byName.set(t.name, { user: sum.user + t.user - b.user, system: sum.system + t.system - b.system });
    }
    const total = [...byName.values()].reduce((a, t) => ({ user: a.user + t.user, system: a.system + t.system }), { user: 0, system: 0 });
    console.log(`  round ${round + 1}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms; all threads user ${perReq(total.user)} + system ${perReq(total.system)}; machine steal ${perReq(stolen)}`);
    for (const [name, t] of [...byName].sort((a, b) => b[1].user + b[1].system - (a[1].user + a[1].system))) {
      if (t.user + t.system > 0) console.log(`    ${name.padEnd(16)} user ${perReq(t.user).padStart(6)}  system ${perReq(t.system).padStart(6)}`);
    }
  }
} finally {
  await facade.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
