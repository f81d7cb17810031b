/**
 * Protection of the customer's database and fair use of the FHIR API (issue 12): statement timeouts, the legacy
 * pool and the global cap on concurrent legacy statements, and the default per-app and per-practice request rates
 * and concurrency caps (an app's own limits are set per practice in the `/admin` portal and override the app
 * defaults). Read from the environment by `loadConfig`; every value is validated.
 */
import { envInt } from './env-int.js';

/** Limits of the connection to the customer's database. */
export interface LegacyDbLimits {
  /** Longest a statement may run (or wait for a lock) before the database cancels it (`LEGACY_DB_STATEMENT_TIMEOUT_MS`). */
  statementTimeoutMs: number;
  /** Longest a new connection may take (`LEGACY_DB_CONNECT_TIMEOUT_MS`). */
  connectTimeoutMs: number;
  /** Connections in the pool, at most (`LEGACY_DB_POOL_MAX`). */
  poolMax: number;
  /** Statements of this process in the database at once, at most (`LEGACY_DB_MAX_STATEMENTS`; default the pool size). */
  maxStatements: number;
  /** Longest a statement waits for one of those slots before the request is answered 503 (`LEGACY_DB_QUEUE_TIMEOUT_MS`). */
  queueTimeoutMs: number;
}

/** A request rate and a concurrency cap. */
export interface RequestLimits {
  /** Requests per minute (a fixed one-minute window). */
  perMinute: number;
  /** Requests being served at once. */
  concurrent: number;
}

/** Per-app (client id at one practice) and per-practice defaults; `enabled: false` turns request limits off. */
export interface RateLimitDefaults {
  enabled: boolean;
  app: RequestLimits;
  practice: RequestLimits;
}

export interface ProtectionConfig {
  legacyDb: LegacyDbLimits;
  rateLimits: RateLimitDefaults;
}

/** The defaults (also documented in apps/fhir-api/README.md, "Protection of the EHR database"). */
export const DEFAULT_PROTECTION: ProtectionConfig = {
  legacyDb: { statementTimeoutMs: 8000, connectTimeoutMs: 3000, poolMax: 10, maxStatements: 10, queueTimeoutMs: 2000 },
  rateLimits: { enabled: true, app: { perMinute: 1200, concurrent: 8 }, practice: { perMinute: 6000, concurrent: 24 } },
};

/** Reads the protection settings; problems are appended to `problems` (loadConfig throws them together). */
export function loadProtection(env: NodeJS.ProcessEnv, problems: string[]): ProtectionConfig {
  const int = (name: string, fallback: number, min: number, max: number): number => envInt(env, name, fallback, min, max, problems);
  const d = DEFAULT_PROTECTION;
  const poolMax = int('LEGACY_DB_POOL_MAX', d.legacyDb.poolMax, 1, 200);
  const legacyDb: LegacyDbLimits = {
    statementTimeoutMs: int('LEGACY_DB_STATEMENT_TIMEOUT_MS', d.legacyDb.statementTimeoutMs, 100, 600_000),
    connectTimeoutMs: int('LEGACY_DB_CONNECT_TIMEOUT_MS', d.legacyDb.connectTimeoutMs, 100, 120_000),
    poolMax,
    maxStatements: int('LEGACY_DB_MAX_STATEMENTS', poolMax, 1, 200),
    queueTimeoutMs: int('LEGACY_DB_QUEUE_TIMEOUT_MS', d.legacyDb.queueTimeoutMs, 0, 60_000),
  };
  if (legacyDb.maxStatements > poolMax) problems.push(`LEGACY_DB_MAX_STATEMENTS (${legacyDb.maxStatements}) cannot exceed LEGACY_DB_POOL_MAX (${poolMax})`);
  const switchRaw = env.FHIR_RATE_LIMITS;
  if (switchRaw && switchRaw !== 'on' && switchRaw !== 'off') problems.push(`FHIR_RATE_LIMITS: "${switchRaw}" must be on or off`);
  const rateLimits: RateLimitDefaults = {
    enabled: switchRaw !== 'off',
    app: { perMinute: int('FHIR_APP_RATE_PER_MINUTE', d.rateLimits.app.perMinute, 1, 1_000_000), concurrent: int('FHIR_APP_CONCURRENCY', d.rateLimits.app.concurrent, 1, 10_000) },
    practice: {
      perMinute: int('FHIR_PRACTICE_RATE_PER_MINUTE', d.rateLimits.practice.perMinute, 1, 10_000_000),
      concurrent: int('FHIR_PRACTICE_CONCURRENCY', d.rateLimits.practice.concurrent, 1, 100_000),
    },
  };
  return { legacyDb, rateLimits };
}
