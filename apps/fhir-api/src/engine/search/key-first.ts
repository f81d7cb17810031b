/**
 * Key-first loading of one source query (search page or read), cache-first:
 * 1. the `versions` statement: the query's own FROM / WHERE / ORDER BY / LIMIT (same index use; the WHERE still
 *    decides compartment membership on every request) selecting only primary key, ROW_VER + UPDATED_AT of the row
 *    and its joined rows, the soft-delete flag, the sort value and per child table (PATIENT_RACE, PAT_CONTACT ...)
 *    the digest of the row's children (engine/sql/child-digest.ts), so adding, removing or changing a child row
 *    changes what the cached entry is compared with, in the same statement (children whose parent key leads no
 *    index, e.g. GOAL by CP_ID: one grouped digest statement for the page's cached rows instead);
 * 2. rows whose versions and children digests equal a cached entry's are served from it (a cached read is one
 *    statement); only the misses are fetched in full by primary key `IN (...)` with their children, normalised,
 *    mapped and stored.
 * Concurrency: the EHR may write between statements. A missed row fetched in full must carry the versions the
 * version statement saw (so it is the row that matched the WHERE); otherwise the whole query is re-run in full
 * (the classic path). Entries are always stamped with the versions of the very rows they were built from, and the
 * digests of the very child rows.
 * SQL Server 2016 has no ordered STRING_AGG (engine/sql/dialect.ts): there a source with children is read in full
 * on every request (the classic path, nothing cached); correct, slower.
 */
import type { MapperContext } from '#facade/mappers';
import { NO_ENGINE_OBSERVER, type EngineObserver } from '#facade/observability/src/telemetry/engine-observer.js';
import { resourceJson } from '../cache/json-text.js';
import { ResourceCache, sameValue, type CachedRow } from '../cache/resource-cache.js';
import type { ResourceSource, SourceChildren, SourceRow } from '../registry/resource-definition.js';
import { versionKeys, type CompiledPlan, type SourceQuery } from '../sql/plan-compiler.js';
import { keyColumnsOf, keyReader, type RowKey } from '../sql/row-key.js';
import type { Job, SourceQueryRunner } from '../sql/source-query.js';
import { childDigest, digestLabel, digestOf, EMPTY_DIGEST, type ChildDigestValue } from '../sql/child-digest.js';
import { CHUNK, childDigests, childGroups, keysQuery, type ChildGroups } from './child-rows.js';

/** One row of a source query's result, in result order. */
export interface LoadedRow {
  /** The row's key (a number, or a composite key's text: engine/sql/row-key.ts). */
  pk: RowKey;
  /** Normalised `__sort` value when sorting, else null. */
  sort: string | null;
  /** Soft-deleted (only reads see such rows: searches exclude them in SQL). */
  deleted: boolean;
  /** The row and its resources (absent for deleted rows). */
  entry?: CachedRow;
}

/** Approximate memory of an entry: its resources' JSON text plus the objects behind it (~3x the text). */
const BYTES_PER_JSON_CHAR = 4;
const ENTRY_OVERHEAD = 512;
const NO_VERSIONS: unknown[] = [];
/** From this many rows, normalised rows are copies of the plan's row shape (SourceQueryRunner.toRow). */
const MANY_ROWS = 8;

export class KeyFirstLoader {
  private readonly versionKeysOf = new WeakMap<ResourceSource, string[] | null>();
  private readonly keyReaders = new WeakMap<CompiledPlan, (r: readonly unknown[]) => RowKey>();

  /** @param observer told of each cache lookup (hits and misses: the cache metrics and spans). */
  constructor(
    private readonly queries: SourceQueryRunner,
    readonly cache: ResourceCache,
    private readonly observer: EngineObserver = NO_ENGINE_OBSERVER,
  ) {}

  private keys(source: ResourceSource): string[] | undefined {
    let k = this.versionKeysOf.get(source);
    if (k === undefined) this.versionKeysOf.set(source, (k = versionKeys(source) ?? null));
    return k ?? undefined;
  }

  /** The key of a plan's raw rows (made once per plan). */
  private keyReader(plan: CompiledPlan, source: ResourceSource): (r: readonly unknown[]) => RowKey {
    let f = this.keyReaders.get(plan);
    if (!f) this.keyReaders.set(plan, (f = keyReader(source, plan.at)));
    return f;
  }

  /** Positions of the source's version columns in a plan's rows. */
  private versionIndex(plan: CompiledPlan, source: ResourceSource): number[] {
    return (plan.versionIndex ??= this.keys(source)!.map((k) => plan.at[k]));
  }

