/**
 * What each dialect gets so that no statement of ours runs (or waits for the EHR's locks) without bound, the pool
 * is bounded, and a dead server is noticed quickly. Every setting is per connection or per client: nothing is set
 * on the customer's database itself (no `ALTER DATABASE`/`ALTER ROLE`, no persistent PRAGMA).
 *
 * - PostgreSQL (pg): `statement_timeout` as a startup parameter of our own sessions (the server cancels the
 *   statement, SQLSTATE 57014, which also ends a wait for a lock), `idle_in_transaction_session_timeout` (a write
 *   transaction of ours left open never holds the EHR's rows), `query_timeout` on the client (a server that stops
 *   answering), `connectionTimeoutMillis` (connecting and waiting for a pooled client), `max` = pool size.
 * - SQL Server (mssql/tedious): `requestTimeout` (tedious cancels the request with an attention signal,
 *   `ETIMEOUT`), `connectionTimeout`, and the tarn pool's `max`, `min: 0`, `acquireTimeoutMillis`,
 *   `idleTimeoutMillis`.
 * - SQLite (better-sqlite3): `busy_timeout` = the statement timeout (a lock held by the EHR makes us wait at most
 *   that long, then `SQLITE_BUSY`). better-sqlite3 runs statements synchronously on the event loop and offers no
 *   `sqlite3_interrupt`, so a running statement cannot be interrupted from outside: the engine's statements are
 *   bounded by construction instead (indexed keyset pages, `_count` capped), and the pool is the one connection.
 */
import type { DataSourceOptions } from 'typeorm';
import type { LegacyDbLimits } from '#facade/config';

/** The client-side timeout of pg is a backstop, a little longer than the server's own statement timeout. */
const PG_CLIENT_GRACE_MS = 1000;
/** Idle pooled connections are closed after this long (a restarted server is reconnected cleanly). */
const IDLE_MS = 30_000;

/** `options` with the limits of `limits` applied for its dialect (a new object; `options` is not changed). */
export function withLegacyLimits(options: DataSourceOptions, limits: LegacyDbLimits): DataSourceOptions {
  switch (options.type) {
    case 'postgres':
      return {
        ...options,
        poolSize: limits.poolMax,
        extra: {
          ...options.extra,
          max: limits.poolMax,
          statement_timeout: limits.statementTimeoutMs,
          idle_in_transaction_session_timeout: limits.statementTimeoutMs,
          query_timeout: limits.statementTimeoutMs + PG_CLIENT_GRACE_MS,
          connectionTimeoutMillis: limits.connectTimeoutMs,
          idleTimeoutMillis: IDLE_MS,
        },
      };
    case 'mssql':
      return {
        ...options,
        requestTimeout: limits.statementTimeoutMs,
        connectionTimeout: limits.connectTimeoutMs,
        pool: { ...options.pool, max: limits.poolMax, min: 0, acquireTimeoutMillis: limits.connectTimeoutMs, idleTimeoutMillis: IDLE_MS },
      };
    case 'better-sqlite3': {
      const prepare = options.prepareDatabase;
      return {
        ...options,
        prepareDatabase: (db: { pragma(s: string): unknown }) => {
          prepare?.(db);
          db.pragma(`busy_timeout = ${Math.trunc(limits.statementTimeoutMs)}`);
        },
      };
    }
    default:
      return options;
  }
}
