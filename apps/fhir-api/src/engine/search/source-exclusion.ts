/**
 * Sources a search clause rules out before any SQL is built (engine/search/source-conditions.ts returns `where:
 * false` for them at once, without binding the compartment and the other clauses).
 */
import type { SearchClause } from '#facade/fhir';
import type { ParamTarget, ResourceSource, TokenColumn } from '../registry/resource-definition.js';

/**
 * Whether a clause rules the whole source out whatever else applies, decided without building SQL: a parameter the
 * source has no target for, or a token compared only with the source's constants (Observation's `category` on its six
 * sources: a `category=laboratory` page is one source's statement), with tokenCondition's rules (system filter, a
 * code among the constants). Only plain clauses (no modifier, not `_id`/`_lastUpdated`, token values); anything else
 * is left to the full condition.
 */
export function excludesSource(source: ResourceSource, clause: SearchClause): boolean {
  if (clause.modifier !== undefined || clause.param === '_id' || clause.param === '_lastUpdated') return false;
  const target = source.targets[clause.param];
  if (!target) return true;
  const columns = constantColumnsOf(target);
  if (!columns) return false;
  for (const v of clause.values) {
    if (v.kind !== 'token') return false;
    const t = v.value;
    for (const c of columns) {
      if (t.system !== undefined && (t.system === '' ? c.system !== undefined : c.system !== t.system)) continue;
      if (t.code === undefined || c.constant!.includes(t.code)) return false;
    }
  }
  return true;
}

const constantColumns = new WeakMap<ParamTarget, readonly TokenColumn[] | null>();

/** A token target's columns when every one is a constant (no SQL column, no custom condition), else null. */
function constantColumnsOf(target: ParamTarget): readonly TokenColumn[] | null {
  let columns = constantColumns.get(target);
  if (columns === undefined) {
    columns = target.kind === 'token' && target.columns.every((c) => c.constant && !c.column && !c.custom) ? target.columns : null;
    constantColumns.set(target, columns);
  }
  return columns;
}
