#!/usr/bin/env node
/**
 * Machine instructions per cached Patient read of one build, counted by valgrind's callgrind (issue 9, session 8):
 * user-space work only (no kernel, no cache or frequency effects), and a dump that `callgrind_annotate` splits by
 * native function (V8 builtins, SQLite, libc; JIT-compiled JavaScript stays anonymous). Not noise-free: how many
 * requests one event-loop turn serves depends on the machine's load, so runs of one build differed by 1.5-4 %
 * (bench/README.md, session 8); compare builds run at the same time, more than once.
 *
 *   node bench/fhir-read-instructions.mjs <root> [--requests 3000] [--prime 12000] [--connections 16] [--keep <dir>]
 *     [--endpoint read|search] [--facade-store memory|file] [--separate-threads]
 *
 * `--endpoint search`: the laboratory page of 50 (`Observation?patient=..&category=laboratory&_count=50`) instead of
 * the Patient read. `--facade-store file`: the product's default store (the audit append in its worker thread)
 * instead of the in-memory one. `--separate-threads`: one count per thread (the event loop is thread 1; its figure is
 * printed too), so the event loop's own cost can be told from the audit worker's and V8's helpers'.
 *
 * The facade (bench/lib/facade-server.mjs) runs under `valgrind --tool=callgrind` with instrumentation off; after a
 * priming pass (every patient once, so every read after it is cached, plus the JIT warm-up) instrumentation is
 * switched on (`callgrind_control -i on`) for exactly `--requests` reads and the total is divided by them. The count
 * covers every thread of the process (V8's compiler and GC helpers too) and excludes the kernel (syscalls).
 * Needs valgrind (`apt-get install valgrind`); about 2 minutes per build (1 minute start-up and priming).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { demoDatabase, samplePatients } from './lib/datasets.mjs';
import { freePort } from './lib/ports.mjs';
import { load } from './lib/load.mjs';
import { benchKeys, BENCH_ISSUER, systemToken } from './lib/tokens.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FACADE = fileURLToPath(new URL('./lib/facade-server.mjs', import.meta.url));
const { values: v, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    requests: { type: 'string' },
    prime: { type: 'string' },
    connections: { type: 'string', default: '16' },
    keep: { type: 'string' },
    endpoint: { type: 'string', default: 'read' },
    'facade-store': { type: 'string', default: 'memory' },
    'separate-threads': { type: 'boolean', default: false },
  },
});
if (positionals.length !== 1) {
  console.error('Usage: node bench/fhir-read-instructions.mjs <root> [--requests 3000] [--prime 12000] [--connections 16] [--keep <dir>]');
  process.exit(2);
}
const connections = Number(v.connections);
const root = resolve(positionals[0]);
// --keep: the dump stays there (callgrind_annotate <dir>/callgrind.out.1).
const out = v.keep ? resolve(v.keep) : mkdtempSync(join(tmpdir(), 'read-instructions-'));
mkdirSync(out, { recursive: true });
const { jwks, privateKey } = await benchKeys();
const db = await demoDatabase({ root: ROOT, patients: 10000, log: console.log });
const ids = samplePatients(db);
if (!['read', 'search'].includes(v.endpoint)) throw new Error('--endpoint: read or search');
// Defaults: 3,000 reads after 12,000 (every patient once, and the JIT warm); 1,000 pages after twice every lab patient.
const requests = Number(v.requests ?? (v.endpoint === 'read' ? 3000 : 1000));
const prime = Number(v.prime ?? (v.endpoint === 'read' ? 12000 : 2 * ids.labPatients.length));
if (!['memory', 'file'].includes(v['facade-store'])) throw new Error('--facade-store: memory or file');
// The same paths as fhir-vs-old.mjs.
const pathFor =
  v.endpoint === 'read'
    ? (i) => `/fhir/Patient/${ids.patients[(i * 7919) % ids.patients.length]}`
    : (i) => `/fhir/Observation?patient=${ids.labPatients[(i * 31) % ids.labPatients.length]}&category=laboratory&_count=50`;
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const env = { ...process.env, ...(v['facade-store'] === 'file' ? { BENCH_FACADE_DB: join(out, 'facade.sqlite') } : {}), BENCH_ROOT: root, BENCH_DB: db, BENCH_PORT: String(port), BENCH_JWKS: JSON.stringify(jwks), BENCH_ISSUER };
const args = ['--tool=callgrind', '--instr-atstart=no', '--smc-check=all-non-file', ...(v['separate-threads'] ? ['--separate-threads=yes'] : []), `--callgrind-out-file=${join(out, 'callgrind.out')}`, process.execPath, FACADE];
const child = spawn('valgrind', args, { env, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
try {
  await new Promise((ready, failed) => {
    child.once('message', ready);
    child.once('exit', (code) => failed(new Error(`the facade under valgrind exited with code ${code} before it was ready`)));
    child.once('error', failed);
  });
  const token = await systemToken(privateKey, url, ids.practices);
  await load({ url, token, pathFor, connections, amount: prime });
  const control = (...a) => execFileSync('callgrind_control', [...a, String(child.pid)], { stdio: 'ignore' });
  control('-i', 'on');
  const res = await load({ url, token, pathFor, connections, amount: requests });
  control('-i', 'off');
  control('-d');
  if (res.errors) throw new Error(`${res.errors} reads answered with an error`);
  // The dumps written by `-d` (callgrind.out.1, or callgrind.out.1-<thread> per thread): each `totals:` line is the
  // instructions counted while instrumented.
  const totalOf = (f) => Number(/^totals:\s+(\d+)/m.exec(readFileSync(f, 'utf8'))?.[1] ?? 0);
  const dumps = readdirSync(out).filter((f) => /^callgrind\.out\.1(-\d+)?$/.test(f)).map((f) => join(out, f)).filter((f) => totalOf(f) > 0);
  if (dumps.length === 0) throw new Error(`no callgrind dump in ${out}`);
  const total = dumps.reduce((n, f) => n + totalOf(f), 0);
  const { compile, gc } = dumps.map(jitAndGc).reduce((a, b) => ({ compile: a.compile + b.compile, gc: a.gc + b.gc }));
  const per = (n) => Math.round(n / requests);
  const what = v.endpoint === 'read' ? 'cached read' : 'cached lab page';
  console.log(`${root}: ${per(total)} instructions per ${what} (${requests} requests, ${connections} connections, ${v['facade-store']} store), of which V8's compilers ${per(compile)} and GC ${per(gc)}: ${per(total - compile - gc)} without them`);
  const loop = dumps.find((f) => f.endsWith('-01'));
  if (loop) console.log(`  the event loop (thread 1): ${per(totalOf(loop))}; the other threads: ${dumps.filter((f) => f !== loop).map((f) => `${f.slice(-2)} ${per(totalOf(f))}`).join(', ')}`);
} finally {
  child.kill('SIGKILL');
  if (!v.keep) rmSync(out, { recursive: true, force: true });
}

/**
 * Instructions in V8's optimising compilers (still at work a few 10,000 reads after start: priming under valgrind is
 * short) and in its garbage collector, from `callgrind_annotate`'s per-function totals.
 */
function jitAndGc(dump) {
  const COMPILE = /compiler::|maglev::|turboshaft|Zone|Baseline|Parser|Bytecode|Compile|RegisterAllocat|LiveRange|InstructionSelector|CodeGenerator|Assembler/;
  const GC = /Scavenge|Heap::|heap::|MarkCompact|Sweeper|Evacuat|BodyDescriptor|Marking/;
  let compile = 0;
  let gc = 0;
  for (const line of execFileSync('callgrind_annotate', ['--threshold=100', dump], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n')) {
    const m = /^\s*([\d,]+) \([ \d.]+%\)\s+(\S.*)$/.exec(line);
    if (!m || line.includes('PROGRAM TOTALS')) continue;
    const n = Number(m[1].replaceAll(',', ''));
    if (COMPILE.test(m[2])) compile += n;
    else if (GC.test(m[2])) gc += n;
  }
  return { compile, gc };
}
