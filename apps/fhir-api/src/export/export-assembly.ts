/**
 * How an export processor is put together, the same wherever it runs: the API process's main thread, the export
 * thread (`export-thread.worker.ts`) or a worker process. `openExportSources` opens what a process (or thread)
 * without the Nest module needs: its own legacy data source, the registry and the `/fhir` mapper context.
 */
import type { DataSource } from 'typeorm';
import type { AppConfig } from '#facade/config';
import type { BulkExportRepository } from '#facade/facade-store';
import { createLegacyDataSource } from '#facade/legacy-db';
import type { MapperContext } from '#facade/mappers';
import type { JsonLogger } from '#facade/observability/src/logger.js';
import { baseMapperContext } from '../base-mapper-context.js';
import { ResourceRegistry } from '../engine/registry/resource-registry.js';
import { SearchExecutor } from '../engine/search/search-executor.js';
import { resourceDefinitions } from '../resources/index.js';
import { ExportProcessor } from './export-processor.js';
import { LocalExportStorage, type ExportStorage } from './export-storage.js';
import { LegacyGroupMembers, type GroupMembers } from './group-members.js';
import { StatementLimiter } from './statement-limiter.js';

export interface ExportProcessorDeps {
  config: AppConfig;
  registry: ResourceRegistry;
  legacy: DataSource;
  ctx: MapperContext;
  store: BulkExportRepository;
  storage?: ExportStorage;
  groups?: GroupMembers;
}

/** The processor over its own engine, without the mapped-resource cache (an export reads each row once). */
export function createExportProcessor(deps: ExportProcessorDeps): ExportProcessor {
  const { config } = deps;
  const b = config.bulkExport;
  const engine = new SearchExecutor(deps.legacy, config.legacyTimeZone, 0);
  return new ExportProcessor(
    deps.registry, engine, deps.legacy, deps.store, deps.storage ?? new LocalExportStorage(config.dataDir), new StatementLimiter(b.maxStatements),
    deps.groups ?? new LegacyGroupMembers(), deps.ctx,
    { chunkKeys: b.chunkKeys, batch: b.batch, expiryHours: b.expiryHours, timeZone: config.legacyTimeZone },
  );
}

/** The legacy data source (opened here unless given), registry and mapper context of a configuration. */
export async function openExportSources(config: AppConfig, logger: JsonLogger, given?: DataSource): Promise<{ legacy: DataSource; registry: ResourceRegistry; ctx: MapperContext; close(): Promise<void> }> {
  const legacy = given ?? createLegacyDataSource(config.legacyDb, Math.max(2, config.bulkExport.maxStatements + 1));
  if (!legacy.isInitialized) await legacy.initialize();
  const registry = new ResourceRegistry(resourceDefinitions({ mrnSystem: config.mrnSystem, ssnSystem: config.ssnSystem }));
  const ctx = baseMapperContext(config, 'fhir', logger);
  return {
    legacy,
    registry,
    ctx,
    async close() {
      if (!given && legacy.isInitialized) await legacy.destroy();
    },
  };
}
