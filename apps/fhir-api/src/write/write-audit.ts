/**
 * The actor of every FHIR write attempt (issue 10). Writes by patient, proxy and backend tokens are stamped in the
 * EHR with the configured service user (`FHIR_WRITE_SERVICE_USER_ID`), so the real actor is kept here: the token's
 * subject (`user:<USER_ID>`, `portal:<PORTAL_ID>` of a patient or proxy account, or the backend client), the client,
 * the practice, the resource written and the outcome, as one `fhir.write` row of the facade store's append-only
 * `audit_events` (never the legacy database; keys and versions only, no resource content) and one log line.
 * `writeActorSink` is the one function that records it: the FHIR AuditEvent trail (issue 12) can replace it.
 * The write is already committed when the record is made: a failing audit store is logged as an error, not turned
 * into a failed write the client would retry.
 */
import type { AuditRepository } from '#facade/facade-store';
import type { JsonLogger } from '#facade/observability';

/** One write attempt (keys and versions, no content). */
export interface WriteEvent {
  interaction: 'create' | 'update';
  type: string;
  /** The resource id (absent for a create that was refused). */
  id: string | undefined;
  /** The new version (successful writes). */
  version: string | undefined;
  /** `success`, or the HTTP status of the refusal. */
  outcome: 'success' | number;
  /** Token subject: `user:<USER_ID>`, `portal:<PORTAL_ID>` (patient or proxy account) or the backend client. */
  sub: string;
  clientId: string;
  /** The token's fhirUser (e.g. the RelatedPerson of a proxy), when it has one. */
  fhirUser: string | undefined;
  practiceId: number | null;
  /** The chart written (PAT_ID), when known. */
  patientId: string | undefined;
  /** The EHR user recorded as CREATED_BY/UPDATED_BY (null = interface). */
  recordedUser: number | null;
  /** Token id. */
  jti: string;
}

/** Where write actors are stored: the facade store's audit trail (`audit_events`). */
export type WriteAuditStore = Pick<AuditRepository, 'record'>;

/** The `audit_events.type` of a write-actor record. */
export const WRITE_AUDIT_TYPE = 'fhir.write';

/** Records each write attempt: a log line, and a `fhir.write` audit row when a store is configured. */
export function writeActorSink(logger: JsonLogger, store: WriteAuditStore | null): (event: WriteEvent) => Promise<void> {
  return async (e) => {
    logger.info(e.outcome === 'success' ? 'fhir_write' : 'fhir_write_refused', { ...e });
    if (!store) return;
    try {
      await store.record(WRITE_AUDIT_TYPE, {
        actor: e.sub,
        clientId: e.clientId,
        practiceId: e.practiceId,
        detail: { interaction: e.interaction, resourceType: e.type, id: e.id ?? null, version: e.version ?? null, outcome: e.outcome, patient: e.patientId ?? null, fhirUser: e.fhirUser ?? null, recordedUser: e.recordedUser, jti: e.jti },
      });
    } catch (err) {
      logger.error('fhir_write_audit_failed', { interaction: e.interaction, type: e.type, id: e.id, error: err instanceof Error ? err.name : 'unknown' });
    }
  };
}
