/**
 * Row keys of a source: one INT primary key column (most tables), or several (PORTAL_PROXY: PORTAL_ID, PAT_ID).
 * The engine holds a key as one value (`RowKey`: the number, or libs/mappers `compositeKey` text, whose text order
 * is the columns' tuple order), so paging positions, the cache and reads treat both alike; only the SQL differs:
 * equality is one condition per key column, and the keyset position is a tuple comparison written so that SQL
 * Server, PostgreSQL and SQLite seek on the primary key index (`a >= x AND (a > x OR b > y)`: a range on the
 * index's leading column, the rest a residual on the rows of that one value of `a`).
 */
import { compositeKey, keyParts, type RowKey } from '#facade/mappers';
import type { ResourceSource } from '../registry/resource-definition.js';
import { and, or, type Cond, type ParamBag } from './sql-fragment.js';

export type { RowKey };

/** The source's key columns (bare column names, key order). */
export function keyColumnsOf(source: Pick<ResourceSource, 'pk' | 'keyColumns'>): readonly string[] {
  return source.keyColumns ?? [source.pk];
}

/** Values of a key, one per key column. */
export function keyValues(key: RowKey): number[] {
  return typeof key === 'number' ? [key] : keyParts(key);
}

/** The key of a row from its key columns' values (key order). */
export function rowKeyOf(values: readonly unknown[]): RowKey {
  return values.length === 1 ? Number(values[0]) : compositeKey(values.map(Number));
}

/** Orders two keys of one source (numbers numerically, composite keys by their text = tuple order). */
export function compareRowKeys(a: RowKey, b: RowKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** "The row's key is one of `keys`": `pk IN (...)`, or an OR of per-column equalities for a composite key. */
export function keyIn(source: ResourceSource, keys: readonly RowKey[], bag: ParamBag): Cond {
  const cols = keyColumnsOf(source).map((c) => `${source.alias}.${c}`);
  if (keys.length === 0) return false;
  if (cols.length === 1) {
    const values = keys.map(Number);
    return values.length === 1 ? { sql: `${cols[0]} = ${bag.bind(values[0])}` } : { sql: `${cols[0]} IN (${values.map((v) => bag.bind(v)).join(', ')})` };
  }
  return or(keys.map((k) => and(keyValues(k).map((v, i) => ({ sql: `${cols[i]} = ${bag.bind(v)}` })))));
}

/**
 * "The row's key comes after `key`" in the direction `op` (`>` ascending, `<` descending); `inclusive` also admits
 * the key itself (wide rows: the caller drops the items already returned). For a composite key (c1, c2, ...) the
 * tuple comparison `c1 >= v1 AND (c1 > v1 OR (c2, ...) after (v2, ...))`, whose first conjunct is a seekable range.
 */
export function keyAfter(source: ResourceSource, key: RowKey, op: '<' | '>', inclusive: boolean, bag: ParamBag): Cond {
  const cols = keyColumnsOf(source).map((c) => `${source.alias}.${c}`);
  const values = keyValues(key);
  const after = (i: number): Cond => {
    const last = i === cols.length - 1;
    if (last) return { sql: `${cols[i]} ${op}${inclusive ? '=' : ''} ${bag.bind(values[i])}` };
    return and([{ sql: `${cols[i]} ${op}= ${bag.bind(values[i])}` }, or([{ sql: `${cols[i]} ${op} ${bag.bind(values[i])}` }, after(i + 1)])]);
  };
  return after(0);
}

/** Reads the key of raw rows of a compiled plan (positions of the key columns in `at`). */
export function keyReader(source: ResourceSource, at: Readonly<Record<string, number>>): (r: readonly unknown[]) => RowKey {
  const idx = keyColumnsOf(source).map((c) => at[c]);
  if (idx.some((i) => i === undefined)) throw new Error(`${source.key}: key columns missing from a compiled statement`);
  if (idx.length === 1) {
    const i = idx[0];
    return (r) => Number(r[i]);
  }
  return (r) => compositeKey(idx.map((i) => Number(r[i])));
}
