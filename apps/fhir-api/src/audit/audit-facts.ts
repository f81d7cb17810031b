/**
 * What one FHIR request tells the PHI access trail (IHE BALP): the interaction read from the method and path, the
 * agents from the token, the outcome from the status, and ONE event per patient whose data the answer carried
 * (or wrote). Resources of no patient (Practitioner, Organization, Provenance ...) make one more event without a
 * patient; a request that touched nothing (a denied one, an empty search) makes one event without a patient.
 * Pure: the HTTP hook (audit-hook.ts) hands the facts to the outbox.
 *
 * No PHI values in free text: a search keeps its parameter NAMES (`patient,birthdate`), never the values, and
 * `entity.query` (BALP's base64 query) is deliberately not stored: `name=Smith&birthdate=1987-02-20` is PHI.
 */
import type { AuditInteraction, PhiAuditFacts } from '#facade/facade-store';
import type { Caller } from '../service/request-auth.js';

/** The HTTP facts of a request the hook reads (a subset of FastifyRequest/FastifyReply). */
export interface AuditedRequest {
  method: string;
  /** Path with query string, as received. */
  url: string;
  /** `pathSegments(url)`, when the caller has it already (the hook computes it once per request). */
  path?: { base: string; segments: string[] };
  /** Search parameters (query string and, for POST _search, the form), in order; names are all that is kept. */
  paramNames: string[];
  status: number;
  requestId: string;
  sourceIp: string | null;
  caller: Caller | undefined;
  /** The first `patient` / `subject` / `beneficiary` search parameter value (the queried chart), if any. */
  patientParam?: string;
  /** What the answer carried or the write stored (noted by the controller); none for errors. */
  resources: readonly AuditedResource[];
  /** For a write: the EHR user recorded as CREATED_BY/UPDATED_BY (noted by the controller). */
  recordedUser?: number | null;
}

/** The part of a resource the trail looks at: type, id, version and the patient it belongs to. */
export interface AuditedResource {
  resourceType: string;
  id?: string;
  meta?: { versionId?: string };
  [element: string]: unknown;
}

/** The interaction, BALP action and operation of a request, from its method and path below the base. */
export function interactionOf(method: string, segments: string[]): { interaction: AuditInteraction; action: PhiAuditFacts['action']; operation: string | null } {
  const op = segments.find((s) => s.startsWith('$')) ?? null;
  if (op === '$export') return { interaction: 'export', action: 'E', operation: op };
  if (op) return { interaction: 'operation', action: 'E', operation: op };
  const m = method === 'HEAD' ? 'GET' : method;
  const n = segments.length;
  if (m === 'GET' && n === 1) return { interaction: 'search-type', action: 'E', operation: null };
  if (m === 'POST' && n === 2 && segments[1].toLowerCase() === '_search') return { interaction: 'search-type', action: 'E', operation: null };
  if (m === 'GET' && n === 2) return { interaction: 'read', action: 'R', operation: null };
  if (m === 'GET' && n === 4 && segments[2].toLowerCase() === '_history') return { interaction: 'vread', action: 'R', operation: null };
  if (m === 'POST' && n === 1) return { interaction: 'create', action: 'C', operation: null };
  if (m === 'PUT' && n === 2) return { interaction: 'update', action: 'U', operation: null };
  return { interaction: 'unknown', action: m === 'DELETE' ? 'D' : m === 'GET' ? 'R' : 'E', operation: null };
}

/** BALP outcome of an HTTP status: 0 success, 4 minor failure (refused, not found, bad request), 8 serious (5xx). */
export function outcomeOf(status: number): PhiAuditFacts['outcome'] {
  if (status < 400) return 0;
  if (status < 500) return 4;
  return 8;
}

const PATIENT_REF = /^Patient\/([A-Za-z0-9\-.]{1,64})$/;

/** The elements that name a resource's patient in US Core (subject, patient, beneficiary). */
const PATIENT_ELEMENTS = ['patient', 'subject', 'beneficiary'] as const;

/** The patient (PAT_ID as the Patient id) a resource belongs to, or null for non-patient data. */
export function patientOf(resource: AuditedResource): string | null {
  if (resource.resourceType === 'Patient') return resource.id ?? null;
  for (const element of PATIENT_ELEMENTS) {
    const ref = (resource[element] as { reference?: unknown } | undefined)?.reference;
    const m = typeof ref === 'string' ? PATIENT_REF.exec(ref) : null;
    if (m) return m[1];
  }
  return null;
}

