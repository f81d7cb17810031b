/**
 * The export machinery of one process: the facade store's job table, the processor, where the export work runs
 * (the export thread by default, `export-thread.ts`), and the runner chosen by the configuration (bullmq with
 * `REDIS_URL`, else embedded). Used by the API (FhirModule) and by the worker process (`worker.ts`), which runs
 * workers without HTTP.
 */
import type { DataSource } from 'typeorm';
import type { AppConfig } from '#facade/config';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { JobQueues } from '#facade/jobs';
import type { MapperContext } from '#facade/mappers';
import type { JsonLogger } from '#facade/observability';
import type { ResourceRegistry } from '../engine/registry/resource-registry.js';
import { createExportProcessor, openExportSources } from './export-assembly.js';
import type { ExportProcessor } from './export-processor.js';
import { BullmqExportRunner, EmbeddedExportRunner, type ExportRunner } from './export-runner.js';
import type { ExportStorage } from './export-storage.js';
import { ExportThread, type ExportWork } from './export-thread.js';
import { LegacyGroupMembers, type GroupMembers } from './group-members.js';

/** Test and deployment seams of the export runtime. */
export interface ExportRuntimeOptions {
  /** bullmq key prefix (tests: one per run). */
  queuePrefix?: string;
  /** Start workers in this process (default `BULK_EXPORT_WORKERS`). */
  workers?: boolean;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /**
   * Custom storage or groups (objects of this thread: tests) run the export work on the main thread, as
   * `BULK_EXPORT_THREAD=off` does; otherwise it runs in the export thread, which opens its own from the configuration.
   */
  storage?: ExportStorage;
  groups?: GroupMembers;
}

export class ExportRuntime {
  private constructor(
    readonly processor: ExportProcessor,
    /** Where plans and chunks run: the export thread, or the processor itself. */
    readonly work: ExportWork,
    readonly runner: ExportRunner,
    readonly groups: GroupMembers,
    private readonly queues: JobQueues | undefined,
    private readonly ownStore: FacadeStore | undefined,
  ) {}

  /** Opens the runtime (the facade store when the caller has none) and starts the runner. */
  static async open(
    deps: { config: AppConfig; registry: ResourceRegistry; legacy: DataSource; ctx: MapperContext; store: FacadeStore | null },
    opts: ExportRuntimeOptions = {},
  ): Promise<ExportRuntime> {
    const { config } = deps;
    const ownStore = deps.store ? undefined : await openFacadeStore(config.facadeDb);
    const store = (deps.store ?? ownStore) as FacadeStore;
    const b = config.bulkExport;
    const groups = opts.groups ?? new LegacyGroupMembers();
    // Its own engine over the same registry and data source, without the mapped-resource cache: an export reads each
    // row once, and must neither evict the API's working set nor grow the process by the cache's bound.
    const processor = createExportProcessor({ ...deps, store: store.bulkExports, storage: opts.storage, groups });
    const threaded = b.thread && !opts.storage && !opts.groups;
    const work: ExportWork = threaded ? new ExportThread(config) : processor;
    const workers = opts.workers ?? b.workersInApi;
    if (config.redisUrl) {
      const queues = new JobQueues(config.redisUrl, opts.queuePrefix ?? 'fhir-facade');
      const lock = opts.lockDurationMs ?? b.lockSeconds * 1000;
      const runner = new BullmqExportRunner(queues, processor, work, { workers, concurrency: b.workerConcurrency, lockDurationMs: lock, stalledIntervalMs: opts.stalledIntervalMs ?? Math.max(500, Math.floor(lock / 2)) });
      return new ExportRuntime(processor, work, runner, groups, queues, ownStore);
    }
    const runner = new EmbeddedExportRunner(processor, work, workers);
    if (workers) await runner.resume();
    return new ExportRuntime(processor, work, runner, groups, undefined, ownStore);
  }

  /** The most legacy statements the export work ran at once (BULK_EXPORT_MAX_STATEMENTS bounds it). */
  peakStatements(): number {
    return this.work instanceof ExportThread ? this.work.peakStatements : this.processor.limiter.peak;
  }

  async close(): Promise<void> {
    await this.runner.close();
    if (this.work instanceof ExportThread) await this.work.close();
    await this.queues?.close();
    await this.ownStore?.close();
  }
}

/**
 * A worker process's runtime (`npm run start:worker`): the legacy data source, the registry and the `/fhir` mapper
 * context of this configuration, with bullmq workers and no HTTP server. Needs `REDIS_URL`.
 */
export async function openExportWorker(config: AppConfig, logger: JsonLogger, opts: ExportRuntimeOptions & { legacy?: DataSource } = {}): Promise<ExportRuntime & { closeAll(): Promise<void> }> {
  if (!config.redisUrl) throw new Error('A separate export worker needs REDIS_URL (without Redis, exports run inside the API process)');
  const sources = await openExportSources(config, logger, opts.legacy);
  const runtime = await ExportRuntime.open({ config, registry: sources.registry, legacy: sources.legacy, ctx: sources.ctx, store: null }, { ...opts, workers: true });
  return Object.assign(runtime, {
    async closeAll() {
      await runtime.close();
      await sources.close();
    },
  });
}
