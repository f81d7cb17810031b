import { resolve } from 'node:path';
import { assertValidTimeZone } from '#facade/time';
import type { HttpServerLimits } from './http-server.js';
import { loadProtection, type ProtectionConfig } from './protection.js';
import { parseBulkExportConfig, type BulkExportConfig } from './bulk-export.js';

/** Where a database lives: the legacy EHR database or the facade's own store. */
export type DbUrl =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string }
  | { kind: 'mssql'; url: string; host: string; port: number; user: string; password: string; database: string };

/** The one typed configuration of both apps, validated at start-up. */
export interface AppConfig {
  legacyDb: DbUrl;
  /** True when the legacy database is the embedded demo (created and seeded on first start). */
  legacyDbIsDemo: boolean;
  legacyTimeZone: string;
  facadeDb: DbUrl;
  redisUrl: string | null;
  fhirPort: number;
  authPort: number;
  fhirPublicUrl: string;
  authPublicUrl: string;
  dataDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Identifier systems of the deployment (US Core Patient identifiers). */
  mrnSystem: string;
  ssnSystem: string;
  /** Approximate bound of the FHIR API's mapped-resource cache in MiB (`FHIR_RESOURCE_CACHE_MB`; 0 = no cache). */
  resourceCacheMb: number;
  /**
   * Whether the auth app accepts POST at its authorization endpoint (SMART `authorize-post`). It needs SameSite=None
   * session cookies, which browsers keep only when Secure: on by default with an https AUTH_PUBLIC_URL;
   * `AUTH_AUTHORIZE_POST=true|false` decides otherwise. Both apps read it, so discovery and behaviour agree.
   */
  authorizePost: boolean;
  /** Slow-client limits of both HTTP servers (HTTP_HEADERS_TIMEOUT_SECONDS, HTTP_REQUEST_TIMEOUT_SECONDS). */
  httpLimits: HttpServerLimits;
  /** Statement timeouts, pool and statement cap of the legacy database; default request limits (protection.ts). */
  protection: ProtectionConfig;
  /** Bulk Data `$export` settings (BULK_EXPORT_*). */
  bulkExport: BulkExportConfig;
}

