/**
 * Rows of the PHI access trail (issue 12): one row per FHIR interaction and patient touched, shaped after IHE
 * BALP (the FHIR API maps a row to an `AuditEvent`). Rows are hash-chained: each carries the hash of the row
 * before it and its own hash over its canonical content (phi-audit.chain.ts). No free text with PHI values: a
 * search keeps its parameter NAMES only, never the query string.
 */

/** BALP subtypes (FHIR restful interactions) the trail records. */
export type AuditInteraction = 'read' | 'vread' | 'search-type' | 'create' | 'update' | 'operation' | 'export' | 'unknown';

/** The facts of one event, as the FHIR API hands them over (seq, hashes and time are the store's). */
export interface PhiAuditFacts {
  /** `fhir` or `open`. */
  base: string;
  interaction: AuditInteraction;
  /** BALP/FHIR `AuditEvent.action`: C, R, U, D, E. */
  action: 'C' | 'R' | 'U' | 'D' | 'E';
  /** The request's resource type (`Observation`), null when the path named none or an unknown one. */
  resourceType: string | null;
  /** The operation's name (`$docref`, `$export`), null for other interactions. */
  operation: string | null;
  /** Search parameter names only, comma-separated, in request order, without values (e.g. `patient,date,_count`). */
  queryParams: string | null;
  /** HTTP status of the answer. */
  status: number;
  /** `AuditEvent.outcome`: 0 success, 4 minor failure (refused or not found), 8 serious failure (5xx), 12 major. */
  outcome: 0 | 4 | 8 | 12;
  /** OAuth client id of the token (null when the request carried no valid token). */
  clientId: string | null;
  /** Token `sub`: `user:<USER_ID>`, `portal:<PORTAL_ID>` or the client id of a backend service. */
  subject: string | null;
  /** Token `fhirUser` (Practitioner, Patient or RelatedPerson: a proxy acts as a RelatedPerson). */
  fhirUser: string | null;
  /** Token `jti` (BALP `agent.policy`). */
  tokenId: string | null;
  /** Patient in the token's context (a proxy's chart), as PAT_ID. */
  contextPatient: string | null;
  /** The practice the event belongs to (the token's practice). */
  practiceId: number | null;
  /** The patient whose data the event is about (PAT_ID), null for non-patient data or a request that touched none. */
  patientId: string | null;
  /**
   * For writes: the EHR user recorded as CREATED_BY/UPDATED_BY (a user token's own user, else the configured
   * service user; null = the EHR's "interface" convention or not a write). The token's actor is `subject`.
   */
  recordedUser: number | null;
  /** JSON array of the resources touched (`Type/id` or `Type/id/_history/vid`), never their content. */
  entities: string;
  /** Client address from the trusted hop (Fastify `req.ip`). */
  sourceIp: string | null;
  /** Request id (X-Request-Id), shared by every event of one request. */
  requestId: string;
}

/** A stored row: the facts, the sequence number, the time and the hash chain. */
export interface PhiAuditRow extends PhiAuditFacts {
  /** Position in the chain: contiguous from 1, never reused (also the AuditEvent id). */
  seq: number;
  /** Epoch milliseconds (UTC). */
  recorded: number;
  /** Hash of the row before (the anchor's after a purge, 64 zeros for the first row ever). */
  prevHash: string;
  /** SHA-256 (hex) of this row's canonical content, prevHash included. */
  hash: string;
}

/** The one row of `phi_audit_chain`: the chain's head and the anchor left by the last purge. */
export interface PhiAuditChainRow {
  id: number;
  /** seq and hash of the last row appended. */
  lastSeq: number;
  lastHash: string;
  /** seq and hash of the last row purged (0 and the genesis hash when nothing was purged). */
  anchorSeq: number;
  anchorHash: string;
  /** When the head last changed (epoch ms). */
  updatedAt: number;
}
