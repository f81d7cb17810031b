/**
 * The export thread (embedded runner, the product's default): the export runs in a `worker_threads` Worker that
 * opens its own connections from the configuration and gives exactly what search returns; a thread killed in the
 * middle of an export is replaced and the export completes with every resource once; a thread that runs out of
 * memory fails its call (not the process), and after the runner's attempts the export is failed visibly (500), never
 * completed without the chunk.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedClinic, type Clinic } from './support/clinic.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';
import { BulkClient, byType, usCoreProblems } from './support/bulk-export-client.js';
import { ExportRuntime } from '../../apps/fhir-api/src/export/export-runtime.js';
import { ATTEMPTS, EmbeddedExportRunner } from '../../apps/fhir-api/src/export/export-runner.js';
import { ExportThread } from '../../apps/fhir-api/src/export/export-thread.js';

type R = Record<string, any>;
const idsByType = (rs: R[]) => Object.fromEntries([...byType(rs)].map(([type, list]) => [type, list.map((r) => r.id).sort()]));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('bulk $export in the export thread', () => {
  let t: FhirTestApp;
  let c: Clinic;
  let a: BulkClient;
  let runtime: ExportRuntime;
  let baseline: Record<string, string[]>;

  beforeAll(async () => {
    t = await startFhirTestApp({ env: { BULK_EXPORT_CHUNK_KEYS: '1', BULK_EXPORT_BATCH: '1', BULK_EXPORT_PER_CLIENT: '5', BULK_EXPORT_MAX_STATEMENTS: '1' } });
    c = await seedClinic(t.factory);
    a = new BulkClient(t.server, await t.mint({ scope: 'system/*.rs', practice: c.practiceA, client_id: 'thread-exporter' }));
    runtime = t.app.get(ExportRuntime);
  });
  afterAll(async () => t?.close());

  it('runs in the thread by default: valid US Core, equal to search, within the statement limit', async () => {
    expect(runtime.work).toBeInstanceOf(ExportThread);
    const exported = await a.download(await a.poll(await a.kickOff('/fhir/$export')));
    expect((runtime.work as ExportThread).started).toBe(1);
    expect(usCoreProblems(exported)).toEqual([]);
    for (const [type, list] of byType(exported)) {
      if (type === 'Provenance') continue;
      expect({ type, list }).toEqual({ type, list: byType(await a.searchAll(type)).get(type) ?? [] });
    }
    expect(runtime.peakStatements()).toBe(1);
    baseline = idsByType(exported);
    expect(baseline.Patient).toEqual([String(c.amy), String(c.bob)].sort());
  });

  it('a thread killed mid-export is replaced: the export completes with every resource exactly once', async () => {
    const thread = runtime.work as ExportThread;
    const started = thread.started;
    const status = await a.kickOff('/fhir/$export');
    const id = status.split('/').pop()!;
    // Kill it once some chunks are recorded done and others are still pending.
    for (let i = 0; ; i++) {
      const chunks = await runtime.processor.store.chunksOf(id);
      if (chunks.some((ch) => ch.status === 'done') && chunks.some((ch) => ch.status === 'pending')) break;
      if (i > 2000) throw new Error('the export never had done and pending chunks at once');
      await sleep(5);
    }
    await thread.terminate();
    const exported = await a.download(await a.poll(status));
    expect(thread.started).toBeGreaterThan(started);
    expect(idsByType(exported)).toEqual(baseline);
  });

  it('closing the runner mid-export stops after the running chunk and ends the thread; the next runner resumes it', async () => {
    const quiet = await startFhirTestApp({ env: { BULK_EXPORT_CHUNK_KEYS: '1', BULK_EXPORT_BATCH: '1' }, bulkExport: { workers: false } });
    try {
      const qc = await seedClinic(quiet.factory);
      const client = new BulkClient(quiet.server, await quiet.mint({ scope: 'system/*.rs', practice: qc.practiceA, client_id: 'close-exporter' }));
      const status = await client.kickOff('/fhir/$export');
      const id = status.split('/').pop()!;
      const { processor } = quiet.app.get(ExportRuntime);
      const first = new ExportThread(quiet.config);
      const runner = new EmbeddedExportRunner(processor, first);
      await runner.start(id);
      for (let i = 0; !(await processor.store.chunksOf(id)).some((ch) => ch.status === 'done'); i++) {
        if (i > 2000) throw new Error('no chunk completed');
        await sleep(5);
      }
      await runner.close();
      await first.close();
      const chunks = await processor.store.chunksOf(id);
      expect((await processor.store.get(id))?.status).toBe('running');
      expect(chunks.some((ch) => ch.status === 'pending')).toBe(true);
      const second = new ExportThread(quiet.config);
      const resumed = new EmbeddedExportRunner(processor, second);
      await resumed.resume();
      await resumed.idle();
      await resumed.close();
      await second.close();
      const exported = await client.download(await client.poll(status));
      expect(idsByType(exported).Patient).toEqual([String(qc.amy), String(qc.bob)].sort());
      expect(exported.length).toBe(new Set(exported.map((r) => `${r.resourceType}/${r.id}`)).size);
    } finally {
      await quiet.close();
    }
  });

  it('a thread out of memory fails its call, not the process; the export fails visibly after the attempts', async () => {
    // A second app on its own databases that only serves HTTP: its export stays queued for the child process below.
    const quiet = await startFhirTestApp({ bulkExport: { workers: false } });
    try {
      const qc = await seedClinic(quiet.factory);
      const client = new BulkClient(quiet.server, await quiet.mint({ scope: 'system/*.rs', practice: qc.practiceA, client_id: 'oom-exporter' }));
      const status = await client.kickOff('/fhir/$export?_type=Patient');
      const id = status.split('/').pop()!;
      const loader = process.env.FACADE_THREAD_TS_LOADER!;
      const child = spawnSync(process.execPath, ['--import', loader, fileURLToPath(new URL('./support/export-thread-oom.ts', import.meta.url)), JSON.stringify(quiet.config), id], {
        env: { ...process.env, NODE_OPTIONS: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect({ status: child.status, stderr: child.stderr }).toEqual({ status: 0, stderr: '' });
      const outcome = JSON.parse(child.stdout) as { planError: string; started: number; status: string; error: string };
      expect(outcome.planError).toMatch(/^the export thread failed: ERR_WORKER_OUT_OF_MEMORY/);
      // One thread for the plan call above, then one per attempt of the runner: each died, none was reused.
      expect(outcome.started).toBe(1 + ATTEMPTS);
      expect(outcome.status).toBe('failed');
      const res = await client.get(status).set('Accept', 'application/json');
      expect(res.status).toBe(500);
      expect(res.body.issue[0].diagnostics).toMatch(/ERR_WORKER_OUT_OF_MEMORY/);
    } finally {
      await quiet.close();
    }
  });
});
