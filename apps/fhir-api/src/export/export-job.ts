/**
 * What one export reads, derived from the caller and the parsed request with the search path's own rules: the
 * types (requested ∩ scoped ∩ exportable), per type the caller's access (`authorize`, as for a search) narrowed
 * to the exported patients (Patient/Group level), the `_since` and `_typeFilter` clauses (parsed by `parseSearch`
 * against the type's search spec, so they run as the same SQL as a search) and `_elements`. The kick-off builds it
 * to validate the request; each worker rebuilds it from the stored request and caller, so a chunk never runs with
 * more than the kick-off's token could reach.
 */
import { forbidden, invalid, notSupported, parseSearch, type IssueInput, type SearchClause } from '#facade/fhir';
// The modules themselves, not the library's index: the export thread needs neither token verification nor jose.
import { parseScopes } from '#facade/security/src/scopes/smart-scope.js';
import type { AccessTokenClaims } from '#facade/security/src/tokens/access-token-claims.js';
import type { RegisteredType, ResourceRegistry } from '../engine/registry/resource-registry.js';
import type { AccessScope, ExportRestriction } from '../engine/search/source-conditions.js';
import { authorize, type Caller } from '../service/request-auth.js';
import type { ExportRequest } from './export-request.js';
import type { GroupMembers } from './group-members.js';

/** The claims an export keeps of its kick-off token (no token, no expiry: the export runs after the token expires). */
export type ExportClaims = Pick<AccessTokenClaims, 'client_id' | 'scope' | 'sub' | 'practice' | 'practices'>;

/** One exported type. */
export interface ExportTypePlan {
  type: string;
  entry: RegisteredType;
  /** The caller's access to the type, with the export's patient restriction. */
  access: AccessScope;
  /** `_since` as `_lastUpdated=gt...`. */
  clauses: SearchClause[];
  /** `_elements` of this type (undefined: whole resources). */
  elements?: string[];
}

/** Everything a chunk needs to know about its export. */
export interface ExportJob {
  types: Map<string, ExportTypePlan>;
  /** Whether Provenance of the exported resources is written (`Provenance` file). */
  provenance: boolean;
  /** Issues of ignored parameters (lenient handling), for the manifest's `error` file. */
  issues: IssueInput[];
  /** The exported patients: the token's practice(s) and the level's restriction (group, `patient`). */
  patients: AccessScope;
}

/** Types that a bulk export can contain: searchable types read from EHR rows (Binary is exported as DocumentReference). */
export function isExportable(t: RegisteredType): boolean {
  return t.def.sources.length > 0 && t.def.type !== 'Binary' && t.def.interactions.includes('search-type');
}

/** The caller as the search path sees it, rebuilt from the stored claims. */
export function exportCaller(claims: ExportClaims): Caller {
  const full = { ...claims, iss: '', aud: '', exp: 0, iat: 0, jti: '' } as AccessTokenClaims;
  return { base: 'fhir', claims: full, scopes: parseScopes(claims.scope) };
}

/** A system/ or user/ scope that allows reading and searching the type (bulk data never uses patient/ scopes). */
function scoped(caller: Caller, type: string): boolean {
  return caller.scopes.some((s) => s.context !== 'patient' && (s.resourceType === '*' || s.resourceType === type) && s.read && s.search);
}

/** AND of two OR-of-AND filter lists (granular scopes and `_typeFilter`s). */
function combine(a: SearchClause[][] | undefined, b: SearchClause[][] | undefined): SearchClause[][] | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.flatMap((x) => b.map((y) => [...x, ...y]));
}

/**
 * Builds the job. With `strict` (the kick-off) every problem is an error unless the request is lenient; the
 * worker rebuilds with `strict` false and the same outcome.
 * @throws FhirError 400 (bad `_type`/`_typeFilter`), 403 (a requested type outside the scopes, a patient/ token), 404 (unknown group).
 */
