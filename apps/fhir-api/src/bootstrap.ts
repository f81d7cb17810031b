/**
 * Assembles the FHIR API: legacy data source, resource registry, search engine, token verifier, the FHIR front
 * (every request under `/fhir` and `/open`, served on node's HTTP objects: http/front/), and the Nest host (health
 * probes, the exception filter and request logging for everything else). `createFhirApp` returns the Nest
 * application without listening.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { JWTVerifyGetKey } from 'jose';
import type { DataSource } from 'typeorm';
import { applyHttpServerLimits, type AppConfig } from '../../../libs/config/src/index.js';
import { openFacadeStore, type FacadeStore } from '../../../libs/facade-store/src/index.js';
import { createLegacyDataSource } from '../../../libs/legacy-db/src/index.js';
import type { MapperContext } from '../../../libs/mappers/src/mapper-context.js';
import { JsonLogger, requestLogging } from '../../../libs/observability/src/index.js';
import type { RevocationFeed } from '../../../libs/security/src/tokens/access-token-claims.js';
import { AccessTokenVerifier } from '../../../libs/security/src/tokens/access-token-verifier.js';
import { buildSmartConfiguration } from '../../../libs/security/src/tokens/smart-configuration.js';
import { buildCapabilityStatement } from './capability/capability-statement.js';
import { ResourceRegistry } from './engine/registry/resource-registry.js';
import { SearchExecutor } from './engine/search/search-executor.js';
import { FHIR_API_DEPS, type FhirApiDeps } from './fhir-api.deps.js';
import { FhirExceptionFilter } from './http/fhir-exception.filter.js';
import { FhirFront } from './http/front/fhir-front.js';
import { installFhirFront } from './http/front/install.js';
import { HealthController } from './http/health.controller.js';
import { bodyParsingExceptGet, staticCors } from './http/lean-middleware.js';
import { resourceDefinitions } from './resources/index.js';
import { FhirService } from './service/fhir.service.js';

/** Optional collaborators (tests inject keys, feeds and data sources; production uses the defaults). */
export interface FhirAppOptions {
  /** Key set for access tokens; default the auth app's JWKS (`<AUTH_PUBLIC_URL>/jwks`). */
  tokenKeys?: JWTVerifyGetKey;
  /**
   * Where revocations come from. Default (undefined): the facade store at `config.facadeDb` (opened here, also
   * probed by /readyz and closed with the app); `null`: none (tests that mint their own tokens).
   */
  revocations?: RevocationFeed | null;
  /** How often the feed is polled (default 15 s, so a revoked token stops within 30 s). */
  revocationPollMs?: number;
  /** An initialised legacy data source to use instead of opening `config.legacyDb`. */
  legacyDataSource?: DataSource;
  /** Extra readiness probes (e.g. the facade store). */
  readinessProbes?: Record<string, () => Promise<unknown>>;
  /** HMAC key of paging cursors; default random per process (set it when several instances serve one URL). */
  cursorKey?: string;
  logger?: JsonLogger;
  /** Called when the app closes (after the legacy data source is closed). */
  onClose?: () => Promise<void>;
}

const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';

/** Creates the FHIR API application (not listening). */
export async function createFhirApp(config: AppConfig, options: FhirAppOptions = {}): Promise<INestApplication> {
  const logger = options.logger ?? new JsonLogger('fhir-api', config.logLevel);
  const ownsDataSource = !options.legacyDataSource;
  // better-sqlite3 would silently create a missing file: the facade never creates a customer database.
  if (ownsDataSource && config.legacyDb.kind === 'sqlite' && config.legacyDb.path !== ':memory:' && !existsSync(config.legacyDb.path)) {
    throw new Error(`The legacy database ${config.legacyDb.path} does not exist (the facade never creates it; the demo launcher or demo:generate does)`);
  }
  const ds = options.legacyDataSource ?? createLegacyDataSource(config.legacyDb);
  if (!ds.isInitialized) await ds.initialize();

  const registry = new ResourceRegistry(resourceDefinitions({ mrnSystem: config.mrnSystem, ssnSystem: config.ssnSystem }));
  const engine = new SearchExecutor(ds, config.legacyTimeZone, config.resourceCacheMb * 1024 * 1024);
  const service = new FhirService(registry, engine, config.legacyTimeZone, options.cursorKey ?? randomBytes(32).toString('base64url'));
  let store: FacadeStore | undefined;
  const probes: Record<string, () => Promise<unknown>> = { legacyDb: () => ds.query('SELECT 1'), ...options.readinessProbes };
  if (options.revocations === undefined) {
    store = await openFacadeStore(config.facadeDb);
    const facade = store;
    probes.facadeStore = () => facade.dataSource.query('SELECT 1');
  }
  const verifier = new AccessTokenVerifier({
    issuer: config.authPublicUrl,
    keys: options.tokenKeys,
    revocations: options.revocations ?? store?.revocations,
    pollMs: options.revocationPollMs,
  });
  verifier.start();
  const started = new Date().toISOString();
  const capability = new Map<string, ReturnType<typeof buildCapabilityStatement>>();
  const contexts = new Map<string, MapperContext>();
  const report = (issue: { column: string; code: string }) => logger.warn('unmapped_local_code', { column: issue.column, code: issue.code });

  const deps: FhirApiDeps = {
    config,
    verifier,
    service,
    smartConfiguration: buildSmartConfiguration(config.authPublicUrl, { authorizePost: config.authorizePost }),
    capabilityStatement(baseUrl) {
      let cs = capability.get(baseUrl);
      if (!cs) capability.set(baseUrl, (cs = buildCapabilityStatement(registry, { baseUrl, authPublicUrl: config.authPublicUrl, softwareVersion: '0.1.0', date: started })));
      return cs;
    },
    mapperContext(baseUrl) {
      let ctx = contexts.get(baseUrl);
      if (!ctx) {
        ctx = {
          baseUrl,
          timeZone: config.legacyTimeZone,
          identifierSystems: { mrn: config.mrnSystem, ssn: config.ssnSystem, npi: NPI_SYSTEM, practice: `${config.fhirPublicUrl}/sid/practice-id` },
          report,
        };
        contexts.set(baseUrl, ctx);
      }
      return ctx;
    },
    readinessProbes: probes,
  };

  @Module({ controllers: [HealthController], providers: [{ provide: FHIR_API_DEPS, useValue: deps }] })
  class FhirApiModule {}

  // Body parsing and CORS are registered by hand (lean-middleware.ts): no parser on GET, constant CORS headers.
  const app = await NestFactory.create<NestExpressApplication>(FhirApiModule, { logger: false, bodyParser: false });
  // The FHIR bases bypass Express and Nest routing (the framework chain cost more than the engine on a read).
  installFhirFront(app.getHttpServer(), new FhirFront(deps, logger));
  applyHttpServerLimits(app.getHttpServer(), config.httpLimits);
  app.disable('x-powered-by');
  // No Express body-hash ETags on the paths Nest still serves (FHIR ETags are resource versions, set by the front).
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(staticCors());
  app.use(requestLogging(logger));
  app.use(bodyParsingExceptGet());
  app.useGlobalFilters(new FhirExceptionFilter(logger));
  const close = app.close.bind(app);
  app.close = async () => {
    verifier.stop();
    await close();
    if (ownsDataSource && ds.isInitialized) await ds.destroy();
    await store?.close();
    await options.onClose?.();
  };
  return app;
}
