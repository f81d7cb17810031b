/**
 * How a failure of the customer's database is answered. The facade is a gateway to the EHR database, so:
 * - a statement the database cancelled for taking too long (our statement timeout, a lock wait, SQLite busy) is a
 *   **504** `timeout` (the upstream did not answer in time; FHIR's IssueType `timeout`, as Medplum's `serverTimeout`);
 * - a database we cannot reach (refused, reset, terminated sessions, pool or connect timeout) is a fast **503**
 *   `transient` with `Retry-After` (the request may be repeated unchanged once it is back);
 * - our own cap on concurrent statements being full past its queue time is a **503** `transient` with `Retry-After`.
 * Texts are generic: no SQL, no driver message, no host name (WRITES-AND-SECURITY.md B1 #25).
 */
import { FhirError } from '#facade/fhir';

export type LegacyFault = 'timeout' | 'unavailable';

/** Seconds a client should wait before retrying when the database is unreachable / our statement slots are full. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;
export const BUSY_RETRY_AFTER_S = 1;

/** PostgreSQL SQLSTATEs: query_canceled (statement_timeout), lock_not_available (lock_timeout). */
const PG_TIMEOUT = new Set(['57014', '55P03']);
/** admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections, and class 08 (connection exception). */
const PG_UNAVAILABLE = /^(57P0[123]|53300|08...)$/;
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN', 'ESOCKET', 'ECONNCLOSED', 'ENOTOPEN']);
const UNAVAILABLE_TEXT = /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection ended|connection is closed|Failed to connect|Pool is closed|Cannot use a pool after calling end/i;

interface DriverErrorLike {
  name?: string;
  code?: unknown;
  number?: unknown;
  message?: string;
  driverError?: unknown;
  cause?: unknown;
}

/** Whether `e` (a TypeORM QueryFailedError, a driver or a socket error) is a timeout, an outage, or neither. */
export function classifyLegacyError(e: unknown): LegacyFault | null {
  for (let err = e as DriverErrorLike | undefined, depth = 0; err && typeof err === 'object' && depth < 4; depth++) {
    const code = typeof err.code === 'string' ? err.code : undefined;
    if (code && PG_TIMEOUT.has(code)) return 'timeout';
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return 'timeout';
    // mssql: a RequestError ETIMEOUT is requestTimeout; 1222 = lock request time out period exceeded.
    if (code === 'ETIMEOUT') return err.name === 'ConnectionError' ? 'unavailable' : 'timeout';
    if (err.number === 1222) return 'timeout';
    if (err.message === 'Query read timeout') return 'timeout';
    if (code && (PG_UNAVAILABLE.test(code) || NET_CODES.has(code))) return 'unavailable';
    if (err.name === 'ConnectionError' || err.name === 'TimeoutError') return 'unavailable';
    if (typeof err.message === 'string' && UNAVAILABLE_TEXT.test(err.message)) return 'unavailable';
    err = (err.driverError ?? err.cause) as DriverErrorLike | undefined;
  }
  return null;
}

/** The OperationOutcome error for a classified fault. */
export function legacyFaultError(fault: LegacyFault): FhirError {
  if (fault === 'timeout') {
    return FhirError.of(504, { code: 'timeout', messageCode: 'LEGACY_DB_TIMEOUT', diagnostics: 'The EHR database did not answer in time. The request was cancelled; try again later.' });
  }
  return FhirError.of(
    503,
    { code: 'transient', messageCode: 'LEGACY_DB_UNAVAILABLE', diagnostics: 'The EHR database is unavailable. Try again later.' },
    { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_S) },
  );
}

/** 503 when every statement slot stayed taken for the queue time. */
export function legacyBusyError(): FhirError {
  return FhirError.of(
    503,
    { code: 'transient', messageCode: 'LEGACY_DB_BUSY', diagnostics: 'The EHR database is busy. Try again shortly.' },
    { 'Retry-After': String(BUSY_RETRY_AFTER_S) },
  );
}
