/**
 * The export machinery of one process: the facade store's job table, the processor, and the runner chosen by
 * the configuration (bullmq with `REDIS_URL`, else embedded). Used by the API (FhirModule) and by the worker
 * process (`worker.ts`), which runs workers without HTTP.
 */
import type { DataSource } from 'typeorm';
import type { AppConfig } from '#facade/config';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { JobQueues } from '#facade/jobs';
import type { MapperContext } from '#facade/mappers';
import type { ResourceRegistry } from '../engine/registry/resource-registry.js';
import type { SearchExecutor } from '../engine/search/search-executor.js';
import { ExportProcessor } from './export-processor.js';
import { BullmqExportRunner, EmbeddedExportRunner, type ExportRunner } from './export-runner.js';
import { LocalExportStorage, type ExportStorage } from './export-storage.js';
import { LegacyGroupMembers, type GroupMembers } from './group-members.js';
import { StatementLimiter } from './statement-limiter.js';

/** Test and deployment seams of the export runtime. */
export interface ExportRuntimeOptions {
  /** bullmq key prefix (tests: one per run). */
  queuePrefix?: string;
  /** Start workers in this process (default `BULK_EXPORT_WORKERS`). */
  workers?: boolean;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  storage?: ExportStorage;
  groups?: GroupMembers;
}

export class ExportRuntime {
  private constructor(
    readonly processor: ExportProcessor,
    readonly runner: ExportRunner,
    readonly groups: GroupMembers,
    private readonly queues: JobQueues | undefined,
    private readonly ownStore: FacadeStore | undefined,
  ) {}

  /** Opens the runtime (the facade store when the caller has none) and starts the runner. */
  static async open(
    deps: { config: AppConfig; registry: ResourceRegistry; engine: SearchExecutor; legacy: DataSource; ctx: MapperContext; store: FacadeStore | null },
    opts: ExportRuntimeOptions = {},
  ): Promise<ExportRuntime> {
    const { config } = deps;
    const ownStore = deps.store ? undefined : await openFacadeStore(config.facadeDb);
    const store = (deps.store ?? ownStore) as FacadeStore;
    const b = config.bulkExport;
    const groups = opts.groups ?? new LegacyGroupMembers();
    const processor = new ExportProcessor(
      deps.registry, deps.engine, deps.legacy, store.bulkExports, opts.storage ?? new LocalExportStorage(config.dataDir), new StatementLimiter(b.maxStatements), groups, deps.ctx,
      { chunkKeys: b.chunkKeys, batch: b.batch, expiryHours: b.expiryHours, timeZone: config.legacyTimeZone },
    );
    const workers = opts.workers ?? b.workersInApi;
    if (config.redisUrl) {
      const queues = new JobQueues(config.redisUrl, opts.queuePrefix ?? 'fhir-facade');
      const runner = new BullmqExportRunner(queues, processor, { workers, concurrency: b.workerConcurrency, lockDurationMs: opts.lockDurationMs, stalledIntervalMs: opts.stalledIntervalMs });
      return new ExportRuntime(processor, runner, groups, queues, ownStore);
    }
    const runner = new EmbeddedExportRunner(processor, workers);
    if (workers) await runner.resume();
    return new ExportRuntime(processor, runner, groups, undefined, ownStore);
  }

  async close(): Promise<void> {
    await this.runner.close();
    await this.queues?.close();
    await this.ownStore?.close();
  }
}