  /** Positions of the children digests in a version statement's rows (source.children order; -1: checked apart). */
  private digestIndex(plan: CompiledPlan, source: ResourceSource): number[] {
    return (plan.digestIndex ??= (source.children ?? []).map((_, ci) => plan.at[digestLabel(ci)] ?? -1));
  }

  /**
   * Loads a `rows` query's result through the cache. `onlyKey`: the one primary key the query can return (a read);
   * when nothing is cached for it, the query runs in full at once (no version statement first).
   */
  *load(q: SourceQuery, ctx: MapperContext, onlyKey?: RowKey): Job<LoadedRow[]> {
    const source = q.source;
    if (q.where === false) return [];
    if (!this.cache.enabled || !this.keys(source)) return yield* this.full(q, ctx);
    // Children checked by digests need an ordered string aggregate (not on SQL Server 2016): read in full there,
    // nothing cached (an entry could never be checked).
    if (source.children?.length && !this.queries.capabilities.orderedStringAgg) return yield* this.full(q, ctx, false);
    const space = this.cache.space(ctx.baseUrl, source);
    if (onlyKey !== undefined && !this.cache.peek(space, onlyKey)) {
      this.observer.cacheLookup(0, 1, this.observer.traced ? performance.now() : 0);
      return yield* this.full(q, ctx);
    }
    const vplan = this.queries.plan({ ...q, mode: 'versions' });
    const started = this.observer.traced ? performance.now() : 0;
    const vrows = yield this.queries.step(vplan, q.values);
    const out = this.describe(vplan, source, vrows);
    const vIdx = this.versionIndex(vplan, source);
    const dIdx = this.digestIndex(vplan, source);
    // Candidates: the row's versions and its children's digests (same statement) equal a cached entry's.
    const candidates: number[] = [];
    const misses: number[] = [];
    for (let j = 0; j < out.length; j++) {
      if (out[j].deleted) continue;
      const e = this.cache.peek(space, out[j].pk);
      if (e && sameVersions(e.ver, vrows[j], vIdx) && sameDigests(e.kids, vrows[j], dIdx)) {
        out[j].entry = e;
        candidates.push(j);
      } else misses.push(j);
    }
    if (candidates.length === 0 && misses.length === 0) return out;
    // Children checked apart (their parent key leads no index): one grouped statement for all candidates.
    const kinds = source.children ?? [];
    for (let ci = 0; ci < kinds.length && candidates.length; ci++) {
      if (dIdx[ci] >= 0) continue;
      const now = yield* childDigests(this.queries, source, kinds[ci], candidates.map((j) => out[j].pk as number));
      for (let n = candidates.length - 1; n >= 0; n--) {
        const j = candidates[n];
        if (out[j].entry!.kids[ci] === (now.get(out[j].pk as number) ?? EMPTY_DIGEST)) continue;
        out[j].entry = undefined;
        misses.push(j);
        candidates.splice(n, 1);
      }
    }
    for (const j of candidates) this.cache.touch(out[j].entry!);
    this.observer.cacheLookup(candidates.length, misses.length, started);
    if (misses.length === 0) return out;

    misses.sort((a, b) => a - b);
    const missKeys = misses.map((j) => out[j].pk);
    // Full rows of the misses, in chunks of at most CHUNK keys (every chunk's plan selects the same columns).
    const byPk = new Map<RowKey, unknown[]>();
    let fplan: CompiledPlan | undefined;
    const keyPaths = keyColumnsOf(source).map((c) => `${source.alias}.${c}`);
    for (let i = 0; i < missKeys.length; i += CHUNK) {
      const fq = keysQuery(source, keyPaths, missKeys.slice(i, i + CHUNK));
      fplan = this.queries.plan(fq);
      const keyOf = this.keyReader(fplan, source);
      for (const fr of yield this.queries.step(fplan, fq.values)) byPk.set(keyOf(fr), fr);
    }
    const fIdx = this.versionIndex(fplan!, source);
    for (const j of misses) {
      const fr = byPk.get(out[j].pk);
      // Changed (or gone) since the version statement: what matched is no longer there; run the query in full.
      if (!fr || !sameVersionsAcross(fr, fIdx, vrows[j], vIdx)) return yield* this.full(q, ctx);
    }
    const made = yield* this.materialize(source, fplan!, misses.map((j) => byPk.get(out[j].pk)!), ctx);
    for (const j of misses) out[j].entry = made.get(out[j].pk);
    return out;
  }

