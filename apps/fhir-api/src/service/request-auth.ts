/**
 * Bearer-token authentication and per-type authorisation of one request: the token is verified locally
 * (libs/security), its scopes decide what the request may reach, and granular scopes become search clauses.
 */
import { FhirError, forbidden, unauthorized, parseSearch, type SearchClause } from '#facade/fhir';
// The modules themselves, not the library's index: `authorize` also runs in the export thread, which needs no jose.
import { decideAccess, parseScopes, type ResourceInteraction, type ResourceScope } from '#facade/security/src/scopes/index.js';
import type { AccessTokenClaims } from '#facade/security/src/tokens/access-token-claims.js';
import type { AccessTokenVerifier } from '#facade/security/src/tokens/access-token-verifier.js';
import { InvalidTokenError, RevocationsUnavailableError } from '#facade/security/src/tokens/token-errors.js';
import type { RegisteredType } from '../engine/registry/resource-registry.js';
import type { AccessScope } from '../engine/search/source-conditions.js';

/** Which base a request came to. */
export type FhirBase = 'fhir' | 'open';

/** The authenticated caller of one request. */
export interface Caller {
  base: FhirBase;
  claims: AccessTokenClaims;
  scopes: ResourceScope[];
}

/** The caller built from each cached claims object: the scopes are parsed once per token, not per request. */
const callers = new WeakMap<AccessTokenClaims, Caller>();

function callerOf(claims: AccessTokenClaims, base: FhirBase): Caller {
  let caller = callers.get(claims);
  if (caller?.base !== base) {
    caller = { base, claims, scopes: parseScopes(claims.scope) };
    callers.set(claims, caller);
  }
  return caller;
}

function missingToken(audience: string) {
  return unauthorized('An access token is required (Authorization: Bearer <token>)', { headers: { 'WWW-Authenticate': `Bearer realm="${audience}"` } });
}

function invalidToken(e: unknown, audience: string): unknown {
  // The facade store is unreachable and the revocations are out of date: fail closed, never a 200.
  if (e instanceof RevocationsUnavailableError) {
    return FhirError.of(503, { code: 'transient', messageCode: 'TOKEN_CHECK_UNAVAILABLE', diagnostics: 'Access tokens cannot be checked right now. Try again later.' }, { 'Retry-After': '5' });
  }
  if (!(e instanceof InvalidTokenError)) return e;
  return unauthorized(e.message, {
    messageCode: `TOKEN_${e.code.toUpperCase()}`,
    headers: { 'WWW-Authenticate': `Bearer realm="${audience}", error="invalid_token", error_description="${e.message}"` },
  });
}

const BEARER = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i;

/**
 * Verifies the `Authorization: Bearer` header for the base's audience.
 * @throws FhirError 401 with `WWW-Authenticate: Bearer ...` (RFC 6750) when missing or invalid.
 */
export async function authenticate(verifier: AccessTokenVerifier, authorization: string | undefined, base: FhirBase, audience: string): Promise<Caller> {
  const known = authenticateCached(verifier, authorization, base, audience);
  if (known) return known;
  const m = BEARER.exec(authorization ?? '');
  if (!m) throw missingToken(audience);
  try {
    return callerOf(await verifier.verify(m[1], audience), base);
  } catch (e) {
    throw invalidToken(e, audience);
  }
}

/**
 * The synchronous path of {@link authenticate}: the caller when the header is `Bearer <token>` with a token the
 * verifier has already checked for this audience (still expiry- and revocation-checked), else `undefined` (then
 * call `authenticate`, which also answers the malformed and missing cases).
 * @throws FhirError 401 when the cached token has expired or was revoked.
 */
export function authenticateCached(verifier: AccessTokenVerifier, authorization: string | undefined, base: FhirBase, audience: string): Caller | undefined {
  // Only the canonical spelling takes this path; any other (case, spaces) is parsed by `authenticate`.
  if (authorization === undefined || !authorization.startsWith('Bearer ')) return undefined;
  let claims;
  try {
    claims = verifier.verifyCached(authorization.slice(7), audience);
  } catch (e) {
    throw invalidToken(e, audience);
  }
  return claims && callerOf(claims, base);
}

/** A clause that matches nothing: what a granular scope grants when it cannot be evaluated (fail closed). */
const NOTHING: SearchClause[] = [{ param: '_id', values: [] }];

/**
 * A granular scope's query (`category=...`) as search clauses. It must restrict: one clause per query parameter,
 * no result parameters (`_count`, `_sort` ...), no empty values; anything else grants nothing.
 */
function scopeFilterClauses(filter: Record<string, string[]>, entry: RegisteredType, timeZone: string): SearchClause[] {
  const query: [string, string][] = Object.entries(filter).flatMap(([k, vs]) => vs.map((v): [string, string] => [k, v]));
  if (query.length === 0 || query.some(([k, v]) => k.startsWith('_') || v === '')) return NOTHING;
  try {
    const clauses = parseSearch(query, entry.spec, { timeZone }).clauses;
    return clauses.length === query.length ? clauses : NOTHING;
  } catch {
    return NOTHING;
  }
}

/**
 * What the caller may reach of a type for an interaction.
 * @throws FhirError 403 when the scopes do not allow it.
 */
export function authorize(caller: Caller, entry: RegisteredType, interaction: ResourceInteraction, timeZone: string): AccessScope {
  const decision = decideAccess({
    scopes: caller.scopes,
    patient: caller.claims.patient,
    practice: caller.claims.practice,
    practices: caller.claims.practices,
    base: caller.base,
    resourceType: entry.def.type,
    interaction,
    inPatientCompartment: entry.def.inPatientCompartment,
    practiceOnly: entry.def.practiceOnly,
  });
  if (!decision.allowed) throw forbidden(decision.reason);
  let filters: SearchClause[][] | undefined;
  if (decision.filters) {
    filters = decision.filters.map((f) => scopeFilterClauses(f, entry, timeZone));
  }
  return { patientId: decision.patientId, practiceId: decision.practiceId, practiceIds: decision.practiceIds, filters };
}
