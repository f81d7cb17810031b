/**
 * The export machinery of one process: the facade store's job table, the processor, and the runner chosen by
 * the configuration (bullmq with `REDIS_URL`, else embedded). Used by the API (FhirModule) and by the worker
 * process (`worker.ts`), which runs workers without HTTP.
 */
import type { DataSource } from 'typeorm';
import type { AppConfig } from '#facade/config';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { JobQueues } from '#facade/jobs';
import { createLegacyDataSource } from '#facade/legacy-db';
import type { MapperContext } from '#facade/mappers';
import type { JsonLogger } from '#facade/observability';
import { ResourceRegistry } from '../engine/registry/resource-registry.js';
import { SearchExecutor } from '../engine/search/search-executor.js';
import { FhirBases } from '../fhir-bases.js';
import { resourceDefinitions } from '../resources/index.js';
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
    const engine = new SearchExecutor(deps.legacy, config.legacyTimeZone, 0);
    const processor = new ExportProcessor(
      deps.registry, engine, deps.legacy, store.bulkExports, opts.storage ?? new LocalExportStorage(config.dataDir), new StatementLimiter(b.maxStatements), groups, deps.ctx,
      { chunkKeys: b.chunkKeys, batch: b.batch, expiryHours: b.expiryHours, timeZone: config.legacyTimeZone },
    );
    const workers = opts.workers ?? b.workersInApi;
    if (config.redisUrl) {
      const queues = new JobQueues(config.redisUrl, opts.queuePrefix ?? 'fhir-facade');
      const lock = opts.lockDurationMs ?? b.lockSeconds * 1000;
      const runner = new BullmqExportRunner(queues, processor, { workers, concurrency: b.workerConcurrency, lockDurationMs: lock, stalledIntervalMs: opts.stalledIntervalMs ?? Math.max(500, Math.floor(lock / 2)) });
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

/**
 * A worker process's runtime (`npm run start:worker`): the legacy data source, the registry, the engine and the
 * `/fhir` mapper context of this configuration, with bullmq workers and no HTTP server. Needs `REDIS_URL`.
 */
export async function openExportWorker(config: AppConfig, logger: JsonLogger, opts: ExportRuntimeOptions & { legacy?: DataSource } = {}): Promise<ExportRuntime & { closeAll(): Promise<void> }> {
  if (!config.redisUrl) throw new Error('A separate export worker needs REDIS_URL (without Redis, exports run inside the API process)');
  const legacy = opts.legacy ?? createLegacyDataSource(config.legacyDb, Math.max(2, config.bulkExport.maxStatements + 1));
  if (!legacy.isInitialized) await legacy.initialize();
  const registry = new ResourceRegistry(resourceDefinitions({ mrnSystem: config.mrnSystem, ssnSystem: config.ssnSystem }));
  const ctx = new FhirBases(config, registry, logger).fhir.ctx;
  const runtime = await ExportRuntime.open({ config, registry, legacy, ctx, store: null }, { ...opts, workers: true });
  return Object.assign(runtime, {
    async closeAll() {
      await runtime.close();
      if (!opts.legacy && legacy.isInitialized) await legacy.destroy();
    },
  });
}