  /** pk / sort / deleted of each row of a `versions` or `rows` result. */
  private describe(plan: CompiledPlan, source: ResourceSource, rows: unknown[][]): LoadedRow[] {
    const keyOf = this.keyReader(plan, source);
    const sort = plan.readers.find((r) => r.key === '__sort');
    const delKey = source.deletedColumn?.startsWith(`${source.alias}.`) ? source.deletedColumn.slice(source.alias.length + 1) : undefined;
    const del = delKey === undefined ? undefined : plan.readers.find((r) => r.key === delKey);
    return rows.map((r) => ({
      pk: keyOf(r),
      sort: sort ? ((sort.normalize(r[sort.index]) as string | null) ?? null) : null,
      deleted: del ? del.normalize(r[del.index]) === 'Y' : false,
    }));
  }

  /** Loads a `rows` query's full rows without the cache: nothing is looked up or stored (rows read once). */
  *loadUncached(q: SourceQuery, ctx: MapperContext): Job<LoadedRow[]> {
    if (q.where === false) return [];
    return yield* this.full(q, ctx, false);
  }

  /** The classic path: the query in full, children, mapping; entries stored with the fetched rows' own versions. */
  private *full(q: SourceQuery, ctx: MapperContext, store = true): Job<LoadedRow[]> {
    const plan = this.queries.plan(q);
    const rows = yield this.queries.step(plan, q.values);
    const out = this.describe(plan, q.source, rows);
    const made = yield* this.materialize(q.source, plan, rows, ctx, store);
    for (const l of out) l.entry = made.get(l.pk);
    return out;
  }

  /**
   * Normalises full rows, fetches and attaches their children, maps them and stores the entries, each with its
   * row's versions and the digests of the very child rows it was built from.
   */
  private *materialize(source: ResourceSource, plan: CompiledPlan, rows: unknown[][], ctx: MapperContext, store = true): Job<Map<RowKey, CachedRow>> {
    const keyOf = this.keyReader(plan, source);
    const keys = rows.map(keyOf);
    const children: ChildGroups[] = [];
    for (const child of source.children ?? []) children.push(yield* childGroups(this.queries, source, child, keys as number[]));
    const cacheable = store && this.cache.enabled && !!this.keys(source);
    const vIdx = cacheable ? this.versionIndex(plan, source) : [];
    const space = cacheable ? this.cache.space(ctx.baseUrl, source) : undefined;
    const out = new Map<RowKey, CachedRow>();
    const many = rows.length >= MANY_ROWS;
    const kinds: readonly SourceChildren[] = source.children ?? [];
    for (let n = 0; n < rows.length; n++) {
      const r = rows[n];
      const pk = keys[n];
      const row = this.queries.toRow(plan, r, many);
      // Versions and children digests only for entries that are stored (nothing compares them otherwise).
      const sig: ChildDigestValue[] = [];
      for (let ci = 0; ci < kinds.length; ci++) {
        const g = children[ci];
        const list = g.byParent.get(pk as number) ?? [];
        const mapped = new Array<SourceRow>(list.length);
        for (let k = 0; k < list.length; k++) mapped[k] = this.queries.toRow(g.plan!, list[k]);
        row[kinds[ci].as] = mapped;
        if (space) sig.push(digestOf(childDigest(kinds[ci]), list, g.digestIndex));
      }
      const value: CachedRow = { ver: space ? vIdx.map((i) => r[i]) : NO_VERSIONS, kids: sig, row, items: source.map(row, ctx) };
      if (!space) {
        out.set(pk, value);
        continue;
      }
      // The entry's size from its resources' JSON text, which is kept (json-text.ts): the resources are shared now.
      let json = 0;
      for (const item of value.items) json += resourceJson(item.resource).length;
      out.set(pk, this.cache.put(space, pk, value, json * BYTES_PER_JSON_CHAR + ENTRY_OVERHEAD));
    }
    return out;
  }
}

function sameVersions(ver: unknown[], row: unknown[], idx: number[]): boolean {
  for (let k = 0; k < idx.length; k++) if (!sameValue(ver[k], row[idx[k]])) return false;
  return true;
}

function sameVersionsAcross(a: unknown[], aIdx: number[], b: unknown[], bIdx: number[]): boolean {
  for (let k = 0; k < aIdx.length; k++) if (!sameValue(a[aIdx[k]], b[bIdx[k]])) return false;
  return true;
}

/** Whether a cached entry's children digests equal those in the version statement's row (NO_DIGEST equals none). */
function sameDigests(kids: readonly ChildDigestValue[], row: unknown[], idx: number[]): boolean {
  for (let k = 0; k < idx.length; k++) if (idx[k] >= 0 && kids[k] !== row[idx[k]]) return false;
  return true;
}
