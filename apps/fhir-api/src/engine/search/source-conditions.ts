/**
 * The WHERE condition and the per-item filter of one source for one search: soft deletes, the search clauses,
 * the token's compartment (patient or practice) and its granular scope filters, and the keyset position.
 */
import type { SearchClause, TokenValue } from '#facade/fhir';
import type { ExpandedItem, ParamTarget, ResourceSource } from '../registry/resource-definition.js';
import { and, inList, or, type Cond, type ParamBag } from '../sql/sql-fragment.js';
import { dateTimeParam } from '../sql/sql-fragment.js';
import { clauseCondition } from './param-conditions.js';
import { excludesSource } from './source-exclusion.js';
import { keyAfter, keyIn, type RowKey } from '../sql/row-key.js';
import type { Cursor } from './cursor.js';

/** Where the token confines a request. */
export interface AccessScope {
  /** Only this patient's compartment. */
  patientId?: string;
  /** Only patients of this practice. */
  practiceId?: number;
  /** Only patients of these practices. */
  practiceIds?: readonly number[];
  /** Granular scope filters: groups OR-ed, clauses within a group AND-ed. */
  filters?: SearchClause[][];
  /** Bulk `$export` restrictions, AND-ed to everything else. */
  restrict?: ExportRestriction;
}

/**
 * What one bulk `$export` chunk may read besides the caller's access: one source's primary-key range, and for
 * patient-compartment sources the exported patients (a `patient` list, or a Group's membership as a condition over the
 * PATIENT row). Sources outside the patient compartment (Practitioner ...) are not narrowed by the patient parts.
 */
export interface ExportRestriction {
  /** Only the source with this key, and only its primary keys in `(keyFrom, keyTo]`. */
  range?: { sourceKey: string; keyFrom: number; keyTo: number };
  /** Only these patients (PAT_ID). */
  patients?: readonly number[];
  /**
   * Only members of a Group: its membership condition over the PATIENT row aliased `patient` (the Group type's own
   * `groupMembershipCondition`, so the export and the Group resource cannot disagree).
   */
  members?: (patient: string, bag: ParamBag) => Cond;
}

/** A per-item check for rows that yield several resources. */
export type ItemFilter = (pk: RowKey, item: ExpandedItem) => boolean;

/** A source's WHERE condition, whether PATIENT must be joined, and the per-item filter of wide rows. */
export interface SourceConditions {
  where: Cond;
  joinPatient: boolean;
  itemFilter?: ItemFilter;
}

function targetFor(source: ResourceSource, param: string, bag: ParamBag): ParamTarget | undefined {
  if (param === '_lastUpdated') return { kind: 'date', column: source.lastUpdatedSql?.(bag.dialect) ?? source.lastUpdatedColumn, columnType: 'datetime' };
  return source.targets[param];
}

function tokenValues(clause: SearchClause): TokenValue[] {
  return clause.values.map((v) => (v.kind === 'token' ? v.value : v.kind === 'string' ? { code: v.value } : { code: undefined }));
}

/** `_id`: keys of this source's ids (others cannot match here), and the item index for wide rows. */
function idCondition(source: ResourceSource, clause: SearchClause, bag: ParamBag): { cond: Cond; items: Map<RowKey, Set<number | undefined>> } {
  const items = new Map<RowKey, Set<number | undefined>>();
  for (const t of tokenValues(clause)) {
    const parsed = t.code !== undefined ? source.parseId(t.code) : undefined;
    if (!parsed) continue;
    const set = items.get(parsed.pk) ?? new Set();
    set.add(parsed.sub);
    items.set(parsed.pk, set);
  }
  return { cond: keyIn(source, [...items.keys()], bag), items };
}

function clauseOnSource(source: ResourceSource, clause: SearchClause, bag: ParamBag, zone: string, itemChecks: ItemFilter[]): Cond {
  if (clause.param === '_id') {
    if (clause.modifier) return false;
    const { cond, items } = idCondition(source, clause, bag);
    itemChecks.push((pk, item) => {
      const subs = items.get(pk);
      return !!subs && (subs.has(undefined) || subs.has(item.sub));
    });
    return cond;
  }
  const target = targetFor(source, clause.param, bag);
  if (!target) return false;
  const perItem = source.itemTokens?.[clause.param];
  if (perItem) {
    const wanted = tokenValues(clause);
    const negate = clause.modifier === 'not';
    itemChecks.push((_pk, item) => {
      const codes = perItem(item);
      const hit = wanted.some((w) => codes.some((c) => (w.code === undefined || w.code === c.code) && (w.system === undefined || (w.system === '' ? c.system === undefined : w.system === c.system))));
      return negate ? !hit : hit;
    });
    // A wide row matches `:not` if any of its items does: decided per item only.
    if (negate) return true;
  }
  return clauseCondition(clause, target, bag, zone);
}

