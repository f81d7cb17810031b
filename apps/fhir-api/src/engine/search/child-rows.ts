/**
 * Child rows of a page's parents (PATIENT_RACE and PAT_CONTACT of patients, LAB_RESULT of a DiagnosticReport's
 * order), one `fk IN (...)` statement per chunk of parent keys, ordered by (fk, the child's own key) so that every
 * run lists a parent's children in the same order (the order of their digest: engine/sql/child-digest.ts). Cached
 * rows' children are checked by their digests (in the version statement, or {@link childDigests}), so only rows
 * being built read them here.
 */
import type { ResourceSource, SourceChildren } from '../registry/resource-definition.js';
import type { CompiledPlan, SourceQuery } from '../sql/plan-compiler.js';
import { tablePrimaryKey } from '../sql/row-normalizer.js';
import { childDigest, DIGEST } from '../sql/child-digest.js';
import type { Job, SourceQueryRunner } from '../sql/source-query.js';
import { keyValues, type RowKey } from '../sql/row-key.js';

/** Children of a set of parents, as raw rows grouped by parent key. */
export interface ChildGroups {
  /** The plan the rows came from (every chunk's plan selects the same columns in the same order). */
  plan: CompiledPlan | undefined;
  byParent: Map<number, unknown[][]>;
  /** Positions of the child's digest columns (engine/sql/child-digest.ts) in the rows. */
  digestIndex: number[];
}

/** At most this many keys per `IN` list (SQL Server allows 2,100 parameters). */
export const CHUNK = 500;
/** IN lists are padded (repeating the last key) to one of these lengths, so few statement shapes exist. */
const SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256, CHUNK];

/**
 * `column IN (...)` over keys padded to a bucket size, as a `rows` query of the source (no sort, no limit). `column`
 * may be the key columns of a composite key (paths, key order; `keys` then composite keys): an OR of per-column
 * equalities, one per key (each a seek on the primary key index).
 */
export function keysQuery(source: ResourceSource, column: string | readonly string[], keys: readonly RowKey[], extra: Partial<SourceQuery> = {}): SourceQuery {
  const size = SIZES.find((n) => n >= keys.length) ?? keys.length;
  const values: Record<string, unknown> = {};
  const columns = typeof column === 'string' ? [column] : column;
  if (columns.length === 1) {
    for (let j = 0; j < size; j++) values[PARAM_NAMES[j] ?? `k${j}`] = keys[Math.min(j, keys.length - 1)];
    return { source, where: inCondition(columns[0], size), values, joinPatient: false, descending: false, mode: 'rows', ...extra };
  }
  for (let j = 0; j < size; j++) keyValues(keys[Math.min(j, keys.length - 1)]).forEach((v, c) => (values[`k${j}_${c}`] = v));
  return { source, where: tupleInCondition(columns, size), values, joinPatient: false, descending: false, mode: 'rows', ...extra };
}

const PARAM_NAMES = Array.from({ length: CHUNK }, (_, j) => `k${j}`);
const conditions = new Map<string, { sql: string }>();

/** `column IN (:k0, ...)` for a list size, made once. */
function inCondition(column: string, size: number): { sql: string } {
  const key = `${column}|${size}`;
  let cond = conditions.get(key);
  if (!cond) {
    const names = Array.from({ length: size }, (_, j) => `:k${j}`);
    cond = { sql: size === 1 ? `${column} = ${names[0]}` : `${column} IN (${names.join(', ')})` };
    conditions.set(key, cond);
  }
  return cond;
}

/** `(c1 = :k0_0 AND c2 = :k0_1) OR ...` for a list size, made once. */
function tupleInCondition(columns: readonly string[], size: number): { sql: string } {
  const key = `${columns.join(',')}|${size}`;
  let cond = conditions.get(key);
  if (!cond) {
    const one = (j: number) => columns.map((c, i) => `${c} = :k${j}_${i}`).join(' AND ');
    cond = { sql: size === 1 ? one(0) : Array.from({ length: size }, (_, j) => `(${one(j)})`).join(' OR ') };
    conditions.set(key, cond);
  }
  return cond;
}

interface ChildSpec {
  source: ResourceSource;
  thenBy: readonly string[];
}

const specs = new WeakMap<SourceChildren, ChildSpec>();

/** The child table as a source of its own (made once per child declaration). */
function specOf(parent: ResourceSource, child: SourceChildren): ChildSpec {
  let spec = specs.get(child);
  if (!spec) {
    const thenBy = tablePrimaryKey(child.table).filter((c) => c !== child.fk);
    const source: ResourceSource = { ...parent, key: `${parent.key}>${child.table}`, table: child.table, alias: 'c', pk: child.fk, joins: [], children: undefined, columns: child.columns, deletedColumn: undefined, baseWhere: undefined };
    specs.set(child, (spec = { source, thenBy }));
  }
  return spec;
}

const digestIndexes = new WeakMap<CompiledPlan, number[]>();

/** Loads the child rows of `keys` (distinct parent keys). */
export function* childGroups(queries: SourceQueryRunner, parent: ResourceSource, child: SourceChildren, keys: readonly number[]): Job<ChildGroups> {
  const spec = specOf(parent, child);
  const byParent = new Map<number, unknown[][]>();
  let plan: CompiledPlan | undefined;
  for (let i = 0; i < keys.length; i += CHUNK) {
    const q = keysQuery(spec.source, `c.${child.fk}`, keys.slice(i, i + CHUNK), { mode: 'rows', thenBy: spec.thenBy });
    plan = queries.plan(q);
    const rows = yield queries.step(plan, q.values);
    const fkAt = plan.at[child.fk];
    for (const r of rows) {
      const fk = Number(r[fkAt]);
      const list = byParent.get(fk);
      if (list) list.push(r);
      else byParent.set(fk, [r]);
    }
  }
  let digestIndex: number[] = [];
  if (plan) {
    const p = plan;
    digestIndex = digestIndexes.get(p) ?? childDigest(child).fields.map((f) => p.at[f.column]);
    digestIndexes.set(p, digestIndex);
  }
  return { plan, byParent, digestIndex };
}

/**
 * The digests of the children of `keys` (distinct parent keys) for a child checked apart (its parent key leads no
 * index: one grouped statement per chunk of keys scans the table once); parents without children are absent.
 */
export function* childDigests(queries: SourceQueryRunner, parent: ResourceSource, child: SourceChildren, keys: readonly number[]): Job<Map<number, unknown>> {
  const spec = specOf(parent, child);
  const out = new Map<number, unknown>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const q = keysQuery(spec.source, `c.${child.fk}`, keys.slice(i, i + CHUNK), { mode: 'digests', child });
    const plan = queries.plan(q);
    const fkAt = plan.at[child.fk];
    const at = plan.at[DIGEST];
    for (const r of yield queries.step(plan, q.values)) out.set(Number(r[fkAt]), r[at]);
  }
  return out;
}
