#!/usr/bin/env node
/**
 * The SQLite audit append transaction alone (libs/facade-store phi-audit.sqlite-append.ts, as the append worker runs
 * it), one or more builds side by side: CPU per event of the committing thread, user and system (the system part is
 * the WAL writes, the fsync and any temporary file), on a scratch store file. No HTTP, no outbox, no threads: the
 * steadiest view of the append itself on a noisy machine. After `npm run build` (in each build compared):
 *
 *   node bench/audit-append.mjs [<root> ...] [--rows 10] [--commits 3000] [--sync FULL|OFF] [--runs 2]
 *
 * Each root (default: this checkout) runs `--runs` times, alternating (A B A B), each in its own process.
 * `--sync OFF` takes the fsync out (its cost on a VM swamps the rest); FULL is what the product runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: v, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rows: { type: 'string', default: '10' },
    commits: { type: 'string', default: '3000' },
    sync: { type: 'string', default: 'FULL' },
    runs: { type: 'string', default: '2' },
    child: { type: 'string' },
  },
});
if (!['FULL', 'OFF'].includes(v.sync)) throw new Error('--sync: FULL or OFF');

if (v.child) await child(v.child);
else {
  const roots = (positionals.length ? positionals : [ROOT]).map((r) => resolve(r));
  console.log(`audit append: ${v.rows} events per commit, ${v.commits} commits, synchronous=${v.sync}`);
  for (let run = 0; run < Number(v.runs); run++) {
    for (const root of roots) {
      const args = [fileURLToPath(import.meta.url), '--child', root, '--rows', v.rows, '--commits', v.commits, '--sync', v.sync];
      process.stdout.write(execFileSync(process.execPath, args, { encoding: 'utf8' }));
    }
  }
}

/** One measurement in this process: the append of `root`'s dist/ on a fresh store file. */
async function child(root) {
  const dist = (p) => import(pathToFileURL(join(root, 'dist/libs/facade-store/src', p)).href);
  const [{ openFacadeStore }, chain, { sqliteAppender }, { default: Database }] = await Promise.all([
    dist('facade-store.js'),
    dist('phi-audit/phi-audit.chain.js'),
    dist('phi-audit/phi-audit.sqlite-append.js'),
    import('better-sqlite3'),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'audit-append-'));
  try {
    const path = join(dir, 'facade.sqlite');
    const store = await openFacadeStore({ kind: 'sqlite', path });
    const cols = store.dataSource.getMetadata('phi_audit_events').columns.map((c) => ({ property: c.propertyName, name: c.databaseName }));
    await store.close();
    // The worker's connection settings (phi-audit.append-worker.ts), the durability level as asked.
    const db = new Database(path);
    db.pragma(`synchronous = ${v.sync}`);
    db.pragma('cache_size = -16000');
    const append = sqliteAppender(db, 'phi_audit_events', 'phi_audit_chain', cols, chain);
    // Read events of 10 practices and 10,000 patients, as a multi-practice backend token makes them.
    let i = 0;
    const event = () => {
      const k = i++;
      const facts = {
        base: 'fhir', interaction: 'read', action: 'R', resourceType: 'Patient', operation: null, queryParams: null, status: 200, outcome: 0,
        clientId: 'bench-client', subject: 'bench-client', fhirUser: null, tokenId: 'bench-1', contextPatient: null, practiceId: 1 + (k % 10),
        patientId: String(1 + ((k * 7919) % 10000)), recordedUser: null, entities: JSON.stringify([`Patient/${k}`]), sourceIp: '127.0.0.1',
        requestId: `c0ffee00-1234-4567-89ab-${String(k).padStart(12, '0')}`,
      };
      const text = chain.canonicalFactsText(facts);
      return { text, values: JSON.parse(`[${text}]`) };
    };
    const rows = Number(v.rows);
    const commit = () => append([{ events: Array.from({ length: rows }, event), recorded: Date.now() }]);
    for (let k = 0; k < 300; k++) commit();
    const commits = Number(v.commits);
    const cpu0 = process.threadCpuUsage();
    const t0 = performance.now();
    for (let k = 0; k < commits; k++) commit();
    const cpu = process.threadCpuUsage(cpu0);
    const wall = performance.now() - t0;
    const per = commits * rows;
    db.close();
    console.log(`${root}: user ${(cpu.user / per).toFixed(1)} + system ${(cpu.system / per).toFixed(1)} µs CPU per event, ${((wall * 1000) / per).toFixed(1)} µs wall`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
