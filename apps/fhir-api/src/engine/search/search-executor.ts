/**
 * Runs searches and reads of one resource type over its sources with keyset paging.
 *
 * Paging order: (sort value?, source index, primary key, item index), all ascending or all descending. Each
 * source is queried for at most `count + 1` resources after the cursor, ordered by (sort column, primary key)
 * (index-backed: every clinical table is indexed by PAT_ID and most by (PAT_ID, date)); the sources' results are
 * merged in memory and the first `count` returned. Because the key is unique and positions are values, not
 * offsets, rows inserted or deleted between pages never shift a page. Rows that yield several resources
 * (VITALS, SOCIAL_HX) are expanded in memory, and the item index breaks ties within a row.
 */
import type { DataSource } from 'typeorm';
import { type SearchClause, type SortRule, invalid } from '#facade/fhir';
import type { MapperContext } from '#facade/mappers';
import { NO_ENGINE_OBSERVER, type EngineObserver } from '#facade/observability/src/telemetry/engine-observer.js';
import type { FhirResource, ResourceDefinition, ResourceSource, SourceRow } from '../registry/resource-definition.js';
import { dialectOfDataSource } from '../sql/dialect.js';
import { ResourceCache } from '../cache/resource-cache.js';
import { SourceQueryRunner, type Job } from '../sql/source-query.js';
import { ParamBag, type SqlDialect } from '../sql/sql-fragment.js';
import { compareKeys, type Cursor } from './cursor.js';
import { KeyFirstLoader, type LoadedRow } from './key-first.js';
import { sourceConditions, type AccessScope, type ItemFilter } from './source-conditions.js';

/** One search to run. */
export interface SearchPlan {
  def: ResourceDefinition;
  clauses: readonly SearchClause[];
  access: AccessScope;
  sort?: SortRule;
  count: number;
  cursor?: Cursor;
  /** Walk the order backwards from the cursor (a `previous` page); results still come in walking order. */
  reverse?: boolean;
  /**
   * Pages end on a row boundary (the Bulk export): `count` bounds the rows read per source, and every item of those
   * rows is returned, so a wide row (VITALS ...) is mapped once instead of once per page that holds some of its items.
   */
  wholeRows?: boolean;
  /**
   * Read full rows and keep nothing in the mapped-resource cache (the Bulk export: every row is read once, so caching
   * would run a version statement per page for nothing and evict the API's working set with a whole practice's data).
   */
  uncached?: boolean;
}

/** A resource found, with its row (for includes and Provenance) and paging key. */
export interface FoundResource {
  resource: FhirResource;
  row: SourceRow;
  source: ResourceSource;
  key: Cursor;
}

/** One page: the resources found and, when more match, the position to continue from. */
export interface SearchPage {
  found: FoundResource[];
  /**
   * Where the next page starts when more may match: after the last resource, or, when a source gave up after its
   * round limit, after the last row it read (the page may then be short, even empty, but always has a `next`).
   */
  next?: Cursor;
}

/** Result of a read: the resource, a deleted row (410), or nothing visible (404). */
export type ReadResult = { kind: 'found'; found: FoundResource } | { kind: 'deleted' } | { kind: 'missing' };

const isMulti = (s: ResourceSource) => !!s.itemTokens;

/** One source's part of a page; `stop` = where it gave up after its round limit with matches possibly unread. */
interface SourceResult {
  found: FoundResource[];
  stop?: Cursor;
}

/**
 * The sources' matches in one array (to be sorted in place): the one source with matches as it is (a type's other
 * sources are often ruled out or empty), else copied by a loop (`flatMap` costs ~10k machine instructions a page).
 */
function mergedFound(perSource: readonly SourceResult[]): FoundResource[] {
  let only: FoundResource[] | undefined;
  let n = 0;
  for (const r of perSource) {
    if (r.found.length === 0) continue;
    only = n === 0 ? r.found : undefined;
    n += r.found.length;
  }
  if (only) return only;
  const out = new Array<FoundResource>(n);
  let k = 0;
  for (const r of perSource) for (const f of r.found) out[k++] = f;
  return out;
}

/** Statements one source may run for one page of wide rows whose items are filtered out (then the page ends there). */
export const MAX_SOURCE_ROUNDS = 50;

