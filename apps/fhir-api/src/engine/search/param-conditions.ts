/**
 * One condition builder per FHIR search parameter type (https://hl7.org/fhir/R4/search.html): a parsed clause
 * (values OR-ed) and the parameter's target on one source become a SQL condition with bound values.
 */
import { epochToWallClock } from '#facade/time';
import { type DateValue, type SearchClause, type SearchValue, type TokenValue, invalid } from '#facade/fhir';
import type { ParamTarget, TokenColumn } from '../registry/resource-definition.js';
import { and, dateTimeParam, escapeLike, inList, not, or, type Cond, type ParamBag } from '../sql/sql-fragment.js';

/** Builds the condition of one clause (OR of its values) on one source. */
export function clauseCondition(clause: SearchClause, target: ParamTarget, bag: ParamBag, zone: string): Cond {
  if (clause.modifier === 'missing') return missingCondition(clause, target);
  switch (target.kind) {
    case 'string':
      return or(clause.values.map((v) => stringCondition(asString(v), clause.modifier, target.columns, bag)));
    case 'token':
      if (clause.modifier === 'text') return or(clause.values.map((v) => stringCondition(tokenText(v), 'contains', target.textColumns ?? [], bag)));
      // :not also matches resources without a value: `NOT (col IS NOT NULL AND col IN ...)` is true for NULL.
      if (clause.modifier === 'not') return and(clause.values.map((v) => not(tokenCondition(asToken(v), target.columns, bag, true))));
      return or(clause.values.map((v) => tokenCondition(asToken(v), target.columns, bag)));
    case 'date':
      return or(clause.values.map((v) => dateCondition(asDate(v), target, bag, zone)));
    case 'reference':
      return or(
        clause.values.map((v) => {
          if (v.kind !== 'reference') throw invalid(`Parameter ${clause.param} needs a reference value`);
          const types = v.value.type ? [v.value.type] : target.targetTypes;
          const keys = types.map((t) => (target.targetTypes.includes(t) ? target.toKey(t, v.value.id) : undefined)).filter((k): k is number => k !== undefined);
          return keys.length ? inList(target.column, [...new Set(keys)], bag) : false;
        }),
      );
    case 'quantity':
      return or(
        clause.values.map((v) => {
          if (v.kind !== 'quantity') throw invalid(`Parameter ${clause.param} needs a quantity value`);
          if (v.value.code && !target.units.includes(v.value.code)) return false;
          return compareNumber(target.column, v.value.prefix, v.value.value, bag);
        }),
      );
    case 'custom':
      return target.build(clause, bag);
  }
}

function missingCondition(clause: SearchClause, target: ParamTarget): Cond {
  const wantMissing = clause.values.some((v) => (v.kind === 'missing' ? v.value : v.kind === 'string' ? v.value === 'true' : false));
  const cols: string[] =
    target.kind === 'string' ? [...target.columns] :
    target.kind === 'token' ? target.columns.flatMap((c) => (c.column ? [c.column] : [])) :
    target.kind === 'date' || target.kind === 'reference' || target.kind === 'quantity' ? [target.column] : [];
  if (cols.length === 0) return wantMissing ? false : true;
  const present = or(cols.map((c) => ({ sql: `${c} IS NOT NULL` })));
  return wantMissing ? not(present) : present;
}

function asString(v: SearchValue): string {
  if (v.kind === 'string' || v.kind === 'uri') return v.value;
  throw invalid('Expected a string value');
}

function asToken(v: SearchValue): TokenValue {
  if (v.kind === 'token') return v.value;
  if (v.kind === 'string') return { code: v.value };
  throw invalid('Expected a token value');
}

function tokenText(v: SearchValue): string {
  if (v.kind === 'token') return v.value.code ?? '';
  return asString(v);
}

function asDate(v: SearchValue): DateValue {
  if (v.kind === 'date') return v.value;
  throw invalid('Expected a date value');
}

/**
 * String search: starts-with by default, `:exact`, `:contains`. Case-insensitivity: `LOWER()` on SQLite and
 * PostgreSQL; on SQL Server the column's collation (case- and accent-insensitive `_CI_AI`/`_CI_AS` in EHR
 * databases) decides and the bare column keeps the index seekable. Accents are compared as stored on SQLite and
 * PostgreSQL (see the engine README).
 */
export function stringCondition(value: string, modifier: string | undefined, columns: readonly string[], bag: ParamBag): Cond {
  if (columns.length === 0) return false;
  if (modifier === 'exact') return or(columns.map((c) => ({ sql: `${c} = ${bag.bind(value)}` })));
  const ci = bag.dialect !== 'mssql';
  const folded = ci ? value.toLowerCase() : value;
  const pattern = modifier === 'contains' ? `%${escapeLike(folded)}%` : `${escapeLike(folded)}%`;
  return or(columns.map((c) => ({ sql: `${ci ? `LOWER(${c})` : c} LIKE ${bag.bind(pattern)} ESCAPE '\\'` })));
}

