/**
 * A separate export worker process (`dist/apps/fhir-api/src/worker.js`, what `npm run start:worker` runs; build
 * first: `npm run build`, as `npm test` does) killed with SIGKILL in the middle of an export over a generated demo
 * EHR: another worker resumes from the last completed chunk (completed chunks are not run again) and the export
 * completes with exactly what search returns. Real Redis (a unique queue prefix), SQLite legacy and facade store
 * files shared by both processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateDemoEhr } from '#facade/demo-ehr';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { JsonLogger } from '#facade/observability';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';
import { dropKeys, TEST_REDIS_URL } from './support/redis-keys.js';
import { BulkClient, byType } from './support/bulk-export-client.js';
import { openExportWorker } from '../../apps/fhir-api/src/export/export-runtime.js';

const REDIS = TEST_REDIS_URL;
const WORKER = join(process.cwd(), 'dist/apps/fhir-api/src/worker.js');

describe('bulk $export: a worker process killed with SIGKILL', () => {
  let t: FhirTestApp;
  let store: FacadeStore;
  let child: ChildProcess | undefined;
  let a: BulkClient;
  const prefix = `test-bulk-${randomUUID()}`;
  const env = { REDIS_URL: REDIS, BULK_EXPORT_CHUNK_KEYS: '20', BULK_EXPORT_BATCH: '5', BULK_EXPORT_WORKER_CONCURRENCY: '1', BULK_EXPORT_LOCK_SECONDS: '2' };

  beforeAll(async () => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run build\` first (npm test does)`);
    t = await startFhirTestApp({ env, create: (url) => generateDemoEhr(url, { patients: 30, seed: 5 }), bulkExport: { queuePrefix: prefix, workers: false } });
    const practices = (await t.ds.query('SELECT PRACTICE_ID FROM PRACTICE')).map((r: { PRACTICE_ID: number }) => r.PRACTICE_ID);
    a = new BulkClient(t.server, await t.mint({ scope: 'system/*.rs', practices, client_id: 'kill-exporter' }));
    store = await openFacadeStore(t.config.facadeDb);
  }, 120_000);
  afterAll(async () => {
    child?.kill('SIGKILL');
    await store?.close();
    await t?.close();
    await dropKeys(prefix);
  });

  it('resumes from the last completed chunk in another worker', async () => {
    const status = await a.kickOff('/fhir/$export?_type=Patient,Observation,Condition,Encounter,Immunization&includeAssociatedData=LatestProvenanceResources');
    const id = status.split('/').pop() as string;
    const legacy = t.config.legacyDb.kind === 'sqlite' ? t.config.legacyDb.path : '';
    const facade = t.config.facadeDb.kind === 'sqlite' ? t.config.facadeDb.path : '';
    child = spawn(process.execPath, [WORKER], {
      env: {
        ...process.env, ...env, LEGACY_DB_URL: `sqlite:${legacy}`, FACADE_DB_URL: `sqlite:${facade}`, DATA_DIR: t.dir,
        FHIR_PUBLIC_URL: 'http://fhir.test', AUTH_PUBLIC_URL: 'http://auth.test', LOG_LEVEL: 'error', BULK_EXPORT_QUEUE_PREFIX: prefix,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    let done = 0;
    for (let i = 0; i < 600 && done < 5; i++) {
      await new Promise((r) => setTimeout(r, 50));
      done = (await store.bulkExports.chunksOf(id)).filter((ch) => ch.status === 'done').length;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    expect({ done: done >= 5, stderr }).toEqual({ done: true, stderr: '' });
    const chunks = await store.bulkExports.chunksOf(id);
    const before = chunks.filter((ch) => ch.status === 'done');
    expect(before.length).toBeLessThan(chunks.length);
    expect((await store.bulkExports.get(id))?.status).toBe('running');

    const w2 = await openExportWorker(t.config, new JsonLogger('test-worker', 'error'), { queuePrefix: prefix, legacy: t.ds });
    try {
      const manifest = await a.poll(status, 120_000);
      const after = await store.bulkExports.chunksOf(id);
      for (const ch of before) expect(after.find((x) => x.chunkNo === ch.chunkNo)?.completedAt).toBe(ch.completedAt);
      expect(after.every((ch) => ch.status === 'done')).toBe(true);
      const exported = byType(await a.download(manifest));
      for (const type of ['Patient', 'Observation', 'Condition', 'Encounter', 'Immunization']) {
        const searched = byType(await a.searchAll(type)).get(type) ?? [];
        expect({ type, n: searched.length > 0, list: exported.get(type) ?? [] }).toEqual({ type, n: true, list: searched });
      }
      // No resource twice (a chunk retried after the kill overwrote its own file).
      const provenance = (exported.get('Provenance') ?? []).map((p) => p.id);
      expect(new Set(provenance).size).toBe(provenance.length);
    } finally {
      await w2.closeAll();
    }
  });
});
