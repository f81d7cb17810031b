/**
 * ResourceService of the architecture: looks the type up in the registry, checks scopes and compartment, runs the
 * engine, and assembles the searchset Bundle (links keep every parameter; `_cursor` carries the keyset position).
 */
import { gone, invalid, notFound, parseSearch, type SearchQueryInput, toQueryString, type SearchRequest, shapeResource, buildSearchBundle, type Bundle as FhirBundle, methodNotAllowed } from '#facade/fhir';
import { type MapperContext, parseProvenanceId } from '#facade/mappers';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import type { RegisteredType, ResourceRegistry } from '../engine/registry/resource-registry.js';
import { createHash } from 'node:crypto';
import { decodePageCursor, encodePageCursor, type Cursor } from '../engine/search/cursor.js';
import type { FoundResource, ReadResult, SearchExecutor, SearchPlan } from '../engine/search/search-executor.js';
import { authorize, type Caller } from './request-auth.js';
import { ProvenanceBuilder } from './provenance.js';
import { rawContentOf, type RawContent } from './binary-content.js';
import { docrefSearchQuery } from './docref-operation.js';

/** What every request needs besides the caller. */
export interface RequestScope {
  caller: Caller;
  /** Absolute base of the request (`<FHIR_PUBLIC_URL>/fhir` or `/open`). */
  baseUrl: string;
  ctx: MapperContext;
}

/** A searchset Bundle as the service returns it. */
export type Bundle = FhirBundle & FhirResource;

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

/** The resource of a read's result; 410 for a deleted row, 404 when nothing is visible. */
function foundResource(type: string, id: string, result: ReadResult): FhirResource {
  if (result.kind === 'deleted') throw gone(type, id);
  if (result.kind === 'missing') throw notFound(type, id);
  return result.found.resource;
}

/** Reads and searches of every registered type, with scope checks, paging, includes and Provenance. */
export class FhirService {
  private readonly provenance: ProvenanceBuilder;
  private readonly scopes = new Map<string, string>();

  constructor(
    private readonly registry: ResourceRegistry,
    private readonly engine: SearchExecutor,
    private readonly timeZone: string,
    /** HMAC key of paging cursors (a deployment secret shared by all instances). */
    private readonly cursorKey: string,
  ) {
    this.provenance = new ProvenanceBuilder(engine);
  }

  /** The registered type, or 404 `MSG_UNKNOWN_TYPE`. */
  typeOf(type: string): RegisteredType {
    const entry = this.registry.get(type);
    if (!entry) throw notFound(type);
    return entry;
  }

  /** `GET [type]/[id]`: the current resource; rejects with 404 when absent or outside the caller's reach, 410 when deleted. */
  async read(rs: RequestScope, type: string, id: string): Promise<FhirResource> {
    return this.readNow(rs, type, id);
  }

  /**
   * {@link read} for the HTTP hot path: a plain value when the engine answers synchronously (SQLite: no promise
   * between the route and the reply), else a promise; errors are thrown synchronously or rejected.
   */
  readNow(rs: RequestScope, type: string, id: string): FhirResource | Promise<FhirResource> {
    const entry = this.typeOf(type);
    if (!FHIR_ID.test(id)) throw invalid(`'${id}' is not a valid resource id`, { messageCode: 'MSG_ID_INVALID' });
    if (type === 'Binary') return this.readBinary(rs, id);
    const access = authorize(rs.caller, entry, 'read', this.timeZone);
    if (type === 'Provenance') return this.readProvenance(rs, id);
    if (entry.def.constant) {
      const found = entry.def.constant(rs.baseUrl).find((r) => r.id === id);
      if (!found) throw notFound(type, id);
      return found;
    }
    const result = this.engine.read(entry.def, id, access, rs.ctx);
    return result instanceof Promise ? result.then((r) => foundResource(type, id, r)) : foundResource(type, id, result);
  }