/** Token search over the columns a parameter declares: `code`, `system|code`, `|code`, `system|`. */
export function tokenCondition(t: TokenValue, columns: readonly TokenColumn[], bag: ParamBag, nullSafe = false): Cond {
  const applicable = columns.filter((c) => (t.system === undefined ? true : t.system === '' ? c.system === undefined : c.system === t.system));
  return or(
    applicable.map((c): Cond => {
      if (t.code === undefined) return c.constant ? true : c.column ? { sql: `${c.column} IS NOT NULL` } : true;
      if (c.constant) return c.constant.includes(t.code);
      if (c.custom) return c.custom(t.code, bag);
      if (!c.column) return false;
      const stored = c.toDb ? c.toDb(t.code) : [t.code];
      if (!stored) return false;
      return nullSafe ? and([{ sql: `${c.column} IS NOT NULL` }, inList(c.column, stored, bag)]) : inList(c.column, stored, bag);
    }),
  );
}

function wallClock(d: DateValue, which: 'start' | 'end', zone: string): string {
  const local = which === 'start' ? d.localStart : d.localEnd;
  return local ?? epochToWallClock(which === 'start' ? d.start : d.end, zone);
}

/**
 * Date search with every prefix over a DATETIME (clinic wall clock), DATE, or period (start/end columns).
 * The search range [start, end) is converted to clinic wall-clock time so comparisons stay index-friendly.
 */
export function dateCondition(d: DateValue, target: Extract<ParamTarget, { kind: 'date' }>, bag: ParamBag, zone: string): Cond {
  let lo = wallClock(d, 'start', zone);
  let hi = wallClock(d, 'end', zone);
  if (d.prefix === 'ap') {
    // Approximately: the range widened by 10% of its distance from now (at least a day), per the FHIR spec.
    const now = Date.now();
    const slack = Math.max(86_400_000, Math.abs(now - d.start) * 0.1);
    lo = epochToWallClock(d.start - slack, zone);
    hi = epochToWallClock(d.end + slack, zone);
  }
  const toParam = (wall: string) => (target.columnType === 'date' ? dateOnly(wall, wall === hi) : dateTimeParam(wall, bag.dialect));
  const s = target.column;
  const e = target.endColumn ? `COALESCE(${target.endColumn}, ${target.column})` : target.column;
  const L = () => bag.bind(toParam(lo));
  const H = () => bag.bind(toParam(hi));
  switch (d.prefix) {
    case 'eq':
    case 'ap':
      // A period matches when it overlaps the searched range (what clients such as the ONC kit expect for
      // `Encounter?date=<period.start>`); a point in time must lie inside it.
      if (target.endColumn) return { sql: `${s} < ${H()} AND ${e} >= ${L()}` };
      return { sql: `${s} >= ${L()} AND ${e} < ${H()}` };
    case 'ne':
      return { sql: `${s} < ${L()} OR ${e} >= ${H()}` };
    case 'gt':
    case 'sa':
      return { sql: `${d.prefix === 'sa' ? s : e} >= ${H()}` };
    case 'lt':
    case 'eb':
      return { sql: `${d.prefix === 'eb' ? e : s} < ${L()}` };
    case 'ge':
      return { sql: `${e} >= ${L()}` };
    case 'le':
      return { sql: `${s} < ${H()}` };
  }
}

/** A DATE column holds calendar days: the start rounds down to its day, the exclusive end up to the next day. */
function dateOnly(wall: string, isEnd: boolean): string {
  const day = wall.slice(0, 10);
  if (!isEnd || wall.slice(11).replace(/[0:.]/g, '') === '') return day;
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

function compareNumber(column: string, prefix: string, value: number, bag: ParamBag): Cond {
  // Precision of the literal: 5.4 means [5.35, 5.45).
  const decimals = (String(value).split('.')[1] ?? '').length;
  const half = 0.5 * 10 ** -decimals;
  switch (prefix) {
    case 'eq':
      return { sql: `${column} >= ${bag.bind(value - half)} AND ${column} < ${bag.bind(value + half)}` };
    case 'ne':
      return { sql: `${column} < ${bag.bind(value - half)} OR ${column} >= ${bag.bind(value + half)}` };
    case 'gt':
    case 'sa':
      return { sql: `${column} > ${bag.bind(value)}` };
    case 'lt':
    case 'eb':
      return { sql: `${column} < ${bag.bind(value)}` };
    case 'ge':
      return { sql: `${column} >= ${bag.bind(value)}` };
    case 'le':
      return { sql: `${column} <= ${bag.bind(value)}` };
    default:
      return { sql: `${column} >= ${bag.bind(value * 0.9)} AND ${column} <= ${bag.bind(value * 1.1)}` };
  }
}