/** Default bound of the mapped-resource cache (config `FHIR_RESOURCE_CACHE_MB`). */
export const DEFAULT_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * The engine's entry point for one legacy database. `read` and `search` return plain values on SQLite (the whole
 * request's statements run synchronously, no promise chain) and promises on PostgreSQL / SQL Server; callers
 * `await` either.
 */
export class SearchExecutor {
  readonly dialect: SqlDialect;
  readonly queries: SourceQueryRunner;
  readonly cache: ResourceCache;
  private readonly loader: KeyFirstLoader;

  /** Statements per source and page before a page ends early (with a `next` link); see {@link MAX_SOURCE_ROUNDS}. */
  maxRounds = MAX_SOURCE_ROUNDS;

  /**
   * @param cacheBytes approximate bound of the mapped-resource cache (0 disables it).
   * @param observer told of statements and cache lookups (telemetry: Telemetry.engineObserver).
   */
  constructor(ds: DataSource, private readonly zone: string, cacheBytes = DEFAULT_CACHE_BYTES, observer: EngineObserver = NO_ENGINE_OBSERVER) {
    this.dialect = dialectOfDataSource(ds);
    this.queries = new SourceQueryRunner(ds, observer);
    this.cache = new ResourceCache(cacheBytes);
    this.loader = new KeyFirstLoader(this.queries, this.cache, observer);
  }

  private sortColumn(source: ResourceSource, sort: SortRule | undefined): string | undefined {
    if (!sort) return undefined;
    const col = sort.param === '_lastUpdated' ? source.lastUpdatedColumn : source.sort?.[sort.param];
    if (!col) throw invalid(`Sorting by ${sort.param} is not supported`, { messageCode: 'SEARCH_SORT_UNSUPPORTED', expression: '_sort' });
    return col;
  }

  /** One page of a search. */
  search(plan: SearchPlan, ctx: MapperContext): SearchPage | Promise<SearchPage> {
    const descending = !!plan.sort?.descending !== !!plan.reverse;
    const jobs = plan.def.sources.map((source, i) => this.fetchSource(plan, source, i, descending, ctx));
    const after = (a: Cursor, b: Cursor) => (descending ? -1 : 1) * compareKeys(a, b) > 0;
    const merge = (perSource: SourceResult[]): SearchPage => {
      // A source that gave up after its round limit has matches still unread after `stop`: nothing beyond the
      // earliest such position may be returned (it would skip them), and the page continues from there.
      const stop = perSource.reduce<Cursor | undefined>((m, r) => (r.stop && (!m || after(m, r.stop)) ? r.stop : m), undefined);
      let merged = mergedFound(perSource).sort((a, b) => (descending ? -1 : 1) * compareKeys(a.key, b.key));
      if (stop) merged = merged.filter((f) => !after(f.key, stop));
      const found = merged.length > plan.count && !plan.wholeRows ? merged.slice(0, plan.count) : merged;
      if (merged.length > plan.count && !plan.wholeRows) return { found, next: found[found.length - 1].key };
      return { found, next: stop };
    };
    if (this.queries.sync) return merge(jobs.map((job) => this.queries.drive(job) as SourceResult));
    return Promise.all(jobs.map((job) => this.queries.drive(job))).then(merge);
  }

