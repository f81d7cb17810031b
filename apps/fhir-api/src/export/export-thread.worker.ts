/**
 * The export thread (started by `export-thread.ts`): opens its own legacy data source, registry, mapper context,
 * facade store connection and local storage from the configuration it is given, and runs the processor's `plan`
 * and `runChunk` calls one message each: `{ id, op, args }` -> `{ id, result, peak }` or `{ id, error, cancelled, peak }`
 * (`peak`: the most legacy statements run at once so far). `'close'` closes its connections and ends it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AppConfig } from '#facade/config';
import { openFacadeStore } from '#facade/facade-store';
import { JsonLogger } from '#facade/observability/src/logger.js';
import { createExportProcessor, openExportSources } from './export-assembly.js';
import { ExportCancelled } from './export-processor.js';
import type { ThreadAnswer, ThreadCall } from './export-thread.js';

const { config } = workerData as { config: AppConfig };
const port = parentPort!;
const SQLITE_CACHE_KB = 4000;

async function open() {
  const sources = await openExportSources(config, new JsonLogger('export-thread', config.logLevel));
  // An export reads each page of a key range once: a 4 MB page cache (better-sqlite3's default is 16 MB) still holds
  // the B-tree's interior pages, and is memory of this process.
  if (config.legacyDb.kind === 'sqlite') await sources.legacy.query(`PRAGMA cache_size = -${SQLITE_CACHE_KB}`);
  const store = await openFacadeStore(config.facadeDb, { poolSize: 2 });
  const processor = createExportProcessor({ config, ...sources, store: store.bulkExports });
  return {
    processor,
    async close() {
      await sources.close();
      await store.close();
    },
  };
}
const ready = open();
// A failed start is answered per call (below); it must not also end the thread as an unhandled rejection.
ready.catch(() => undefined);

port.on('message', (m: ThreadCall | 'close') => {
  if (m === 'close') {
    void ready.then((r) => r.close()).catch(() => undefined).finally(() => port.close());
    return;
  }
  void (async () => {
    let peak = 0;
    try {
      const { processor } = await ready;
      const result = m.op === 'plan' ? await processor.plan(m.args[0]) : await processor.runChunk(m.args[0], m.args[1] as number);
      peak = processor.limiter.peak;
      port.postMessage({ id: m.id, result, peak } satisfies ThreadAnswer);
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      port.postMessage({ id: m.id, error, cancelled: e instanceof ExportCancelled, peak } satisfies ThreadAnswer);
    }
  })();
});
