import type { ResourceScope, ScopeContext } from './smart-scope.js';

/** The FHIR interactions the resource server checks scopes for. */
export type ResourceInteraction = 'read' | 'search' | 'create' | 'update';

/** What the resource server knows about the request when it decides. */
export interface AccessQuestion {
  /** Parsed resource scopes of the token. */
  scopes: readonly ResourceScope[];
  /** Patient in context (token `patient` claim). */
  patient?: string;
  /** Practice the token is bound to (token `practice` claim). */
  practice?: number;
  /** Practices a multi-practice backend token is bound to (token `practices` claim). */
  practices?: readonly number[];
  /** `open` = the patient-app base, which only serves tokens with a patient in context. */
  base: 'fhir' | 'open';
  resourceType: string;
  interaction: ResourceInteraction;
  /** False for types outside the patient compartment (Practitioner, Organization, Location ...). */
  inPatientCompartment: boolean;
  /**
   * A practice's own data outside the patient compartment (Group): only user/ and system/ scopes reach it,
   * confined to the token's practice(s); patient-context scopes and the `/open` base are refused.
   */
  practiceOnly?: boolean;
}

/** The outcome: refused (403), or allowed within a compartment and, for granular scopes, with filters. */
export type AccessDecision =
  | { allowed: false; reason: string }
  | {
      allowed: true;
      /** Only this patient's compartment may be reached. */
      patientId?: string;
      /** Only patients of this practice may be reached. */
      practiceId?: number;
      /** Only patients of these practices (a backend client approved by several practices). */
      practiceIds?: number[];
      /** Granular v2 scope restrictions, OR-ed; each map's parameters are AND-ed. Undefined = unrestricted. */
      filters?: Record<string, string[]>[];
    };

const BREADTH: ScopeContext[] = ['system', 'user', 'patient'];

function permits(scope: ResourceScope, q: AccessQuestion): boolean {
  if (scope.resourceType !== '*' && scope.resourceType !== q.resourceType) return false;
  return scope[q.interaction];
}

function filtersOf(scopes: ResourceScope[]): Record<string, string[]>[] | undefined {
  if (scopes.some((s) => !s.filters)) return undefined;
  return scopes.map((s) => s.filters!);
}

/**
 * Decides whether a token may perform an interaction on a resource type, and within which compartment.
 *
 * - `/open` requires a patient in context and always confines the request to that patient.
 * - The broadest granted context wins: `system/` (the token's practice or practices; none = refused), then `user/`
 *   (its practice), then `patient/` (the patient in context).
 * - Types outside the patient compartment are readable by any valid token, except a practice's own data
 *   (`practiceOnly`: Group), which needs a user/ or system/ scope of the type and is confined to the practice.
 * - Granular v2 scopes (`?category=...`) become filters; a resource-level scope in the same context lifts them.
 */
export function decideAccess(q: AccessQuestion): AccessDecision {
  if (q.base === 'open' && !q.patient) return { allowed: false, reason: 'This endpoint requires a token with a patient in context' };
  let matching = q.scopes.filter((s) => permits(s, q));
  if (q.practiceOnly) {
    if (q.base === 'open') return { allowed: false, reason: `${q.resourceType} is not available to patient apps` };
    matching = matching.filter((s) => s.context !== 'patient');
    if (matching.length === 0) return { allowed: false, reason: `${q.resourceType} needs a user/ or system/ scope granting ${q.interaction}` };
  } else if (!q.inPatientCompartment) return { allowed: true, filters: matching.length ? filtersOf(matching) : undefined };
  if (matching.length === 0) return { allowed: false, reason: `The token grants no ${q.interaction} access to ${q.resourceType}` };

  if (q.base === 'open') return { allowed: true, patientId: q.patient, filters: filtersOf(matching) };
  for (const context of BREADTH) {
    const inContext = matching.filter((s) => s.context === context);
    if (inContext.length === 0) continue;
    const filters = filtersOf(inContext);
    if (context === 'system') {
      if (q.practice !== undefined) return { allowed: true, practiceId: q.practice, filters };
      if (q.practices?.length) return { allowed: true, practiceIds: [...q.practices], filters };
      // Fail closed: a backend token that names no practice reaches no practice.
      return { allowed: false, reason: 'system/ scopes need a practice (or practices) in the token' };
    }
    if (context === 'user') {
      if (q.practice === undefined) return { allowed: false, reason: 'user/ scopes need a practice in the token' };
      return { allowed: true, practiceId: q.practice, filters };
    }
    if (!q.patient) return { allowed: false, reason: 'patient/ scopes need a patient in context' };
    return { allowed: true, patientId: q.patient, practiceId: q.practice, filters };
  }
  return { allowed: false, reason: 'No applicable scope' };
}