/** `Type/id` (with `/_history/vid` when versioned) of a resource: no content. */
function entityOf(r: AuditedResource): string {
  const base = `${r.resourceType}/${r.id ?? ''}`;
  return r.meta?.versionId ? `${base}/_history/${r.meta.versionId}` : base;
}

/** A path segment decoded (as received when it is not valid percent-encoding). */
function decodeSegment(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The request's path below `/fhir` or `/open`, split into segments (no query string). */
export function pathSegments(url: string): { base: string; segments: string[] } | undefined {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const m = /^\/(fhir|open)(?:\/(.*))?$/i.exec(path);
  if (!m) return undefined;
  const segments: string[] = [];
  if (m[2]) for (const s of m[2].split('/')) if (s !== '') segments.push(decodeSegment(s));
  return { base: m[1].toLowerCase(), segments };
}

/** Requests the trail does not record: public discovery documents (no token, no PHI) and preflights. */
export function isAudited(method: string, url: string): boolean {
  return method !== 'OPTIONS' && isAuditedPath(pathSegments(url));
}

/** {@link isAudited} of a path already split (`pathSegments`), for a request that is not a preflight. */
export function isAuditedPath(p: { segments: string[] } | undefined): boolean {
  if (!p || p.segments.length === 0) return false;
  const first = p.segments[0].toLowerCase();
  return first !== 'metadata' && first !== '.well-known';
}

const MAX_PARAM_NAMES = 1000;

/** The patient a request aimed at: `Patient/<id>` read, or the patient search parameter (`123` / `Patient/123`). */
export function targetPatientOf(segments: string[], interaction: AuditInteraction, patientParam: string | undefined): string | null {
  if ((interaction === 'read' || interaction === 'vread' || interaction === 'update') && segments[0] === 'Patient' && /^\d{1,20}$/.test(segments[1] ?? '')) return segments[1];
  if (patientParam === undefined) return null;
  // Only a Patient id (numeric PAT_ID): a value such as a name typed into `patient=` is never stored.
  const id = patientParam.replace(/^(?:.*\/)?Patient\//, '');
  return /^\d{1,20}$/.test(id) ? id : null;
}

/** The events of one request (at least one; one per patient touched). */
export function auditFactsOf(r: AuditedRequest): PhiAuditFacts[] {
  const p = r.path ?? pathSegments(r.url) ?? { base: 'fhir', segments: [] };
  const { interaction, action, operation } = interactionOf(r.method, p.segments);
  const claims = r.caller?.claims;
  const practiceId = claims?.practice ?? (claims?.practices?.length === 1 ? claims.practices[0] : null);
  const names = r.paramNames.length === 0 ? '' : [...new Set(r.paramNames.map((n) => n.trim()).filter((n) => /^[A-Za-z0-9_\-.:]{1,64}$/.test(n)))].slice(0, MAX_PARAM_NAMES).join(',');
  const firstType = p.segments[0] && /^[A-Z][A-Za-z]{1,63}$/.test(p.segments[0]) ? p.segments[0] : null;
  const queryParams = interaction === 'search-type' || interaction === 'operation' || interaction === 'export' ? names.slice(0, 1000) || null : null;
  const status = r.status;
  const outcome = outcomeOf(status);
  // Every event one object literal in one field order (one hidden class: the writer's reads of it stay monomorphic).
  const event = (patientId: string | null, entities: string): PhiAuditFacts => ({
    base: p.base, interaction, action, resourceType: firstType, operation, queryParams, status, outcome,
    clientId: claims?.client_id ?? null, subject: claims?.sub ?? null, fhirUser: claims?.fhirUser ?? null, tokenId: claims?.jti ?? null,
    contextPatient: claims?.patient ?? null, practiceId: practiceId ?? null, patientId, recordedUser: r.recordedUser ?? null,
    entities, sourceIp: r.sourceIp, requestId: r.requestId,
  });
  // One resource (a read, a write): one event, no grouping.
  if (r.resources.length === 1) return [event(patientOf(r.resources[0]), JSON.stringify([entityOf(r.resources[0])]))];
  const byPatient = new Map<string | null, string[]>();
  for (const resource of r.resources) {
    const patient = patientOf(resource);
    let list = byPatient.get(patient);
    if (!list) byPatient.set(patient, (list = []));
    list.push(entityOf(resource));
  }
  // Nothing returned (refused, not found, empty search): the event still names the chart the request aimed at.
  if (byPatient.size === 0) byPatient.set(targetPatientOf(p.segments, interaction, r.patientParam), []);
  const events: PhiAuditFacts[] = [];
  for (const [patientId, entities] of byPatient) events.push(event(patientId, JSON.stringify(entities)));
  return events;
}