/** Thrown with every problem found, so an operator fixes them all in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function parseDbUrl(name: string, raw: string, problems: string[]): DbUrl | undefined {
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path) problems.push(`${name}: sqlite URL needs a file path (sqlite:<path>)`);
    return { kind: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(`${name}: not a URL (expected sqlite:<path>, postgres://..., or mssql://...)`);
    return undefined;
  }
  if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') return { kind: 'postgres', url: raw };
  if (url.protocol === 'mssql:' || url.protocol === 'sqlserver:') {
    const database = url.pathname.replace(/^\//, '');
    if (!url.hostname) problems.push(`${name}: mssql URL needs a host`);
    if (!database) problems.push(`${name}: mssql URL needs a database name (mssql://user:pass@host:port/db)`);
    return {
      kind: 'mssql',
      url: raw,
      host: url.hostname,
      port: url.port ? Number(url.port) : 1433,
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database,
    };
  }
  problems.push(`${name}: unsupported scheme "${url.protocol}" (use sqlite:, postgres:// or mssql://)`);
  return undefined;
}

function parsePort(name: string, raw: string | undefined, fallback: number, problems: string[]): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    problems.push(`${name}: "${raw}" is not a port number (0-65535)`);
    return fallback;
  }
  return n;
}

function parsePublicUrl(name: string, raw: string | undefined, fallback: string, problems: string[]): string {
  const value = raw && raw !== '' ? raw : fallback;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    if (url.search || url.hash) throw new Error('query');
  } catch {
    problems.push(`${name}: "${value}" is not an absolute http(s) base URL without query or fragment`);
  }
  return value.replace(/\/+$/, '');
}

/**
 * Reads and validates the configuration from environment variables. Throws a {@link ConfigError} naming every
 * problem; never returns a partially valid configuration.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const dataDir = resolve(env.DATA_DIR || './data');
  const legacyRaw = env.LEGACY_DB_URL || `sqlite:${resolve(dataDir, 'demo-ehr.sqlite')}`;
  const legacyDb = parseDbUrl('LEGACY_DB_URL', legacyRaw, problems);
  const facadeDb = parseDbUrl('FACADE_DB_URL', env.FACADE_DB_URL || `sqlite:${resolve(dataDir, 'facade.sqlite')}`, problems);

  const legacyTimeZone = env.LEGACY_DB_TIMEZONE || 'America/New_York';
  try {
    assertValidTimeZone(legacyTimeZone);
  } catch {
    problems.push(`LEGACY_DB_TIMEZONE: "${legacyTimeZone}" is not an IANA time zone (e.g. America/New_York)`);
  }

  let redisUrl: string | null = null;
  if (env.REDIS_URL) {
    try {
      const u = new URL(env.REDIS_URL);
      if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error('scheme');
      redisUrl = env.REDIS_URL;
    } catch {
      problems.push(`REDIS_URL: "${env.REDIS_URL}" is not a redis:// or rediss:// URL`);
    }
  }

  const fhirPort = parsePort('FHIR_PORT', env.FHIR_PORT, 8080, problems);
  const authPort = parsePort('AUTH_PORT', env.AUTH_PORT, 8081, problems);
  if (fhirPort === authPort && fhirPort !== 0) problems.push(`FHIR_PORT and AUTH_PORT must differ (both ${fhirPort})`);
  const fhirPublicUrl = parsePublicUrl('FHIR_PUBLIC_URL', env.FHIR_PUBLIC_URL, `http://localhost:${fhirPort}`, problems);
  const authPublicUrl = parsePublicUrl('AUTH_PUBLIC_URL', env.AUTH_PUBLIC_URL, `http://localhost:${authPort}`, problems);

  const logLevel = (env.LOG_LEVEL || 'info') as AppConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) problems.push(`LOG_LEVEL: "${logLevel}" is not one of debug, info, warn, error`);

  const mrnSystem = env.MRN_SYSTEM || 'urn:oid:2.16.840.1.113883.3.7418.2.1';
  const ssnSystem = env.SSN_SYSTEM || 'http://hl7.org/fhir/sid/us-ssn';
  for (const [name, value] of [['MRN_SYSTEM', mrnSystem], ['SSN_SYSTEM', ssnSystem]]) {
    if (!/^(urn:oid:[0-9.]+|urn:uuid:[0-9a-f-]+|https?:\/\/\S+)$/.test(value)) problems.push(`${name}: "${value}" is not a URI`);
  }

  // Default sized for the demo's 10,000 Patients plus thousands of lab Observations (~4x their JSON text each).
  const cacheRaw = env.FHIR_RESOURCE_CACHE_MB;
  const resourceCacheMb = cacheRaw === undefined || cacheRaw === '' ? 256 : Number(cacheRaw);
  if (!Number.isInteger(resourceCacheMb) || resourceCacheMb < 0 || resourceCacheMb > 65536) problems.push(`FHIR_RESOURCE_CACHE_MB: "${cacheRaw}" is not a size in MiB (0-65536; 0 disables the cache)`);

  const postRaw = env.AUTH_AUTHORIZE_POST;
  if (postRaw && postRaw !== 'true' && postRaw !== 'false') problems.push(`AUTH_AUTHORIZE_POST: "${postRaw}" must be true or false`);
  const authorizePost = postRaw ? postRaw === 'true' : authPublicUrl.startsWith('https:');

  const seconds = (name: string, fallback: number): number => {
    const raw = env[name];
    const n = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 600) problems.push(`${name}: "${raw}" must be a whole number of seconds between 1 and 600`);
    return n * 1000;
  };
  const httpLimits = { headersTimeoutMs: seconds('HTTP_HEADERS_TIMEOUT_SECONDS', 5), requestTimeoutMs: seconds('HTTP_REQUEST_TIMEOUT_SECONDS', 15) };

  const protection = loadProtection(env, problems);
  const bulkExport = parseBulkExportConfig(env, problems);

  if (problems.length > 0 || !legacyDb || !facadeDb) throw new ConfigError(problems);
  return {
    legacyDb,
    legacyDbIsDemo: !env.LEGACY_DB_URL,
    legacyTimeZone,
    facadeDb,
    redisUrl,
    fhirPort,
    authPort,
    fhirPublicUrl,
    authPublicUrl,
    dataDir,
    logLevel,
    mrnSystem,
    ssnSystem,
    resourceCacheMb,
    authorizePost,
    httpLimits,
    protection,
    bulkExport,
  };
}
