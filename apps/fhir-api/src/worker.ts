/**
 * The Bulk Data export worker process (`npm run start:worker`): bullmq workers of `$export` chunks, no HTTP.
 * Run as many as the EHR database tolerates (each runs BULK_EXPORT_WORKER_CONCURRENCY chunks and at most
 * BULK_EXPORT_MAX_STATEMENTS legacy statements at once); set BULK_EXPORT_WORKERS=none on the API processes to keep
 * the work here. Needs REDIS_URL and the same LEGACY_DB_URL, FACADE_DB_URL and DATA_DIR (or shared storage) as the API.
 */
import '#facade/config/src/require-supported-node.js'; // first: refuses an unsupported Node before any dependency loads
import { ConfigError, loadConfig } from '#facade/config';
import { JsonLogger } from '#facade/observability';
import { openExportWorker } from './export/export-runtime.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const logger = new JsonLogger('export-worker', config.logLevel);
  const worker = await openExportWorker(config, logger, { queuePrefix: process.env.BULK_EXPORT_QUEUE_PREFIX || undefined });
  logger.info('export_worker_started', { concurrency: config.bulkExport.workerConcurrency, maxStatements: config.bulkExport.maxStatements });
  const stop = (signal: string) => {
    logger.info('shutdown', { signal });
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    worker.closeAll().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`export worker failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
