import type { JWTVerifyGetKey } from 'jose';
import type { DataSource } from 'typeorm';
import type { JsonLogger } from '#facade/observability';
import type { RevocationFeed } from '#facade/security';
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
  /** An initialised legacy data source to use instead of opening `config.legacyDb` (the caller closes it). */
  legacyDataSource?: DataSource;
  /** Extra readiness probes (e.g. the facade store). */
  readinessProbes?: Record<string, () => Promise<unknown>>;
  /** HMAC key of paging cursors; default random per process (set it when several instances serve one URL). */
  cursorKey?: string;
  logger?: JsonLogger;
  /**
   * USERS.USER_ID recorded as CREATED_BY/UPDATED_BY of writes by patient and backend tokens (a user token records
   * its own user); default null, the EHR's "interface" convention. main.ts: `FHIR_WRITE_SERVICE_USER_ID`.
   */
  writeServiceUser?: number | null;
  /** Bulk `$export` seams: bullmq prefix, in-process workers, stalled-job timing, storage, groups. */
  bulkExport?: ExportRuntimeOptions;
  /** Called when the app closes (after the legacy data source is closed). */
  onClose?: () => Promise<void>;
}
