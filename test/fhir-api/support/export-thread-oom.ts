/**
 * Child process of bulk-export-thread.e2e-spec.ts (run with the TypeScript hooks and without NODE_OPTIONS: a
 * `--max-old-space-size` there would override a thread's heap limit): runs a queued export with the embedded runner
 * over an export thread whose heap limit is below what the export code needs, and prints what happened as JSON.
 * Arguments: the configuration (JSON) and the export id.
 */
import type { AppConfig } from '#facade/config';
import { openFacadeStore } from '#facade/facade-store';
import { JsonLogger } from '#facade/observability';
import { createExportProcessor, openExportSources } from '../../../apps/fhir-api/src/export/export-assembly.js';
import { EmbeddedExportRunner } from '../../../apps/fhir-api/src/export/export-runner.js';
import { ExportThread } from '../../../apps/fhir-api/src/export/export-thread.js';

const config = JSON.parse(process.argv[2]) as AppConfig;
const id = process.argv[3];
const store = await openFacadeStore(config.facadeDb);
const sources = await openExportSources(config, new JsonLogger('oom-test', 'error'));
const processor = createExportProcessor({ config, ...sources, store: store.bulkExports });
const thread = new ExportThread(config, { heapMb: 16, youngMb: 2 });
let planError: string | undefined;
await thread.plan(id).catch((e: Error) => {
  planError = e.message;
});
const runner = new EmbeddedExportRunner(processor, thread);
await runner.start(id);
await runner.idle();
await runner.close();
const row = await store.bulkExports.get(id);
process.stdout.write(`${JSON.stringify({ planError, started: thread.started, status: row?.status, error: row?.error })}\n`);
await thread.close();
await sources.close();
await store.close();