  /**
   * `GET Binary/<id>`: the content of `DocumentReference/<id>`, readable exactly when that DocumentReference is
   * (its scopes incl. granular filters, patient compartment, practice): 403 without DocumentReference read
   * scope, 404 when the DocumentReference is out of reach, 410 when it was deleted.
   */
  private async readBinary(rs: RequestScope, id: string): Promise<FhirResource> {
    const documents = this.typeOf('DocumentReference');
    const access = authorize(rs.caller, documents, 'read', this.timeZone);
    const document = await this.engine.read(documents.def, id, access, rs.ctx);
    if (document.kind === 'deleted') throw gone('Binary', id);
    if (document.kind === 'missing') throw notFound('Binary', id);
    // The same compartment again (no granular filters: they were checked on the DocumentReference).
    const confined = { patientId: access.patientId, practiceId: access.practiceId, practiceIds: access.practiceIds };
    const binary = await this.engine.read(this.typeOf('Binary').def, id, confined, rs.ctx);
    if (binary.kind === 'deleted') throw gone('Binary', id);
    if (binary.kind === 'missing') throw notFound('Binary', id);
    return binary.found.resource;
  }

  /**
   * `GET Binary/<id>` for a client that asked for the document itself (binary-content.ts `wantsNativeContent`):
   * the stored bytes and their content type, with the same access rules as {@link readBinary}.
   * @throws FhirError 406 when `accept` does not admit the document's content type.
   */
  async readBinaryContent(rs: RequestScope, id: string, accept: string): Promise<RawContent> {
    return rawContentOf(await this.read(rs, 'Binary', id), accept);
  }

  /** `GET Provenance/<Type>-<id>`: built from the target's row, which must itself be readable. */
  private async readProvenance(rs: RequestScope, id: string): Promise<FhirResource> {
    const parsed = parseProvenanceId(id);
    const target = parsed && parsed.targetType !== 'Provenance' ? this.registry.get(parsed.targetType) : undefined;
    if (!parsed || !target) throw notFound('Provenance', id);
    let access;
    try {
      access = authorize(rs.caller, target, 'read', this.timeZone);
    } catch {
      throw notFound('Provenance', id);
    }
    const result = await this.engine.read(target.def, parsed.targetId, access, rs.ctx);
    if (result.kind === 'deleted') throw gone('Provenance', id);
    if (result.kind === 'missing') throw notFound('Provenance', id);
    const [provenance] = await this.provenance.build([result.found], rs.ctx);
    if (!provenance) throw notFound('Provenance', id);
    return provenance;
  }

  /** `GET [type]?...` / `POST [type]/_search`. */
  async search(rs: RequestScope, type: string, query: SearchQueryInput, lenient: boolean): Promise<{ bundle: Bundle; request: SearchRequest }> {
    const entry = this.typeOf(type);
    if (!entry.def.interactions.includes('search-type')) throw methodNotAllowed(`Searching ${type} is not supported; read it by id`);
    const request = parseSearch(query, entry.spec, { timeZone: this.timeZone, lenient });
    const access = authorize(rs.caller, entry, 'search', this.timeZone);
    if (request.sort.length > 1) throw invalid('Only one _sort key is supported', { messageCode: 'SEARCH_SORT_UNSUPPORTED', expression: '_sort' });
    // Cursors are bound to this type and query (every parameter but the cursor itself).
    const queryString = toQueryString(request, { cursor: null });
    const scope = this.cursorScope(type, queryString);
    const cursor = request.cursor ? decodePageCursor(request.cursor, this.cursorKey, scope) : undefined;
    const reverse = cursor?.direction === 'prev';
    const plan: SearchPlan = { def: entry.def, clauses: request.clauses, access, sort: request.sort[0], count: request.count, cursor: cursor?.at, reverse };

    const countOnly = request.summary === 'count' || request.count === 0;
    const total = countOnly || request.total === 'accurate' || request.total === 'estimate' ? await this.engine.count(plan, rs.ctx) : undefined;
    if (countOnly) return { bundle: buildSearchBundle({ baseUrl: rs.baseUrl, request, matches: [], total }) as Bundle, request };

    // Awaited only when it is a promise (PostgreSQL, SQL Server): on SQLite the page is a plain value.
    const pending = this.engine.search(plan, rs.ctx);
    const page = pending instanceof Promise ? await pending : pending;
    const found = reverse ? [...page.found].reverse() : page.found;
    const sign = (at: Cursor | undefined, direction: 'next' | 'prev') => (at ? encodePageCursor({ at, direction }, this.cursorKey, scope) : undefined);
    const first = found[0]?.key;
    const last = found[found.length - 1]?.key;
    // `page.next` is where the walk continues (after the last resource, or where a source gave up: a short page
    // still links on); backwards, the walk's continuation is the previous page.
    const nextCursor = reverse ? sign(last ?? cursor?.at, 'next') : sign(page.next, 'next');
    const previousCursor = reverse ? sign(page.next, 'prev') : cursor ? sign(first ?? cursor.at, 'prev') : undefined;
    const includes = request.include.length ? await this.includes(rs, entry, request, found) : [];
    if (request.revinclude.some((r) => r.sourceType === 'Provenance' && r.param === 'target')) includes.push(...(await this.revincludeProvenance(rs, found)));
    const bundle = buildSearchBundle({
      baseUrl: rs.baseUrl,
      request,
      matches: found.map((f) => (request.summary || request.elements ? shapeResource(f.resource as never, request) : f.resource)),
      includes,
      total,
      nextCursor,
      previousCursor,
      queryString,
    }) as Bundle;
    return { bundle, request };
  }

