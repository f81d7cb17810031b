import type { JWTVerifyGetKey } from 'jose';
import type { DataSource } from 'typeorm';
import type { JsonLogger, Telemetry } from '#facade/observability';
import type { RevocationFeed } from '#facade/security';
import type { WriteAuditStore } from './write/write-audit.js';
import type { AppLimitSource } from './protect/request-limiter.js';
import type { ExportRuntimeOptions } from './export/export-runtime.js';

/** Optional collaborators of `createFhirApp` (tests inject keys, feeds and data sources; production uses the defaults). */
export interface FhirAppOptions {
  /** Key set for access tokens; default the auth app's JWKS (`<AUTH_PUBLIC_URL>/jwks`). */
  tokenKeys?: JWTVerifyGetKey;
  /**
   * Where revocations come from. Default (undefined): the facade store at `config.facadeDb` (opened by the module,
   * also probed by /readyz and closed with the app); `null`: none (tests that mint their own tokens).
   */
  revocations?: RevocationFeed | null;
  /** How often the feed is polled (default 15 s, so a revoked token stops within 30 s). */
  revocationPollMs?: number;
  /**
   * How long tokens are still accepted when the feed cannot be read (the facade store is down): after that, token
   * checks fail closed with 503 until a poll succeeds. Default: twice the poll period, at least 10 s.
   */
  revocationMaxStaleMs?: number;
  /** Key prefix of the shared request counters in Redis (default `facade:limits`; tests use a unique one). */
  rateLimitKeyPrefix?: string;
  /** Where apps' own request limits come from; default the facade store (`/admin`), none without one. */
  appLimits?: AppLimitSource;
  /** An initialised legacy data source to use instead of opening `config.legacyDb` (the caller closes it). */
  legacyDataSource?: DataSource;
  /** Extra readiness probes (e.g. the facade store). */
  readinessProbes?: Record<string, () => Promise<unknown>>;
  /** HMAC key of paging cursors; default random per process (set it when several instances serve one URL). */
  cursorKey?: string;
  logger?: JsonLogger;
  /**
   * Metrics, traces and `/metrics` (libs/observability); default from the environment (`OTEL_*`, `METRICS_TOKEN`).
   * Shut down (flushed) when the app closes.
   */
  telemetry?: Telemetry;
  /**
   * USERS.USER_ID recorded as CREATED_BY/UPDATED_BY of writes by patient and backend tokens (a user token records
   * its own user); default null, the EHR's "interface" convention. main.ts: `FHIR_WRITE_SERVICE_USER_ID`.
   */
  writeServiceUser?: number | null;
  /** Days the PHI access trail keeps its events (main.ts: `FHIR_AUDIT_RETENTION_DAYS`; default six years). */
  auditRetentionDays?: number;
  /**
   * Where the actor of every write is recorded (`fhir.write` rows of `audit_events`). Default (undefined): the facade
   * store the module opened (none when `revocations` comes from elsewhere); `null`: the log line only.
   */
  writeAudit?: WriteAuditStore | null;
  /** Bulk `$export` seams: bullmq prefix, in-process workers, stalled-job timing, storage, groups. */
  bulkExport?: ExportRuntimeOptions;
  /** Called when the app closes (after the legacy data source is closed). */
  onClose?: () => Promise<void>;
}