export function buildExportJob(registry: ResourceRegistry, claims: ExportClaims, req: ExportRequest, opts: { timeZone: string; groups: GroupMembers; lenient: boolean }): ExportJob {
  const caller = exportCaller(claims);
  const issues: IssueInput[] = [...req.ignored];
  const refuse = (e: Error & { outcome?: { issue: IssueInput[] } }, param: string) => {
    if (!opts.lenient) throw e;
    issues.push({ code: 'not-supported', severity: 'warning', messageCode: 'EXPORT_PARAM_IGNORED', diagnostics: `${e.message} (ignored: Prefer handling=lenient)`, expression: param });
  };
  if (!caller.scopes.some((s) => s.context !== 'patient')) throw forbidden('Bulk export needs system/ or user/ scopes');
  // The patients the export may reach: the token's practice(s), as a search confines system/ and user/ tokens.
  const confinement: AccessScope = claims.practice !== undefined ? { practiceId: claims.practice } : claims.practices?.length ? { practiceIds: [...claims.practices] } : {};
  if (confinement.practiceId === undefined && !confinement.practiceIds) throw forbidden('Bulk export needs a token with a practice (or practices)');
  const restrict: ExportRestriction = {};
  if (req.level === 'group') restrict.members = opts.groups.restrictionOf(req.groupId ?? '', confinement);
  if (req.patients) restrict.patients = req.patients;

  const all = registry.all().filter(isExportable);
  let wanted: RegisteredType[];
  let provenance = req.provenance && !!registry.get('Provenance');
  if (req.types) {
    wanted = [];
    provenance = provenance && req.types.includes('Provenance');
    for (const type of req.types) {
      if (type === 'Provenance') continue;
      const t = registry.get(type);
      if (!t || !isExportable(t)) refuse(invalid(`_type ${type} is not a type this server exports`, { messageCode: 'EXPORT_TYPE_UNSUPPORTED', expression: '_type' }), '_type');
      else if (!scoped(caller, type)) refuse(forbidden(`The access token grants no access to ${type}`), '_type');
      else wanted.push(t);
    }
  } else wanted = all.filter((t) => scoped(caller, t.def.type));
  if (provenance && !scoped(caller, 'Provenance')) provenance = false;

  const sinceClauses = (t: RegisteredType): SearchClause[] =>
    req.since === undefined ? [] : parseSearch([['_lastUpdated', `gt${new Date(req.since).toISOString()}`]], t.spec, { timeZone: opts.timeZone }).clauses;

  const filtersByType = new Map<string, SearchClause[][]>();
  for (const filter of req.typeFilters) {
    const q = filter.indexOf('?');
    const type = q < 0 ? filter : filter.slice(0, q);
    const t = registry.get(type);
    if (!t || !isExportable(t)) {
      refuse(invalid(`_typeFilter ${type} is not a type this server exports`, { messageCode: 'EXPORT_TYPE_UNSUPPORTED', expression: '_typeFilter' }), '_typeFilter');
      continue;
    }
    const query = [...new URLSearchParams(q < 0 ? '' : filter.slice(q + 1))];
    const result = query.filter(([k]) => k.startsWith('_') && k !== '_id' && k !== '_lastUpdated');
    if (query.length === 0 || result.length > 0) {
      refuse(notSupported(`_typeFilter ${filter}: a query of search parameters without result parameters (_include, _sort, _count ...) is needed`, { expression: '_typeFilter' }), '_typeFilter');
      continue;
    }
    try {
      const parsed = parseSearch(query, t.spec, { timeZone: opts.timeZone });
      filtersByType.set(type, [...(filtersByType.get(type) ?? []), parsed.clauses]);
    } catch (e) {
      refuse(e as Error, '_typeFilter');
    }
  }

  const types = new Map<string, ExportTypePlan>();
  for (const t of wanted) {
    const type = t.def.type;
    const own = authorize(caller, t, 'search', opts.timeZone);
    // Types outside the patient compartment (Practitioner ...) are confined to the caller's practice(s) where their table has one.
    const access: AccessScope = {
      ...(t.def.inPatientCompartment ? own : { ...own, ...confinement }),
      filters: combine(own.filters, filtersByType.get(type)),
      restrict,
    };
    const elements = req.elements?.flatMap((e) => (!e.includes('.') ? [e] : e.startsWith(`${type}.`) ? [e.slice(type.length + 1)] : []));
    types.set(type, { type, entry: t, access, clauses: sinceClauses(t), elements: elements?.length ? elements : undefined });
  }
  if (types.size === 0 && !provenance) throw forbidden('No resource type of this export is within the access token\'s scopes');
  return { types, provenance, issues, patients: { ...confinement, restrict } };
}
