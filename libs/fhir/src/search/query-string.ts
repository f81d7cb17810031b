/**
 * Serialises a {@link SearchRequest} back into a query string, for Bundle `self` / `next` / `previous` links.
 * Every clause and result parameter is kept; parameters the parser ignored are not (they are not in the request).
 */
import { escapeValue } from './escape.js';
import type { IncludeRule, SearchClause, SearchRequest, SearchValue } from './search-request.js';

/** Percent-encodes a query component but keeps `: | , / $` readable (RFC 3986 allows them in a query). */
export function encodeQueryComponent(text: string): string {
  return encodeURIComponent(text).replace(/%(3A|7C|2C|2F|24)/g, (m) => decodeURIComponent(m));
}

function prefixed(prefix: string, text: string): string {
  return prefix === 'eq' ? text : prefix + text;
}

/** One parsed value back in FHIR search syntax (escaped). */
export function serialiseValue(value: SearchValue, clause?: SearchClause): string {
  switch (value.kind) {
    case 'string':
    case 'uri':
      return escapeValue(value.value);
    case 'missing':
      return String(value.value);
    case 'number':
      return prefixed(value.prefix, String(value.value));
    case 'date':
      return prefixed(value.value.prefix, value.value.raw);
    case 'token': {
      const { system, code } = value.value;
      if (system === undefined) return escapeValue(code ?? '');
      return `${escapeValue(system)}|${escapeValue(code ?? '')}`;
    }
    case 'quantity': {
      const q = value.value;
      const num = prefixed(q.prefix, String(q.value));
      return q.system === undefined && q.code === undefined ? num : `${num}|${escapeValue(q.system ?? '')}|${escapeValue(q.code ?? '')}`;
    }
    case 'reference': {
      const r = value.value;
      if (r.type === undefined || clause?.modifier === r.type) return escapeValue(r.id);
      return escapeValue(r.base ? `${r.base}/${r.type}/${r.id}` : `${r.type}/${r.id}`);
    }
  }
}

function includeValue(rule: IncludeRule): string {
  if (rule.sourceType === '*') return '*';
  return rule.targetType ? `${rule.sourceType}:${rule.param}:${rule.targetType}` : `${rule.sourceType}:${rule.param}`;
}

/** Overrides applied while serialising (e.g. the cursor of the next page). */
export interface QueryStringOverrides {
  /** Replace the cursor; `null` drops it. */
  cursor?: string | null;
  count?: number;
}

/**
 * The request as a query string without `?`: clauses in their original order, then `_include`, `_revinclude`,
 * `_sort`, `_count` (always present, so that every page has the same size), `_summary`, `_total`, `_elements`,
 * `_format`, `_pretty`, `_cursor`.
 */
export function toQueryString(req: SearchRequest, overrides: QueryStringOverrides = {}): string {
  const out: string[] = [];
  const add = (name: string, value: string) => out.push(`${encodeQueryComponent(name)}=${encodeQueryComponent(value)}`);
  for (const c of req.clauses) {
    const name = c.modifier === undefined ? c.param : `${c.param}:${c.modifier}`;
    add(name, c.raw ?? c.values.map((v) => serialiseValue(v, c)).join(','));
  }
  for (const r of req.include) add(r.iterate ? '_include:iterate' : '_include', includeValue(r));
  for (const r of req.revinclude) add(r.iterate ? '_revinclude:iterate' : '_revinclude', includeValue(r));
  if (req.sort.length > 0) add('_sort', req.sort.map((s) => (s.descending ? `-${s.param}` : s.param)).join(','));
  add('_count', String(overrides.count ?? req.count));
  if (req.summary !== undefined) add('_summary', req.summary);
  if (req.total !== undefined) add('_total', req.total);
  if (req.elements !== undefined && req.elements.length > 0) add('_elements', req.elements.join(','));
  if (req.format !== undefined) add('_format', req.format);
  if (req.pretty !== undefined) add('_pretty', String(req.pretty));
  const cursor = overrides.cursor === undefined ? req.cursor : overrides.cursor;
  if (cursor) add('_cursor', cursor);
  return out.join('&');
}
