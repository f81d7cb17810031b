/**
 * The search result parameters (https://hl7.org/fhir/R4/search.html#return): `_count`, `_sort`, `_summary`,
 * `_total`, `_elements`, `_include`, `_revinclude`, `_format`, `_pretty`, `_cursor`.
 */
import { invalidValue, unsupported, type ParseState } from './parse-state.js';
import type { IncludeRule, SearchRequest } from './search-request.js';

type Handler = (state: ParseState, name: string, modifier: string | undefined, value: string) => void;

const SUMMARY = new Set(['true', 'false', 'count', 'text', 'data']);
const TOTAL = new Set(['none', 'estimate', 'accurate']);
const ELEMENT_RE = /^[a-z][A-Za-z0-9]*$/;

/** Rejects a second occurrence; returns false when the value must be skipped. */
function once(state: ParseState, name: string): boolean {
  if (state.seen.has(name)) {
    invalidValue(state, name, `Parameter '${name}' may appear only once`, 'MSG_PARAM_NO_REPEAT');
    return false;
  }
  state.seen.add(name);
  return true;
}

function noModifier(state: ParseState, name: string, modifier: string | undefined): boolean {
  if (modifier === undefined) return true;
  unsupported(state, `${name}:${modifier}`, `Modifier ':${modifier}' is not supported on ${name}`, 'MSG_PARAM_MODIFIER_INVALID');
  return false;
}

const count: Handler = (state, name, modifier, value) => {
  if (!noModifier(state, name, modifier) || !once(state, name)) return;
  if (!/^\d{1,9}$/.test(value)) {
    invalidValue(state, name, `_count must be a non-negative integer, got '${value}'`);
    return;
  }
  state.request.count = Math.min(Number(value), state.options.maxCount ?? 1000);
};

const sort: Handler = (state, name, modifier, value) => {
  if (!noModifier(state, name, modifier) || !once(state, name)) return;
  for (const item of value.split(',')) {
    const descending = item.startsWith('-');
    const param = descending ? item.slice(1) : item;
    if (!state.spec.sortable.has(param)) {
      const known = [...state.spec.sortable].join(', ') || 'none';
      invalidValue(state, name, `Cannot sort ${state.spec.resourceType} by '${item}' (sortable: ${known})`, 'MSG_SORT_UNKNOWN');
      continue;
    }
    if (state.request.sort.some((s) => s.param === param)) {
      invalidValue(state, name, `_sort names '${param}' twice`, 'MSG_SORT_UNKNOWN');
      continue;
    }
    state.request.sort.push({ param, descending });
  }
};

function enumParam<K extends 'summary' | 'total'>(key: K, allowed: ReadonlySet<string>): Handler {
  return (state, name, modifier, value) => {
    if (!noModifier(state, name, modifier) || !once(state, name)) return;
    if (!allowed.has(value)) {
      invalidValue(state, name, `${name} must be one of ${[...allowed].join(', ')}, got '${value}'`);
      return;
    }
    (state.request as SearchRequest)[key] = value as SearchRequest[K];
  };
}

const elements: Handler = (state, name, modifier, value) => {
  if (!noModifier(state, name, modifier) || !once(state, name)) return;
  const list: string[] = [];
  const prefix = `${state.spec.resourceType}.`;
  for (const item of value.split(',')) {
    const el = item.trim().startsWith(prefix) ? item.trim().slice(prefix.length) : item.trim();
    if (!ELEMENT_RE.test(el)) {
      invalidValue(state, name, `_elements: '${item}' is not an element name`);
      continue;
    }
    if (!list.includes(el)) list.push(el);
  }
  state.request.elements = list;
};

const pretty: Handler = (state, name, modifier, value) => {
  if (!noModifier(state, name, modifier) || !once(state, name)) return;
  if (value !== 'true' && value !== 'false') {
    invalidValue(state, name, `_pretty must be true or false, got '${value}'`);
    return;
  }
  state.request.pretty = value === 'true';
};

const format: Handler = (state, name, modifier, value) => {
  if (!noModifier(state, name, modifier) || !once(state, name)) return;
  state.request.format = value;
};

const cursor: Handler = (state, name, modifier, value) => {
  if (!noModifier(state, name, modifier) || !once(state, name)) return;
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(value)) {
    invalidValue(state, name, 'The paging cursor is malformed', 'SEARCH_CURSOR_INVALID');
    return;
  }
  state.request.cursor = value;
};

function include(reverse: boolean): Handler {
  return (state, name, modifier, value) => {
    const shown = modifier ? `${name}:${modifier}` : name;
    if (modifier !== undefined && modifier !== 'iterate' && modifier !== 'recurse') {
      unsupported(state, shown, `Modifier ':${modifier}' is not supported on ${name}`, 'MSG_PARAM_MODIFIER_INVALID');
      return;
    }
    const iterate = modifier !== undefined;
    const list = reverse ? state.request.revinclude : state.request.include;
    if (value === '*') {
      if (!state.spec.spec.wildcardInclude) {
        unsupported(state, shown, `${name}=* is not supported; name the references to include`, 'SEARCH_INCLUDE_UNSUPPORTED');
      } else if (!list.some((r) => r.sourceType === '*' && r.iterate === iterate)) {
        list.push({ sourceType: '*', param: '*', iterate });
      }
      return;
    }
    const parts = value.split(':');
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
      invalidValue(state, shown, `${name} value '${value}' is not SourceType:parameter[:TargetType]`);
      return;
    }
    const [sourceType, param, targetType] = parts;
    const declared = (reverse ? state.spec.revincludes : state.spec.includes).get(`${sourceType}:${param}`);
    const rt = state.spec.resourceType;
    const ok =
      declared !== undefined &&
      (targetType === undefined || declared.targetType === undefined || declared.targetType === targetType) &&
      (iterate || (reverse ? targetType === undefined || targetType === rt : sourceType === rt));
    if (!ok) {
      const all = [...(reverse ? state.spec.revincludes : state.spec.includes).keys()].join(', ') || 'none';
      unsupported(state, shown, `${shown}=${value} is not supported for ${rt} (supported: ${all})`, 'SEARCH_INCLUDE_UNSUPPORTED');
      return;
    }
    const rule: IncludeRule = { sourceType, param, targetType, iterate };
    if (!list.some((r) => r.sourceType === sourceType && r.param === param && r.targetType === targetType && r.iterate === iterate)) {
      list.push(rule);
    }
  };
}

/** Handlers of the result parameters by name. */
export const RESULT_PARAMS: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['_count', count],
  ['_sort', sort],
  ['_summary', enumParam('summary', SUMMARY)],
  ['_total', enumParam('total', TOTAL)],
  ['_elements', elements],
  ['_include', include(false)],
  ['_revinclude', include(true)],
  ['_format', format],
  ['_pretty', pretty],
  ['_cursor', cursor],
]);
