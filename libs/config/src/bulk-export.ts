/** Settings of Bulk Data `$export` (BULK_EXPORT_* variables), validated with the rest of the configuration. */
import { envInt } from './env-int.js';

export interface BulkExportConfig {
  /** Hours a finished export's files stay downloadable before the cleanup deletes them (`BULK_EXPORT_EXPIRY_HOURS`). */
  expiryHours: number;
  /** Exports one client may have queued or running at once; more answer 429 (`BULK_EXPORT_PER_CLIENT`). */
  perClient: number;
  /** Exports queued or running across all clients; more answer 429 (`BULK_EXPORT_GLOBAL`). */
  global: number;
  /** Chunks a worker runs at once (`BULK_EXPORT_WORKER_CONCURRENCY`). */
  workerConcurrency: number;
  /** Legacy statements the export processor runs at once in one process (`BULK_EXPORT_MAX_STATEMENTS`). */
  maxStatements: number;
  /** Primary-key values per chunk (`BULK_EXPORT_CHUNK_KEYS`). */
  chunkKeys: number;
  /** Resources read per statement (`BULK_EXPORT_BATCH`). */
  batch: number;
  /** `Retry-After` seconds of a running export; polls faster than half of it answer 429 (`BULK_EXPORT_RETRY_AFTER_SECONDS`). */
  retryAfterSeconds: number;
  /** bullmq lock of a running chunk: a worker that dies has its chunk retried after this (`BULK_EXPORT_LOCK_SECONDS`). */
  lockSeconds: number;
  /** Run export workers inside the API process (`BULK_EXPORT_WORKERS=api`) or only in `npm run start:worker` (`none`). */
  workersInApi: boolean;
  /**
   * Where a process's exports run (`BULK_EXPORT_THREAD`): `on` (default) in one worker thread with its own bounded
   * heap beside the API's event loop; `off` on the process's main thread.
   */
  thread: boolean;
  /** Old-generation limit of the export thread in MiB; beyond it the thread dies and its chunk is retried (`BULK_EXPORT_THREAD_HEAP_MB`). */
  threadHeapMb: number;
  /** Young-generation limit of the export thread in MiB (`BULK_EXPORT_THREAD_YOUNG_MB`). */
  threadYoungMb: number;
}

/** Reads the BULK_EXPORT_* variables; problems are appended to `problems`. */
export function parseBulkExportConfig(env: NodeJS.ProcessEnv, problems: string[]): BulkExportConfig {
  const int = (name: string, fallback: number, min: number, max: number): number => envInt(env, name, fallback, min, max, problems);
  const workers = env.BULK_EXPORT_WORKERS || 'api';
  if (workers !== 'api' && workers !== 'none') problems.push(`BULK_EXPORT_WORKERS: "${workers}" must be api or none`);
  const thread = env.BULK_EXPORT_THREAD || 'on';
  if (thread !== 'on' && thread !== 'off') problems.push(`BULK_EXPORT_THREAD: "${thread}" must be on or off`);
  return {
    expiryHours: int('BULK_EXPORT_EXPIRY_HOURS', 24, 1, 24 * 30),
    perClient: int('BULK_EXPORT_PER_CLIENT', 2, 1, 100),
    global: int('BULK_EXPORT_GLOBAL', 8, 1, 1000),
    workerConcurrency: int('BULK_EXPORT_WORKER_CONCURRENCY', 2, 1, 64),
    maxStatements: int('BULK_EXPORT_MAX_STATEMENTS', 2, 1, 64),
    chunkKeys: int('BULK_EXPORT_CHUNK_KEYS', 50_000, 1, 10_000_000),
    batch: int('BULK_EXPORT_BATCH', 100, 1, 10_000),
    retryAfterSeconds: int('BULK_EXPORT_RETRY_AFTER_SECONDS', 2, 1, 60),
    lockSeconds: int('BULK_EXPORT_LOCK_SECONDS', 30, 1, 600),
    workersInApi: workers === 'api',
    thread: thread !== 'off',
    threadHeapMb: int('BULK_EXPORT_THREAD_HEAP_MB', 64, 32, 16_384),
    threadYoungMb: int('BULK_EXPORT_THREAD_YOUNG_MB', 16, 2, 1024),
  };
}
