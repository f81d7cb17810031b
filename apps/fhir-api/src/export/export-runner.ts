/**
 * Who runs exports. Both runners hand planning and chunks to the same {@link ExportWork} (the export thread by
 * default, or the {@link ExportProcessor} itself on the main thread) and keep the job state through the processor's
 * store, so either resumes an export after a restart or a crash.
 * - {@link EmbeddedExportRunner} (no `REDIS_URL`): in this process, one export at a time, chunk after chunk; a chunk
 *   that fails (its thread died, a statement failed) is tried again up to {@link ATTEMPTS} times before the export
 *   fails; exports left queued or running by a previous process are resumed on start.
 * - {@link BullmqExportRunner} (`REDIS_URL`): a `bulk-export` job per export plans it and adds one
 *   `bulk-export-chunk` job per chunk (job id `<export>-<chunk>`, so a re-plan never duplicates work); workers
 *   (in the API process by default, or `npm run start:worker`) run chunks concurrently (`BULK_EXPORT_WORKER_CONCURRENCY`
 *   per process); a worker that dies leaves its chunk's lock to expire, bullmq re-queues the stalled job and the
 *   chunk runs again (its files are overwritten; chunks recorded done are skipped); a chunk that fails (e.g. its
 *   export thread ran out of memory) is retried by bullmq ({@link ATTEMPTS}). The last chunk completes the export.
 * Both run the cleanup of expired and cancelled exports every minute.
 */
import type { Job, Worker } from 'bullmq';
import type { JobQueues } from '#facade/jobs';
import { ExportCancelled, type ExportProcessor } from './export-processor.js';
import type { ExportWork } from './export-thread.js';

/** Starts exports. */
export interface ExportRunner {
  /** Queues an export created in the store. */
  start(id: string): Promise<void>;
  /** A cancelled export: frees its work (queued chunk jobs). */
  cancelled(id: string): Promise<void>;
  close(): Promise<void>;
}

const CLEANUP_MS = 60_000;
/** Tries of a plan or a chunk before its export fails (both runners). */
export const ATTEMPTS = 3;
const RETRY_DELAY_MS = 1000;

/** Runs `work`, again after a failure (not after a cancellation) up to {@link ATTEMPTS} times. */
async function attempt<T>(work: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (e) {
      if (e instanceof ExportCancelled || i >= ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
    }
  }
}

function cleanupTimer(processor: ExportProcessor): NodeJS.Timeout {
  const t = setInterval(() => void processor.cleanup().catch(() => undefined), CLEANUP_MS);
  t.unref();
  return t;
}

/** In-process runner: one export at a time. */
export class EmbeddedExportRunner implements ExportRunner {
  private queue: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  /** @param run false: exports stay queued (a process that only serves HTTP; tests of the queued state). */
  constructor(private readonly processor: ExportProcessor, private readonly work: ExportWork, private readonly run = true) {
    this.timer = cleanupTimer(processor);
  }

  /** Resumes exports a previous process left unfinished. */
  async resume(): Promise<void> {
    for (const row of await this.processor.store.unfinished()) await this.start(row.id);
  }

  async start(id: string): Promise<void> {
    if (!this.run) return;
    this.queue = this.queue.then(() => (this.closed ? undefined : this.runAll(id)));
  }

  /**
   * The whole export, chunk after chunk (also resumes a half-done export: chunks recorded done are skipped). After
   * `close` it stops between chunks: the export stays running in the store and the next process resumes it.
   */
  private async runAll(id: string): Promise<void> {
    try {
      for (const chunkNo of await attempt(() => this.work.plan(id))) {
        if (this.closed) return;
        await attempt(() => this.work.runChunk(id, chunkNo));
      }
      await this.processor.finish(id);
    } catch (e) {
      if (!(e instanceof ExportCancelled)) await this.processor.fail(id, e).catch(() => undefined);
    }
  }

  async cancelled(): Promise<void> {
    // The running chunk notices the cancellation itself (it checks the store between batches).
  }

  /** Resolves when every queued export has run (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Stops after the running chunk (the export is resumed by the next process). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.queue;
  }
}

/** bullmq settings of the workers (tests shorten the stalled-job detection). */
export interface BullmqRunnerOptions {
  /** Start workers in this process. */
  workers: boolean;
  concurrency: number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

type PlanData = { id: string };
type ChunkData = { id: string; chunk: number };

export const PLAN_QUEUE = 'bulk-export';
export const CHUNK_QUEUE = 'bulk-export-chunk';

/** Runner on bullmq queues. */
export class BullmqExportRunner implements ExportRunner {
  private readonly timer?: NodeJS.Timeout;
  readonly workers: Worker[] = [];

  constructor(private readonly queues: JobQueues, private readonly processor: ExportProcessor, private readonly work: ExportWork, opts: BullmqRunnerOptions) {
    if (!opts.workers) return;
    const stalled = { lockDuration: opts.lockDurationMs, stalledInterval: opts.stalledIntervalMs, maxStalledCount: 5 };
    const clean = Object.fromEntries(Object.entries(stalled).filter(([, v]) => v !== undefined));
    this.workers.push(queues.work<PlanData>(PLAN_QUEUE, (job) => this.plan(job), 1, clean) as unknown as Worker);
    const chunks = queues.work<ChunkData>(CHUNK_QUEUE, (job) => this.chunk(job), opts.concurrency, clean);
    chunks.on('failed', (job, err) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) void this.processor.fail(job.data.id, err).catch(() => undefined);
    });
    this.workers.push(chunks as unknown as Worker);
    this.timer = cleanupTimer(processor);
  }

  async start(id: string): Promise<void> {
    await this.queues.queue<PlanData>(PLAN_QUEUE, 'Bulk Data export').add('plan', { id }, { jobId: id, attempts: ATTEMPTS, removeOnComplete: true, removeOnFail: 1000 });
  }

  private async plan(job: Job<PlanData>): Promise<void> {
    const { id } = job.data;
    const pending = await this.work.plan(id);
    if (pending.length === 0) {
      await this.processor.finish(id);
      return;
    }
    await this.queues.queue<ChunkData>(CHUNK_QUEUE).addBulk(
      pending.map((chunk) => ({ name: 'chunk', data: { id, chunk }, opts: { jobId: `${id}-${chunk}`, attempts: ATTEMPTS, backoff: { type: 'fixed', delay: RETRY_DELAY_MS }, removeOnComplete: true, removeOnFail: 1000 } })),
    );
  }

  private async chunk(job: Job<ChunkData>): Promise<void> {
    const { id, chunk } = job.data;
    try {
      await this.work.runChunk(id, chunk);
    } catch (e) {
      if (e instanceof ExportCancelled) return;
      throw e;
    }
    await this.processor.finish(id);
  }

  async cancelled(id: string): Promise<void> {
    // Queued chunk jobs of a cancelled export find it cancelled and return at once; drop what is still waiting.
    const queue = this.queues.queue<ChunkData>(CHUNK_QUEUE);
    const waiting = await queue.getJobs(['waiting', 'delayed', 'prioritized'], 0, 10_000);
    await Promise.all(waiting.filter((j) => j?.data.id === id).map((j) => j.remove().catch(() => undefined)));
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
