import 'reflect-metadata';
import express from 'express';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import { applyHttpServerLimits, type AppConfig } from '#facade/config';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { createLegacyDataSource } from '#facade/legacy-db';
import { JsonLogger, Telemetry, expressTelemetry, requestLogging, telemetryOptionsFromEnv } from '#facade/observability';
import { AuthAppModule, type AuthRuntime } from './app.module.js';
import { authConfigFrom, type AuthConfig } from './auth-config.js';
import { featureModules as defaultFeatureModules } from './feature-modules.js';
import { clientSecretBridge } from './oidc/client-secret.middleware.js';
import { feedProviderGrantRevocations } from './oidc/grant-revocation-feed.js';
import { refreshRequestBridge } from './oidc/refresh-request.middleware.js';
import { startHousekeeping } from './oidc/housekeeping.js';
import { createOidcRuntime, isProviderPath } from './oidc/provider-factory.js';
import { AUTH_RUNTIME } from './tokens.js';
import { pinPublicOrigin } from './web/public-origin.js';

/** Options of {@link createAuthApp} (tests pass their own databases). */
export interface CreateAuthAppOptions {
  /** An open facade store; by default one is opened (and migrated) from `config.facadeDb`. */
  store?: FacadeStore;
  /** An initialized legacy DataSource; by default one is created from `config.legacyDb`. */
  legacy?: DataSource;
  /** Feature modules to mount (default: feature-modules.ts). */
  featureModules?: Type<unknown>[];
  logger?: JsonLogger;
  /** Metrics and `/metrics` (default from the environment: `METRICS_TOKEN`, `OTEL_*`); shut down when the app closes. */
  telemetry?: Telemetry;
}

/** Endpoint groups of the auth app's metrics (first path segment -> label; anything else is `other`). */
export const AUTH_ENDPOINT_GROUPS: Readonly<Record<string, string>> = Object.freeze({
  auth: 'authorize', token: 'token', request: 'par', session: 'end_session', '.well-known': 'discovery', jwks: 'jwks',
  interaction: 'interaction', reg: 'registration', connect: 'connect', 'ehr-launch': 'ehr_launch', admin: 'admin', portal: 'portal',
  me: 'account', directory: 'directory', healthz: 'health', readyz: 'health',
});

/** The auth Nest app. `authRuntimeOf(app)` gives what it runs on. */
export type AuthApp = INestApplication;

/** The runtime (config, store, provider...) of an app made by {@link createAuthApp}. */
export function authRuntimeOf(app: INestApplication): AuthRuntime {
  return app.get<AuthRuntime>(AUTH_RUNTIME);
}

/**
 * Builds the authorization server (not listening): opens the facade store (running its migrations) and the
 * legacy database, loads or creates signing keys, mounts oidc-provider at the root for its own paths and NestJS
 * for everything else. Call `app.listen(port)` or use `app.getHttpServer()`; `app.close()` closes the databases
 * it opened (not those passed in `options`).
 */
export async function createAuthApp(config: AppConfig | AuthConfig, options: CreateAuthAppOptions = {}): Promise<AuthApp> {
  const cfg: AuthConfig = 'auth' in config ? (config as AuthConfig) : authConfigFrom(config);
  const logger = options.logger ?? new JsonLogger('auth', cfg.logLevel);
  const store = options.store ?? (await openFacadeStore(cfg.facadeDb));
  let legacy = options.legacy;
  if (!legacy) {
    // Statement timeouts and the pool bound of the FHIR API (LEGACY_DB_*); the statement gate is the FHIR API's only.
    legacy = createLegacyDataSource(cfg.legacyDb, undefined, cfg.protection.legacyDb);
    await legacy.initialize();
  }
  const oidc = await createOidcRuntime(cfg, store, legacy);
  // Unexpected failures inside oidc-provider: log the error class and message, never tokens or parameters.
  oidc.provider.on('server_error', (_ctx: unknown, err: Error) => logger.error('oidc_server_error', { error: err.name, message: err.message }));
  oidc.provider.on('grant.revoked', (_ctx: unknown, grantId: string) => logger.info('oidc_grant_revoked', { grantId }));
  feedProviderGrantRevocations(oidc.provider, store, oidc.lookup, (err) => logger.error('grant_revocation_feed_failed', { error: err.name, message: err.message }));
  const stopHousekeeping = startHousekeeping(store, logger);
  const runtime: AuthRuntime = { config: cfg, store, legacy, oidc, logger, owned: { store: !options.store, legacy: !options.legacy }, stopHousekeeping };

  const app = await NestFactory.create<NestExpressApplication>(AuthAppModule.forRoot(runtime, options.featureModules ?? defaultFeatureModules), {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  app.set('trust proxy', cfg.auth.trustProxy);
  app.disable('x-powered-by');
  applyHttpServerLimits(app.getHttpServer(), cfg.httpLimits);
  const telemetry = options.telemetry ?? new Telemetry(telemetryOptionsFromEnv(process.env, 'auth'));
  app.use(expressTelemetry(telemetry, AUTH_ENDPOINT_GROUPS));
  app.getHttpServer().on('close', () => void telemetry.shutdown());
  app.use(requestLogging(logger));
  app.use(pinPublicOrigin(cfg.authPublicUrl, cfg.auth.trustProxy));
  const callback = oidc.provider.callback();
  const bridge = clientSecretBridge(store, () => oidc.pepper);
  const refreshBridge = refreshRequestBridge(oidc.provider, store);
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!isProviderPath(req.path)) return next();
    if (req.path === '/token') return bridge(req, res, () => refreshBridge(req, res, () => callback(req, res)));
    return callback(req, res);
  });
  // NestJS routes (screens, portals, APIs) get parsed bodies; oidc-provider parses its own.
  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  app.use(express.json({ limit: '200kb', strict: false, type: ['application/json', 'application/*+json'] }));
  // Malformed or oversized bodies: a plain 400/413, never the parser's stack trace.
  app.use((err: { type?: string; status?: number }, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!err?.type?.startsWith('entity.') && err?.type !== 'charset.unsupported') return next(err);
    res.status(err.status === 413 ? 413 : 400).json({ error: 'invalid_request', error_description: err.status === 413 ? 'request body too large' : 'malformed request body' });
  });
  return app;
}