  private *fetchSource(plan: SearchPlan, source: ResourceSource, i: number, descending: boolean, ctx: MapperContext): Job<SourceResult> {
    const sortColumn = this.sortColumn(source, plan.sort);
    const c = plan.cursor;
    // Without a sort, sources come one after the other: a source wholly before the cursor has nothing left.
    if (c && !sortColumn && (descending ? i > c.i : i < c.i)) return { found: [] };
    // Whole rows: at least two rows besides the probe, so the page always ends after the cursor's own row.
    const want = (plan.wholeRows ? Math.max(plan.count, 2) : plan.count) + 1;
    const out: FoundResource[] = [];
    let position = c;
    for (let round = 0; out.length < want; round++) {
      if (round === this.maxRounds) return { found: out, stop: position };
      const bag = new ParamBag(this.dialect);
      const cond = sourceConditions(source, {
        clauses: plan.clauses, access: plan.access, bag, zone: this.zone,
        keyset: position ? { cursor: position, sourceIndex: i, sortColumn, descending, multiItem: isMulti(source) } : undefined,
      });
      const query = { source, where: cond.where, values: bag.values, joinPatient: cond.joinPatient, sortColumn, descending, limit: want, mode: 'rows' as const };
      const rows = yield* (plan.uncached ? this.loader.loadUncached(query, ctx) : this.loader.load(query, ctx));
      for (const row of rows) {
        for (const f of this.expand(source, i, row, cond.itemFilter)) {
          if (position && (descending ? compareKeys(f.key, position) >= 0 : compareKeys(f.key, position) <= 0)) continue;
          out.push(f);
        }
      }
      if (plan.wholeRows && rows.length === want) {
        // The last row only shows that more follow: its items start the next page, after the row before it (the
        // merge drops what lies after `stop`).
        const kept = rows[rows.length - 2];
        return { found: out, stop: { s: sortColumn ? kept.sort : null, i, k: kept.pk, x: descending ? -1 : Number.MAX_SAFE_INTEGER } };
      }
      if (rows.length < want || !isMulti(source)) break;
      // Wide rows whose items were filtered out: continue after the last row read.
      const last = rows[rows.length - 1];
      position = { s: sortColumn ? last.sort : null, i, k: last.pk, x: Number.MAX_SAFE_INTEGER };
      if (descending) position.x = -1;
    }
    return { found: out };
  }

  private expand(source: ResourceSource, i: number, loaded: LoadedRow, filter?: ItemFilter): FoundResource[] {
    const entry = loaded.entry;
    if (!entry) return [];
    const out: FoundResource[] = [];
    for (const item of entry.items) {
      if (filter && !filter(loaded.pk, item)) continue;
      out.push({ resource: item.resource, row: entry.row, source, key: { s: loaded.sort, i, k: loaded.pk, x: item.sub } });
    }
    return out;
  }

  /**
   * `Bundle.total`: the number of resources matching, counted in SQL (`COUNT(*)`, or the sum of the items' presence
   * predicates for wide rows). Only wide rows under a per-item filter (a `code` search or granular scope on VITALS)
   * are loaded and expanded, as the filter runs on the mapped items.
   */
  async count(plan: SearchPlan, ctx: MapperContext): Promise<number> {
    let total = 0;
    for (const source of plan.def.sources) {
      const bag = new ParamBag(this.dialect);
      const cond = sourceConditions(source, { clauses: plan.clauses, access: plan.access, bag, zone: this.zone });
      if (!cond.itemFilter && (!isMulti(source) || source.itemPresence || source.itemCount)) {
        total += await this.queries.count({ source, where: cond.where, values: bag.values, joinPatient: cond.joinPatient, descending: false, mode: 'count' });
        continue;
      }
      const rows = await this.queries.drive(this.loader.load({ source, where: cond.where, values: bag.values, joinPatient: cond.joinPatient, descending: false, mode: 'rows' }, ctx));
      for (const row of rows) total += this.expand(source, 0, row, cond.itemFilter).length;
    }
    return total;
  }

  /**
   * Reads one resource by id within the token's compartment. Deleted rows are found (410) only when the caller
   * could have seen them; ids of other compartments are simply missing (404).
   */
  read(def: ResourceDefinition, id: string, access: AccessScope, ctx: MapperContext): ReadResult | Promise<ReadResult> {
    return this.queries.drive(this.readJob(def, id, access, ctx));
  }

  private *readJob(def: ResourceDefinition, id: string, access: AccessScope, ctx: MapperContext): Job<ReadResult> {
    for (const [i, source] of def.sources.entries()) {
      const parsed = source.parseId(id);
      if (!parsed) continue;
      const bag = new ParamBag(this.dialect);
      const idClause: SearchClause = { param: '_id', values: [{ kind: 'token', value: { code: id } }] };
      const cond = sourceConditions(source, { clauses: [idClause], access, bag, zone: this.zone, includeDeleted: true });
      const rows = yield* this.loader.load({ source, where: cond.where, values: bag.values, joinPatient: cond.joinPatient, descending: false, limit: 1, mode: 'rows' }, ctx, parsed.pk);
      if (rows.length === 0) return { kind: 'missing' };
      if (rows[0].deleted) return { kind: 'deleted' };
      const items = this.expand(source, i, rows[0], cond.itemFilter);
      return items.length ? { kind: 'found', found: items[0] } : { kind: 'missing' };
    }
    return { kind: 'missing' };
  }
}
