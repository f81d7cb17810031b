/**
 * SMART App Launch scope grammar (v1 and v2, granular `?param=value`), used to decide which requested scopes
 * an app may receive. https://hl7.org/fhir/smart-app-launch/STU2.2/scopes-and-launch-context.html
 */

/** Non-resource scopes the server knows (identity, launch context, refresh). */
export const CONTEXT_SCOPES = ['openid', 'fhirUser', 'profile', 'launch', 'launch/patient', 'launch/encounter', 'offline_access', 'online_access'] as const;
const CONTEXT_SET = new Set<string>(CONTEXT_SCOPES);

/** A parsed resource scope. `permissions` are v2 letters in `cruds` order. */
export interface ResourceScope {
  context: 'patient' | 'user' | 'system';
  resourceType: string;
  permissions: string;
  /** Raw query (`category=...`), empty when absent. */
  query: string;
  /** True for `.read` / `.write` / `.*` scopes. */
  v1: boolean;
}

const RESOURCE = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]{1,63})\.([a-z*]+)(?:\?(.+))?$/;
const V1: Record<string, string> = { read: 'rs', write: 'cud', '*': 'cruds' };

/** Parses a resource scope; undefined when it is not valid SMART v1/v2 resource-scope syntax. */
export function parseResourceScope(scope: string): ResourceScope | undefined {
  const m = RESOURCE.exec(scope);
  if (!m) return undefined;
  const [, context, resourceType, perm, query = ''] = m;
  let permissions: string;
  let v1 = false;
  if (V1[perm]) {
    permissions = V1[perm];
    v1 = true;
  } else {
    if (!/^c?r?u?d?s?$/.test(perm) || perm === '') return undefined;
    permissions = perm;
  }
  if (query && !/^[A-Za-z_][A-Za-z0-9_-]*=[^&=\s]+(?:&[A-Za-z_][A-Za-z0-9_-]*=[^&=\s]+)*$/.test(query)) return undefined;
  return { context: context as ResourceScope['context'], resourceType, permissions, query, v1 };
}

/** True for the scopes this server accepts at all (context scopes and valid resource scopes). */
export function isKnownScope(scope: string): boolean {
  return CONTEXT_SET.has(scope) || parseResourceScope(scope) !== undefined;
}

/** True when `scope` is a context/identity scope (not a resource scope). */
export function isContextScope(scope: string): boolean {
  return CONTEXT_SET.has(scope);
}

/**
 * True when a registered scope allows a requested one: same context, same type (or `*`), requested permissions
 * a subset, and the registered scope either unrestricted or restricted to the same query.
 */
export function scopeCovers(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  if (isContextScope(registered) || isContextScope(requested)) return false;
  const a = parseResourceScope(registered);
  const b = parseResourceScope(requested);
  if (!a || !b) return false;
  if (a.context !== b.context) return false;
  if (a.resourceType !== '*' && a.resourceType !== b.resourceType) return false;
  if (![...b.permissions].every((p) => a.permissions.includes(p))) return false;
  return a.query === '' || a.query === b.query;
}

/** Splits a space-delimited scope string into unique non-empty tokens, keeping order. */
export function splitScopes(value: string | undefined | null): string[] {
  return [...new Set((value ?? '').split(' ').filter(Boolean))];
}

/**
 * The scopes of `requested` an app may receive: known syntax and covered by one of its registered scopes.
 * Context scopes (openid, launch, offline_access...) must also be registered to be allowed.
 */
export function allowedScopes(requested: string[], registered: string[]): string[] {
  return requested.filter((s) => isKnownScope(s) && registered.some((r) => scopeCovers(r, s)));
}
