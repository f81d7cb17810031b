/**
 * Issue 12 faults: Redis goes away in the middle of a bulk `$export` on bullmq, and the export resumes when it
 * returns, without a restart of the API or the worker, whole and equal to search. Redis is reached through a TCP
 * proxy the test stops (connections refused, open ones cut): the machine's shared Redis is never stopped.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { JsonLogger } from '#facade/observability';
import { seedClinic, type Clinic } from './support/clinic.js';
import { dropKeys, TEST_REDIS_URL } from './support/redis-keys.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';
import { BulkClient, byType, usCoreProblems } from './support/bulk-export-client.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { openExportWorker } from '../../apps/fhir-api/src/export/export-runtime.js';
import { LocalExportStorage } from '../../apps/fhir-api/src/export/export-storage.js';

const REDIS = new URL(TEST_REDIS_URL);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('bulk $export: Redis unreachable mid-export', () => {
  const proxy = new TcpProxy(REDIS.hostname, Number(REDIS.port || 6379));
  const prefix = `test-bulk-outage-${randomUUID()}`;
  const logger = new JsonLogger('test-worker', 'error');
  let t: FhirTestApp;
  let c: Clinic;
  let a: BulkClient;
  let store: FacadeStore;

  beforeAll(async () => {
    await proxy.start();
    const env = { REDIS_URL: `redis://127.0.0.1:${proxy.port}`, BULK_EXPORT_CHUNK_KEYS: '1', BULK_EXPORT_BATCH: '2', BULK_EXPORT_WORKER_CONCURRENCY: '1', BULK_EXPORT_RETRY_AFTER_SECONDS: '1' };
    // The API runs no workers: the worker runtime below does the work (as `npm run start:worker`), through the proxy too.
    t = await startFhirTestApp({ env, bulkExport: { queuePrefix: prefix, workers: false } });
    c = await seedClinic(t.factory);
    a = new BulkClient(t.server, await t.mint({ scope: 'system/*.rs', practice: c.practiceA, client_id: 'outage-exporter' }));
    store = await openFacadeStore(t.config.facadeDb);
  }, 60_000);
  afterAll(async () => {
    await proxy.start().catch(() => undefined);
    await store?.close();
    await t?.close();
    await proxy.stop();
    await dropKeys(prefix);
  });

  it('stops while Redis is away and finishes when it returns: no restart, no chunk lost or repeated', async () => {
    const status = await a.kickOff('/fhir/$export?_type=Patient,Observation,Condition,Encounter');
    const id = status.split('/').pop() as string;
    // A slow disk (150 ms a file), so the export is still running when Redis goes away.
    const disk = new LocalExportStorage(t.config.dataDir);
    const slow = {
      put: async (key: string, data: Readable) => (await sleep(150), disk.put(key, data)),
      get: (key: string) => disk.get(key),
      deletePrefix: (p: string) => disk.deletePrefix(p),
    };
    const worker = await openExportWorker(t.config, logger, { queuePrefix: prefix, storage: slow, legacy: t.ds, lockDurationMs: 3000, stalledIntervalMs: 1000 });
    try {
      const done = async () => (await store.bulkExports.chunksOf(id)).filter((ch) => ch.status === 'done');
      for (let i = 0; i < 200 && (await done()).length < 2; i++) await sleep(25);
      const total = (await store.bulkExports.chunksOf(id)).length;
      expect((await done()).length).toBeGreaterThanOrEqual(2);
      expect((await done()).length).toBeLessThan(total);

      await proxy.stop();
      await sleep(1500); // a chunk in flight may finish; nothing new starts without Redis
      const before = await done();
      const during = before.length;
      await sleep(2500);
      expect((await done()).length).toBe(during);
      expect(during).toBeLessThan(total);
      // The status is served from the facade store: the client keeps polling (202), the API did not fail.
      const polled = await a.get(status).set('Accept', 'application/json');
      expect([202, 429]).toContain(polled.status);

      await proxy.start();
      const manifest = await a.poll(status, 90_000);
      const exported = await a.download(manifest);
      const chunks = await store.bulkExports.chunksOf(id);
      expect(chunks.every((ch) => ch.status === 'done')).toBe(true);
      // Chunks completed before the outage were not run again.
      for (const ch of before) expect(chunks.find((x) => x.chunkNo === ch.chunkNo)?.completedAt).toBe(ch.completedAt);
      for (const type of ['Patient', 'Observation', 'Condition', 'Encounter']) {
        expect({ type, list: byType(exported).get(type) ?? [] }).toEqual({ type, list: byType(await a.searchAll(type)).get(type) ?? [] });
      }
      expect(usCoreProblems(exported)).toEqual([]);
    } finally {
      await proxy.start().catch(() => undefined);
      await worker.closeAll();
    }
  }, 150_000);
});