  /**
   * `DocumentReference/$docref` (US Core): the patient's existing documents as the DocumentReference search the
   * parameters translate to (docref-operation.ts), with that search's access rules and paging.
   */
  async docref(rs: RequestScope, params: Iterable<[string, string]>, lenient: boolean): Promise<{ bundle: Bundle; request: SearchRequest }> {
    return this.search(rs, 'DocumentReference', docrefSearchQuery(params), lenient);
  }

  /**
   * The scope paging cursors are bound to: the type and a digest of the query without its cursor. Memoised per
   * query string (SHA-256 per page was measurable; the same queries come back page after page), bounded.
   */
  private cursorScope(type: string, queryString: string): string {
    const key = `${type}?${queryString}`;
    let scope = this.scopes.get(key);
    if (scope === undefined) {
      scope = `${type}:${createHash('sha256').update(queryString).digest('base64url').slice(0, 16)}`;
      if (this.scopes.size >= 10_000) this.scopes.clear();
      this.scopes.set(key, scope);
    }
    return scope;
  }

  /** `_revinclude=Provenance:target`, when the caller may read Provenance. */
  private async revincludeProvenance(rs: RequestScope, found: FoundResource[]): Promise<FhirResource[]> {
    const entry = this.registry.get('Provenance');
    if (!entry) return [];
    try {
      authorize(rs.caller, entry, 'read', this.timeZone);
    } catch {
      return [];
    }
    return this.provenance.build(found, rs.ctx);
  }

  /**
   * `_include`: referenced resources, each fetched through its own type's access check, so an include never
   * reaches outside what the caller could read directly.
   */
  private async includes(rs: RequestScope, entry: RegisteredType, request: SearchRequest, found: FoundResource[]): Promise<FhirResource[]> {
    const out: FhirResource[] = [];
    if (request.include.length === 0) return out;
    const seen = new Set(found.map((f) => `${f.resource.resourceType}/${f.resource.id}`));
    // A parameter may have several target types (CareTeam:participant): each declared one the rule asks for.
    const wanted = request.include.flatMap((rule) =>
      (entry.def.includes ?? []).filter((i) => i.param === rule.param && i.sourceType === rule.sourceType && (!rule.targetType || rule.targetType === i.targetType)).map((def) => ({ rule, def })),
    );
    for (const { rule, def } of wanted) {
      const ids = new Set<string>();
      for (const f of found) {
        for (const ref of f.source.references?.(f.row)[rule.param] ?? []) {
          const [t, id] = ref.split('/');
          if (t === def.targetType && !seen.has(ref)) ids.add(id);
        }
      }
      if (ids.size === 0) continue;
      const target = this.registry.get(def.targetType);
      if (!target) continue;
      let access;
      try {
        access = authorize(rs.caller, target, 'read', this.timeZone);
      } catch {
        continue; // not readable by this caller: silently not included
      }
      const clauses = [{ param: '_id', values: [...ids].map((id) => ({ kind: 'token' as const, value: { code: id } })) }];
      const page = await this.engine.search({ def: target.def, clauses, access, count: ids.size }, rs.ctx);
      for (const f of page.found) {
        const key = `${f.resource.resourceType}/${f.resource.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(f.resource);
      }
    }
    return out;
  }
}
