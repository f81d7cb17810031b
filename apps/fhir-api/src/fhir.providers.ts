/**
 * Factories of FhirModule's providers that open or start something: the legacy data source, the facade store,
 * the token verifier, the engine and service; and the one place that closes them when the app shuts down.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '#facade/config';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { createLegacyDataSource } from '#facade/legacy-db';
import { JsonLogger, Telemetry } from '#facade/observability';
import { AccessTokenVerifier } from '#facade/security';
import { ResourceRegistry } from './engine/registry/resource-registry.js';
import { SearchExecutor } from './engine/search/search-executor.js';
import { learnSqlCapabilities } from './engine/sql/dialect.js';
import type { FhirAppOptions } from './fhir-app.options.js';
import { FhirBases } from './fhir-bases.js';
import { AUDIT_TRAIL, FACADE_STORE, FHIR_APP_OPTIONS, FHIR_CONFIG, LEGACY_DATA_SOURCE, READINESS_PROBES } from './fhir-api.tokens.js';
import { AuditTrail } from './audit/audit-trail.js';
import { resourceDefinitions } from './resources/index.js';
import { FhirService } from './service/fhir.service.js';
import { FhirWriteService } from './write/fhir-write.service.js';
import { WriteExecutor } from './write/write-statements.js';
import { writeActorSink } from './write/write-audit.js';
import { guardLegacyDataSource } from './protect/guarded-data-source.js';
import { withinMs } from './protect/probe-timeout.js';
import { LEGACY_STATEMENT_GATE } from './protect/protect.tokens.js';
import type { StatementGate } from './protect/statement-gate.js';
import { ExportRuntime } from './export/export-runtime.js';
import { BulkExportService } from './export/bulk-export.service.js';

/** Longest a readiness check waits for a database's `SELECT 1`. */
const PROBE_TIMEOUT_MS = 2000;

/** The legacy DataSource (with statement timeouts and a bounded pool), every statement behind the gate. */
async function legacyDataSource(config: AppConfig, options: FhirAppOptions, gate: StatementGate): Promise<DataSource> {
  const ds = guardLegacyDataSource(await openLegacyDataSource(config, options), gate);
  // SQL Server: its major version, once, before the engine compiles a statement (2016 has no ordered STRING_AGG).
  await learnSqlCapabilities(ds);
  return ds;
}

async function openLegacyDataSource(config: AppConfig, options: FhirAppOptions): Promise<DataSource> {
  if (options.legacyDataSource) {
    if (!options.legacyDataSource.isInitialized) await options.legacyDataSource.initialize();
    return options.legacyDataSource;
  }
  // better-sqlite3 would silently create a missing file: the facade never creates a customer database.
  if (config.legacyDb.kind === 'sqlite' && config.legacyDb.path !== ':memory:' && !existsSync(config.legacyDb.path)) {
    throw new Error(`The legacy database ${config.legacyDb.path} does not exist (the facade never creates it; the demo launcher or demo:generate does)`);
  }
  const ds = createLegacyDataSource(config.legacyDb, undefined, config.protection.legacyDb);
  await ds.initialize();
  return ds;
}

/** The OpenTelemetry `db.system.name` of the legacy database. */
function dbSystemOf(ds: DataSource): string {
  const type = ds.options.type;
  return type === 'better-sqlite3' ? 'sqlite' : type === 'postgres' ? 'postgresql' : type === 'mssql' ? 'microsoft.sql_server' : type;
}

function verifier(config: AppConfig, options: FhirAppOptions, store: FacadeStore | null): AccessTokenVerifier {
  const v = new AccessTokenVerifier({
    issuer: config.authPublicUrl,
    keys: options.tokenKeys,
    revocations: options.revocations ?? store?.revocations,
    pollMs: options.revocationPollMs,
    maxStaleMs: options.revocationMaxStaleMs,
  });
  v.start();
  return v;
}

