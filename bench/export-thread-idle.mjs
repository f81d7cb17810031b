#!/usr/bin/env node
/**
 * What an idle export thread costs (issue 11): after `npm run build`,
 *
 *   node --expose-gc bench/export-thread-idle.mjs [--patients 10000]
 *
 * starts an ExportThread (apps/fhir-api/src/export/export-thread.ts) over the cached bench database, lets it open
 * everything (a plan call for an export that does not exist: modules, legacy data source, registry, mapper context,
 * facade store), and prints the process's RSS growth and the thread's heap; then closes it and prints the RSS again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { demoDatabase } from './lib/datasets.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: o } = parseArgs({ options: { patients: { type: 'string', default: '10000' } } });
const dist = (p) => import(pathToFileURL(join(ROOT, 'dist', p)).href);
const { loadConfig } = await dist('libs/config/src/index.js');
const { openFacadeStore } = await dist('libs/facade-store/src/index.js');
const { ExportThread } = await dist('apps/fhir-api/src/export/export-thread.js');
const mb = (b) => (b / 1048576).toFixed(1);
const settle = async () => {
  globalThis.gc?.();
  await new Promise((r) => setTimeout(r, 500));
};

const db = await demoDatabase({ root: ROOT, patients: Number(o.patients), log: console.log });
const dir = mkdtempSync(join(tmpdir(), 'export-thread-idle-'));
const config = loadConfig({ LEGACY_DB_URL: `sqlite:${db}`, FACADE_DB_URL: `sqlite:${join(dir, 'facade.sqlite')}`, DATA_DIR: dir, LOG_LEVEL: 'error' });
await (await openFacadeStore(config.facadeDb)).close(); // the store's tables exist, as in the API process
const keep = setInterval(() => undefined, 1000);
await settle();
const rss0 = process.memoryUsage().rss;
const thread = new ExportThread(config);
await thread.plan('00000000-0000-0000-0000-000000000000');
await settle();
const heap = await thread.heapStatistics();
console.log(`idle export thread: RSS +${mb(process.memoryUsage().rss - rss0)} MB (its heap ${mb(heap.used_heap_size)} MB in use, ${mb(heap.total_heap_size)} MB committed)`);
await thread.close();
await settle();
console.log(`after it ended: RSS +${mb(process.memoryUsage().rss - rss0)} MB over the process before it started`);
clearInterval(keep);
rmSync(dir, { recursive: true, force: true });
