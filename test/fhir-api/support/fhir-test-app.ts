/**
 * Starts the FHIR API over a new legacy database (SQLite file, or PostgreSQL database) for one test suite, with a
 * test signing key injected into the real token verifier, and mints SMART access tokens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import type { DataSource } from 'typeorm';
import { loadConfig, type AppConfig, type DbUrl } from '#facade/config';
import { createLegacyDataSource, createLegacyPostgresDatabase, createLegacySqliteDatabase, dropPostgresDatabase } from '#facade/legacy-db';
import type { JsonLogger, Telemetry } from '#facade/observability';
import type { RevocationFeed } from '#facade/security';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { createFhirApp, type FhirAppOptions } from '../../../apps/fhir-api/src/bootstrap.js';
import { LegacyFactory } from './legacy-factory.js';

export const FHIR_URL = 'http://fhir.test';
export const AUTH_URL = 'http://auth.test';

export interface FhirTestApp {
  app: INestApplication;
  server: unknown;
  ds: DataSource;
  factory: LegacyFactory;
  config: AppConfig;
  /** The facade store write actors are recorded in (only with `audit: true`). */
  store?: FacadeStore;
  /** The temporary folder of this app (DATA_DIR, SQLite files). */
  dir: string;
  /** Signs an access token (defaults: aud /fhir, 5 minutes, `system/*.rs`). */
  mint(claims?: Record<string, unknown>, opts?: { aud?: string; iss?: string; exp?: string | number; key?: CryptoKey }): Promise<string>;
  close(): Promise<void>;
}

/** Starts the app (initialised by createFhirApp, not listening) on a fresh database of the given engine. */
export interface FhirTestAppOptions {
  engine?: 'sqlite' | 'postgres';
  revocations?: RevocationFeed;
  create?: (url: DbUrl) => Promise<unknown>;
  logger?: JsonLogger;
  telemetry?: Telemetry;
  /** Open a facade store and record the PHI trail and write actors in it. */
  audit?: boolean;
  writeServiceUser?: number;
  /**
   * Extra configuration variables. Request limits are off unless set here (`FHIR_RATE_LIMITS: 'on'`): the engine
   * suites send thousands of requests with one app's token; the protection suites turn them on.
   */
  env?: Record<string, string>;
  /** Open the legacy DataSource with the configured statement timeouts and pool bound (as production does). */
  legacyLimits?: boolean;
  /** The URL the app connects to instead of the database's own (e.g. a TCP proxy in front of it). */
  connectUrl?: (url: DbUrl) => DbUrl;
  /** Bulk export seams (FhirAppOptions.bulkExport). */
  bulkExport?: FhirAppOptions['bulkExport'];
  /** More options of createFhirApp. */
  appOptions?: Partial<FhirAppOptions>;
}

export async function startFhirTestApp(opts: FhirTestAppOptions = {}): Promise<FhirTestApp> {
  const engine = opts.engine ?? 'sqlite';
  const dir = mkdtempSync(join(tmpdir(), 'fhir-api-'));
  let legacyUrl: string;
  let cleanup: () => Promise<void>;
  if (engine === 'sqlite') {
    const path = join(dir, 'legacy.sqlite');
    await (opts.create ? opts.create({ kind: 'sqlite', path }) : createLegacySqliteDatabase(path));
    legacyUrl = `sqlite:${path}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const base = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const u = new URL(base);
    u.pathname = `/fhirapi_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    legacyUrl = u.toString();
    await (opts.create ? opts.create({ kind: 'postgres', url: legacyUrl }) : createLegacyPostgresDatabase(legacyUrl));
    cleanup = async () => {
      await dropPostgresDatabase(legacyUrl);
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const config = loadConfig({
    LEGACY_DB_URL: legacyUrl,
    FACADE_DB_URL: `sqlite:${join(dir, 'facade.sqlite')}`,
    FHIR_PUBLIC_URL: FHIR_URL,
    AUTH_PUBLIC_URL: AUTH_URL,
    DATA_DIR: dir,
    LOG_LEVEL: 'error',
    FHIR_RATE_LIMITS: 'off',
    ...opts.env,
  });
  const connectTo = opts.connectUrl ? opts.connectUrl(config.legacyDb) : config.legacyDb;
  const ds = createLegacyDataSource(connectTo, 4, opts.legacyLimits ? config.protection.legacyDb : undefined);
  await ds.initialize();
  const store = opts.audit ? await openFacadeStore(config.facadeDb) : undefined;
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test', alg: 'RS256' };
  const app = await createFhirApp(config, {
    tokenKeys: createLocalJWKSet({ keys: [jwk] }),
    revocations: opts.revocations ?? null,
    revocationPollMs: 50,
    legacyDataSource: ds,
    cursorKey: 'test-cursor-key-0123456789',
    logger: opts.logger,
    telemetry: opts.telemetry,
    writeAudit: store?.audit ?? null,
    writeServiceUser: opts.writeServiceUser,
    bulkExport: opts.bulkExport,
    ...opts.appOptions,
  });
  const mint: FhirTestApp['mint'] = (claims = {}, o = {}) =>
    new SignJWT({ scope: 'system/*.rs', client_id: 'test-app', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'test' })
      .setIssuer(o.iss ?? AUTH_URL)
      .setAudience(o.aud ?? `${FHIR_URL}/fhir`)
      .setSubject(String(claims.sub ?? 'user:1'))
      .setJti(String(claims.jti ?? `jti-${Math.random()}`))
      .setIssuedAt()
      .setExpirationTime(o.exp ?? '5m')
      .sign(o.key ?? privateKey);
  return {
    app,
    server: app.getHttpServer(),
    ds,
    factory: new LegacyFactory(ds),
    config,
    store,
    dir,
    mint,
    async close() {
      await app.close();
      await store?.close();
      if (ds.isInitialized) await ds.destroy();
      await cleanup();
    },
  };
}
