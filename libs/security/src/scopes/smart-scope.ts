/**
 * SMART on FHIR resource scopes, v1 (`patient/*.read`) and v2 (`patient/Observation.rs?category=...`).
 * https://hl7.org/fhir/smart-app-launch/STU2.2/scopes-and-launch-context.html
 */

/** Whose data a scope reaches: the patient in context, what the user may see, or a backend system's. */
export type ScopeContext = 'patient' | 'user' | 'system';

/** One parsed resource scope. v1 `.read` maps to `rs`, `.write` to `cud`, `.*` to `cruds`. */
export interface ResourceScope {
  context: ScopeContext;
  /** A resource type or `*`. */
  resourceType: string;
  create: boolean;
  read: boolean;
  update: boolean;
  delete: boolean;
  search: boolean;
  /** v2 granular restriction (`?category=system|code`): parameter -> values, each parameter AND-ed. */
  filters?: Record<string, string[]>;
  /** The scope as granted. */
  raw: string;
  version: 1 | 2;
}

const SCOPE_RE = /^(patient|user|system)\/(\*|[A-Z][A-Za-z]+)\.([a-z*]+)(?:\?(.*))?$/;

/**
 * Parses one scope string. Returns undefined for scopes that are not resource scopes (`openid`, `launch/patient`,
 * `offline_access` ...) and for malformed resource scopes (out-of-order or unknown v2 letters), which grant nothing.
 */
export function parseResourceScope(raw: string): ResourceScope | undefined {
  const m = SCOPE_RE.exec(raw);
  if (!m) return undefined;
  const [, context, resourceType, perms, query] = m;
  let letters: string;
  let version: 1 | 2 = 2;
  if (perms === 'read') letters = 'rs';
  else if (perms === 'write') letters = 'cud';
  else if (perms === '*') letters = 'cruds';
  else {
    // v2: an ordered subset of c r u d s
    if (!/^c?r?u?d?s?$/.test(perms) || perms.length === 0) return undefined;
    letters = perms;
  }
  if (perms === 'read' || perms === 'write' || perms === '*') {
    version = 1;
    if (query !== undefined) return undefined;
  }
  let filters: Record<string, string[]> | undefined;
  if (query !== undefined) {
    filters = {};
    for (const part of query.split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      if (eq <= 0) return undefined;
      let name: string;
      let value: string;
      try {
        name = decodeURIComponent(part.slice(0, eq));
        value = decodeURIComponent(part.slice(eq + 1));
      } catch {
        return undefined; // a malformed percent-escape: the scope grants nothing
      }
      (filters[name] ??= []).push(value);
    }
    if (Object.keys(filters).length === 0) filters = undefined;
  }
  return {
    context: context as ScopeContext,
    resourceType,
    create: letters.includes('c'),
    read: letters.includes('r'),
    update: letters.includes('u'),
    delete: letters.includes('d'),
    search: letters.includes('s'),
    filters,
    raw,
    version,
  };
}

/** Parses a space-separated scope claim; non-resource scopes are left out. */
export function parseScopes(scope: string | undefined): ResourceScope[] {
  if (!scope) return [];
  const out: ResourceScope[] = [];
  for (const s of scope.split(/\s+/)) {
    const parsed = s ? parseResourceScope(s) : undefined;
    if (parsed) out.push(parsed);
  }
  return out;
}
