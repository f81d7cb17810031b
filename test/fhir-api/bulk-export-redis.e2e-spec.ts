/**
 * Bulk Data `$export` on bullmq with a real Redis (a unique queue prefix per run): system and Group exports split
 * into many chunk jobs, the same resources as the embedded path and as search; a worker that dies mid-export (its
 * workers stop without releasing their locks, as a killed process) is resumed by another worker from the last
 * completed chunk; polling faster than Retry-After is a 429; the per-client limit is a 429.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { JsonLogger } from '#facade/observability';
import { seedClinic, type Clinic } from './support/clinic.js';
import { dropKeys, TEST_REDIS_URL } from './support/redis-keys.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';
import { BulkClient, byType, usCoreProblems } from './support/bulk-export-client.js';
import { ExportRuntime, openExportWorker } from '../../apps/fhir-api/src/export/export-runtime.js';
import { ExportThread } from '../../apps/fhir-api/src/export/export-thread.js';
import { LocalExportStorage } from '../../apps/fhir-api/src/export/export-storage.js';
import type { BullmqExportRunner } from '../../apps/fhir-api/src/export/export-runner.js';

const REDIS = TEST_REDIS_URL;

type R = Record<string, any>;
const idsOf = (rs: R[], type: string) => rs.filter((r) => r.resourceType === type).map((r) => r.id).sort();

describe('bulk $export on bullmq + Redis', () => {
  let t: FhirTestApp;
  let c: Clinic;
  let a: BulkClient;
  const prefix = `test-bulk-${randomUUID()}`;
  const env = { REDIS_URL: REDIS, BULK_EXPORT_CHUNK_KEYS: '1', BULK_EXPORT_BATCH: '2', BULK_EXPORT_WORKER_CONCURRENCY: '3', BULK_EXPORT_MAX_STATEMENTS: '2', BULK_EXPORT_PER_CLIENT: '2' };

  beforeAll(async () => {
    t = await startFhirTestApp({ env, bulkExport: { queuePrefix: prefix, lockDurationMs: 3000, stalledIntervalMs: 1000 } });
    c = await seedClinic(t.factory);
    a = new BulkClient(t.server, await t.mint({ scope: 'system/*.rs', practice: c.practiceA, client_id: 'redis-exporter' }));
  });
  afterAll(async () => {
    await t?.close();
    await dropKeys(prefix);
  });

  it('exports a practice in many chunk jobs (in the export thread): valid US Core, equal to search', async () => {
    const runtime = t.app.get(ExportRuntime);
    expect(runtime.work).toBeInstanceOf(ExportThread);
    const manifest = await a.poll(await a.kickOff('/fhir/$export'));
    expect((runtime.work as ExportThread).started).toBeGreaterThanOrEqual(1);
    expect(runtime.peakStatements()).toBeLessThanOrEqual(2);
    const exported = await a.download(manifest);
    expect(manifest.output.length).toBeGreaterThan(20);
    expect(idsOf(exported, 'Patient')).toEqual([String(c.amy), String(c.bob)].sort());
    expect(usCoreProblems(exported)).toEqual([]);
    for (const [type, list] of byType(exported)) {
      if (type === 'Provenance') continue;
      expect({ type, list }).toEqual({ type, list: byType(await a.searchAll(type)).get(type) ?? [] });
    }
  });

  it('exports a Group (PCP panel) with _type and _typeFilter', async () => {
    const manifest = await a.poll(await a.kickOff(`/fhir/Group/pcp-${c.provider}/$export?_type=Patient,Observation&_typeFilter=${encodeURIComponent('Observation?category=laboratory')}`));
    const exported = await a.download(manifest);
    expect(idsOf(exported, 'Patient')).toEqual([String(c.amy)]);
    expect(idsOf(exported, 'Observation')).toEqual([`lab-${c.amyLab}`, `lab-${c.amyLab2}`].sort());
  });
});

describe('bulk $export: a worker dying mid-export, 429s', () => {
  let t: FhirTestApp;
  let c: Clinic;
  let a: BulkClient;
  let store: FacadeStore;
  let token: string;
  const prefix = `test-bulk-${randomUUID()}`;
  const env = { REDIS_URL: REDIS, BULK_EXPORT_CHUNK_KEYS: '1', BULK_EXPORT_BATCH: '2', BULK_EXPORT_WORKER_CONCURRENCY: '1', BULK_EXPORT_PER_CLIENT: '1', BULK_EXPORT_RETRY_AFTER_SECONDS: '2' };
  const logger = new JsonLogger('test-worker', 'error');

  beforeAll(async () => {
    // The API process runs no workers: the work is done by the worker runtimes below (as `npm run start:worker`).
    t = await startFhirTestApp({ env, bulkExport: { queuePrefix: prefix, workers: false } });
    c = await seedClinic(t.factory);
    token = await t.mint({ scope: 'system/*.rs', practice: c.practiceA, client_id: 'crash-exporter' });
    a = new BulkClient(t.server, token);
    store = await openFacadeStore(t.config.facadeDb);
  });
  afterAll(async () => {
    await store?.close();
    await t?.close();
    await dropKeys(prefix);
  });

  it('answers 202 + X-Progress while queued, 429 when polled too fast, 429 beyond the per-client limit', async () => {
    const status = await a.kickOff('/fhir/$export?_type=Patient');
    const first = await a.get(status);
    expect(first.status).toBe(202);
    expect(first.headers['x-progress']).toMatch(/^0% complete/);
    expect(first.headers['retry-after']).toBe('2');
    const fast = await a.get(status);
    expect(fast.status).toBe(429);
    expect(fast.headers['retry-after']).toBe('2');
    const second = await a.get('/fhir/$export').set('Prefer', 'respond-async');
    expect(second.status).toBe(429);
    expect(second.body.issue[0].code).toBe('throttled');
    // DELETE frees the slot at once (Inferno kicks off and cancels back to back).
    await request(t.server as never).delete(status).set('Authorization', `Bearer ${token}`).expect(202);
    const next = await a.kickOff('/fhir/$export?_type=Patient');
    await request(t.server as never).delete(next).set('Authorization', `Bearer ${token}`).expect(202);
  });

  it('resumes from the last completed chunk when a worker dies', async () => {
    const status = await a.kickOff('/fhir/$export?_type=Patient,Observation,Condition,Encounter');
    const id = status.split('/').pop() as string;
    // Worker 1 dies while writing its 4th chunk: its storage never finishes the file, then its workers stop
    // without completing or releasing the job (the lock simply expires, as with SIGKILL).
    let puts = 0;
    const disk = new LocalExportStorage(t.config.dataDir);
    const dying = {
      put: (key: string, data: Readable) => (++puts >= 7 ? new Promise<number>(() => undefined) : disk.put(key, data)),
      get: (key: string) => disk.get(key),
      deletePrefix: (p: string) => disk.deletePrefix(p),
    };
    const w1 = await openExportWorker(t.config, logger, { queuePrefix: prefix, storage: dying, legacy: t.ds, lockDurationMs: 2000, stalledIntervalMs: 500 });
    for (let i = 0; i < 200 && puts < 7; i++) await new Promise((r) => setTimeout(r, 50));
    expect(puts).toBeGreaterThanOrEqual(7);
    const before = (await store.bulkExports.chunksOf(id)).filter((ch) => ch.status === 'done');
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(before.length).toBeLessThan((await store.bulkExports.chunksOf(id)).length);
    for (const w of (w1.runner as BullmqExportRunner).workers) await w.close(true);

    const w2 = await openExportWorker(t.config, logger, { queuePrefix: prefix, legacy: t.ds, lockDurationMs: 2000, stalledIntervalMs: 500 });
    try {
      const manifest = await a.poll(status, 60_000);
      const exported = await a.download(manifest);
      // Completed chunks were not run again; the export is whole and equal to search.
      const after = await store.bulkExports.chunksOf(id);
      for (const done of before) expect(after.find((ch) => ch.chunkNo === done.chunkNo)?.completedAt).toBe(done.completedAt);
      for (const type of ['Patient', 'Observation', 'Condition', 'Encounter']) {
        expect({ type, list: byType(exported).get(type) ?? [] }).toEqual({ type, list: byType(await a.searchAll(type)).get(type) ?? [] });
      }
      expect(usCoreProblems(exported)).toEqual([]);
    } finally {
      await w2.closeAll();
      await (w1 as unknown as { queues?: { close(): Promise<void> } }).queues?.close().catch(() => undefined);
    }
  });
});