const EXCLUDED: SourceConditions = Object.freeze({ where: false, joinPatient: false });

/**
 * Builds one source's condition (`where: false` at once when a clause rules the source out). `cursor`/`sortColumn`/
 * `sourceIndex` add the keyset restriction (rows at or after the cursor in the paging order; rows equal to the
 * cursor's key are dropped per item by the caller).
 */
export function sourceConditions(
  source: ResourceSource,
  opts: {
    clauses: readonly SearchClause[];
    access: AccessScope;
    bag: ParamBag;
    zone: string;
    includeDeleted?: boolean;
    keyset?: { cursor: Cursor; sourceIndex: number; sortColumn?: string; descending: boolean; multiItem: boolean };
  },
): SourceConditions {
  const { bag, zone, access } = opts;
  for (const clause of opts.clauses) if (excludesSource(source, clause)) return EXCLUDED;
  const conds: Cond[] = [];
  const itemChecks: ItemFilter[] = [];
  let joinPatient = false;
  if (source.baseWhere) conds.push({ sql: source.baseWhere });
  if (!opts.includeDeleted && source.deletedColumn) conds.push({ sql: `${source.deletedColumn} = 'N'` });

  if (access.patientId !== undefined) {
    const key = /^[1-9][0-9]{0,9}$/.test(access.patientId) ? Number(access.patientId) : NaN;
    conds.push(source.patientColumn && Number.isFinite(key) ? { sql: `${source.patientColumn} = ${bag.bind(key)}` } : false);
  }
  const practices = access.practiceId !== undefined ? [access.practiceId] : access.practiceIds;
  if (practices !== undefined) {
    if (source.practiceColumn) conds.push(inList(source.practiceColumn, practices, bag));
    else if (source.patientColumn) {
      joinPatient = true;
      conds.push(inList('cp.PRACTICE_ID', practices, bag));
    }
  }
  if (access.restrict) {
    const r = restrictionOf(source, access.restrict, bag);
    conds.push(r.cond);
    joinPatient ||= r.joinPatient;
  }
  for (const clause of opts.clauses) conds.push(clauseOnSource(source, clause, bag, zone, itemChecks));

  if (access.filters) {
    const groupChecks: ItemFilter[][] = [];
    conds.push(
      or(
        access.filters.map((group) => {
          const checks: ItemFilter[] = [];
          groupChecks.push(checks);
          return and(group.map((c) => clauseOnSource(source, c, bag, zone, checks)));
        }),
      ),
    );
    if (groupChecks.some((g) => g.length > 0)) itemChecks.push((pk, item) => groupChecks.some((g) => g.every((f) => f(pk, item))));
  }

  if (opts.keyset) conds.push(keysetCondition(source, opts.keyset, bag));

  return {
    where: and(conds),
    joinPatient,
    itemFilter: itemChecks.length ? (pk, item) => itemChecks.every((f) => f(pk, item)) : undefined,
  };
}

function restrictionOf(source: ResourceSource, r: ExportRestriction, bag: ParamBag): { cond: Cond; joinPatient: boolean } {
  const conds: Cond[] = [];
  let joinPatient = false;
  const pk = `${source.alias}.${source.pk}`;
  if (r.range) {
    if (r.range.sourceKey !== source.key) return { cond: false, joinPatient };
    conds.push({ sql: `${pk} > ${bag.bind(r.range.keyFrom)}` }, { sql: `${pk} <= ${bag.bind(r.range.keyTo)}` });
  }
  if (source.patientColumn) {
    if (r.patients) conds.push(inList(source.patientColumn, r.patients, bag));
    if (r.members) {
      // The PATIENT table itself, or its row joined as `cp` (as the practice confinement does).
      const patient = source.table === 'PATIENT' ? source.alias : 'cp';
      joinPatient = source.table !== 'PATIENT';
      conds.push(r.members(patient, bag));
    }
  }
  return { cond: and(conds), joinPatient };
}

function keysetCondition(
  source: ResourceSource,
  k: { cursor: Cursor; sourceIndex: number; sortColumn?: string; descending: boolean; multiItem: boolean },
  bag: ParamBag,
): Cond {
  const c = k.cursor;
  const op = k.descending ? '<' : '>';
  const after = k.descending ? k.sourceIndex < c.i : k.sourceIndex > c.i;
  const tie: Cond = k.sourceIndex === c.i ? keyAfter(source, c.k, op, k.multiItem, bag) : after;
  if (!k.sortColumn || c.s === null) return tie;
  const s = c.s.length > 10 ? dateTimeParam(c.s, bag.dialect) : c.s;
  return or([{ sql: `${k.sortColumn} ${op} ${bag.bind(s)}` }, and([{ sql: `${k.sortColumn} = ${bag.bind(s)}` }, tie])]);
}