/** The providers of the engine and its collaborators (see FhirModule). */
export function fhirProviders(config: AppConfig, options: FhirAppOptions, logger: JsonLogger): Provider[] {
  return [
    { provide: FHIR_CONFIG, useValue: config },
    { provide: FHIR_APP_OPTIONS, useValue: options },
    { provide: JsonLogger, useValue: logger },
    { provide: Telemetry, useValue: options.telemetry },
    { provide: LEGACY_DATA_SOURCE, useFactory: legacyDataSource, inject: [FHIR_CONFIG, FHIR_APP_OPTIONS, LEGACY_STATEMENT_GATE] },
    {
      provide: FACADE_STORE,
      // The facade store holds the revocations unless the caller brings its own feed (or none).
      useFactory: (c: AppConfig, o: FhirAppOptions) => (o.revocations === undefined ? openFacadeStore(c.facadeDb) : null),
      inject: [FHIR_CONFIG, FHIR_APP_OPTIONS],
    },
    {
      provide: AUDIT_TRAIL,
      // The PHI access trail lives in the facade store (its own connection when the module opened none).
      useFactory: async (store: FacadeStore | null, c: AppConfig, o: FhirAppOptions, l: JsonLogger, t: Telemetry) => {
        const trail = await AuditTrail.open(store, c.facadeDb, l, o.auditRetentionDays, t.auditWriter());
        trail.startRetention();
        return trail;
      },
      inject: [FACADE_STORE, FHIR_CONFIG, FHIR_APP_OPTIONS, JsonLogger, Telemetry],
    },
    { provide: AccessTokenVerifier, useFactory: verifier, inject: [FHIR_CONFIG, FHIR_APP_OPTIONS, FACADE_STORE] },
    {
      provide: ResourceRegistry,
      useFactory: (c: AppConfig) => new ResourceRegistry(resourceDefinitions({ mrnSystem: c.mrnSystem, ssnSystem: c.ssnSystem })),
      inject: [FHIR_CONFIG],
    },
    {
      provide: SearchExecutor,
      useFactory: (ds: DataSource, c: AppConfig, t: Telemetry) => new SearchExecutor(ds, c.legacyTimeZone, c.resourceCacheMb * 1024 * 1024, t.engineObserver(dbSystemOf(ds))),
      inject: [LEGACY_DATA_SOURCE, FHIR_CONFIG, Telemetry],
    },
    {
      provide: FhirService,
      useFactory: (registry: ResourceRegistry, engine: SearchExecutor, c: AppConfig, o: FhirAppOptions) =>
        new FhirService(registry, engine, c.legacyTimeZone, o.cursorKey ?? randomBytes(32).toString('base64url')),
      inject: [ResourceRegistry, SearchExecutor, FHIR_CONFIG, FHIR_APP_OPTIONS],
    },
    {
      provide: FhirWriteService,
      useFactory: (registry: ResourceRegistry, engine: SearchExecutor, ds: DataSource, c: AppConfig, o: FhirAppOptions, l: JsonLogger, t: Telemetry, store: FacadeStore | null) =>
        new FhirWriteService(registry, engine, new WriteExecutor(ds, t.engineObserver(dbSystemOf(ds))), c.legacyTimeZone, o.writeServiceUser ?? null, writeActorSink(l, o.writeAudit !== undefined ? o.writeAudit : (store?.audit ?? null))),
      inject: [ResourceRegistry, SearchExecutor, LEGACY_DATA_SOURCE, FHIR_CONFIG, FHIR_APP_OPTIONS, JsonLogger, Telemetry, FACADE_STORE],
    },
    {
      provide: ExportRuntime,
      useFactory: (c: AppConfig, o: FhirAppOptions, registry: ResourceRegistry, ds: DataSource, store: FacadeStore | null, bases: FhirBases) =>
        ExportRuntime.open({ config: c, registry, legacy: ds, ctx: bases.fhir.ctx, store }, o.bulkExport),
      inject: [FHIR_CONFIG, FHIR_APP_OPTIONS, ResourceRegistry, LEGACY_DATA_SOURCE, FACADE_STORE, FhirBases],
    },
    {
      provide: BulkExportService,
      useFactory: (rt: ExportRuntime, registry: ResourceRegistry, engine: SearchExecutor, c: AppConfig) =>
        new BulkExportService(registry, engine, rt.processor, rt.runner, rt.groups, c.bulkExport, c.legacyTimeZone),
      inject: [ExportRuntime, ResourceRegistry, SearchExecutor, FHIR_CONFIG],
    },
    { provide: FhirBases, useFactory: (c: AppConfig, r: ResourceRegistry, l: JsonLogger) => new FhirBases(c, r, l), inject: [FHIR_CONFIG, ResourceRegistry, JsonLogger] },
    {
      provide: READINESS_PROBES,
      useFactory: (ds: DataSource, store: FacadeStore | null, o: FhirAppOptions, audit: AuditTrail) => ({
        legacyDb: () => withinMs(ds.query('SELECT 1'), PROBE_TIMEOUT_MS),
        ...(store ? { facadeStore: () => withinMs(store.dataSource.query('SELECT 1'), PROBE_TIMEOUT_MS) } : {}),
        // Every FHIR answer waits for its audit commit: no trail, no service.
        auditTrail: () => withinMs(audit.repository.head(), PROBE_TIMEOUT_MS),
        ...o.readinessProbes,
      }),
      inject: [LEGACY_DATA_SOURCE, FACADE_STORE, FHIR_APP_OPTIONS, AUDIT_TRAIL],
    },
    FhirShutdown,
  ];
}

/** Stops the verifier's polling and closes what the module opened, after the HTTP server has closed. */
@Injectable()
export class FhirShutdown implements OnApplicationShutdown {
  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly exports: ExportRuntime,
    @Inject(LEGACY_DATA_SOURCE) private readonly ds: DataSource,
    @Inject(FACADE_STORE) private readonly store: FacadeStore | null,
    @Inject(FHIR_APP_OPTIONS) private readonly options: FhirAppOptions,
    @Inject(AUDIT_TRAIL) private readonly audit: AuditTrail,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.verifier.stop();
    // Exports first: a running chunk finishes its batch on the legacy data source before it closes.
    await this.exports.close();
    // The audit outbox drains into the facade store before it closes (SIGTERM: no half-written events).
    await this.audit.close();
    if (!this.options.legacyDataSource && this.ds.isInitialized) await this.ds.destroy();
    await this.store?.close();
    await this.options.onClose?.();
  }
}
