/**
 * Parses a FHIR search query (https://hl7.org/fhir/R4/search.html) into a {@link SearchRequest}, given the
 * resource type's declared parameters. Comma-separated values are OR-ed; a repeated parameter is AND-ed.
 */
import { FhirError, invalid } from '../errors/fhir-error.js';
import { compileSearchSpec, type CompiledParam, type CompiledSearchSpec } from './compiled-spec.js';
import { splitUnescaped } from './escape.js';
import { invalidValue, unsupported, type ParseState, type SearchParseOptions } from './parse-state.js';
import { RESULT_PARAMS } from './result-params.js';
import type { ResourceSearchSpec } from './search-param-definition.js';
import type { SearchClause, SearchRequest, SearchValue } from './search-request.js';
import {
  TYPE_RE,
  parseDateValue,
  parseMissingValue,
  parseNumberValue,
  parseQuantityValue,
  parseReferenceValue,
  parseStringValue,
  parseTokenValue,
  parseUriValue,
  type ValueContext,
} from './value-parsers.js';

/** A query in any of the shapes the HTTP layer has at hand. */
export type SearchQueryInput =
  | URLSearchParams
  | string
  | Iterable<readonly [string, string]>
  | Readonly<Record<string, string | readonly string[] | undefined>>;

function entries(query: SearchQueryInput): Iterable<readonly [string, string]> {
  if (typeof query === 'string') return new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  if (query instanceof URLSearchParams) return query;
  if (Symbol.iterator in (query as object)) return query as Iterable<readonly [string, string]>;
  const out: [string, string][] = [];
  const malformed = (k: string) =>
    invalid(`Search parameter '${k}' is malformed`, { messageCode: 'MSG_PARAM_INVALID', expression: k });
  // A record may come from a framework's query parser (nested objects for `a[b]=c`): only strings are values.
  for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (typeof v === 'string') out.push([k, v]);
    else if (Array.isArray(v) && v.every((item) => typeof item === 'string')) for (const item of v) out.push([k, item]);
    else throw malformed(k);
  }
  return out;
}

function parseOne(param: CompiledParam, ctx: ValueContext, modifier: string | undefined, raw: string): SearchValue {
  if (modifier === 'missing') return parseMissingValue(ctx, raw);
  switch (param.def.type) {
    case 'string':
      return parseStringValue(ctx, raw);
    case 'token':
      return modifier === 'text' ? parseStringValue(ctx, raw) : parseTokenValue(ctx, raw);
    case 'date':
      return parseDateValue(ctx, raw);
    case 'number':
      return parseNumberValue(ctx, raw);
    case 'quantity':
      return parseQuantityValue(ctx, raw);
    case 'reference':
      return parseReferenceValue(ctx, raw, modifier);
    case 'uri':
      return parseUriValue(ctx, raw);
    case 'special':
      return parseStringValue(ctx, raw);
  }
}

function parseClause(state: ParseState, name: string, code: string, modifier: string | undefined, value: string): void {
  const param = state.spec.params.get(code);
  if (!param) {
    if (code.includes('.')) {
      unsupported(state, name, `Chained search parameter '${code}' is not supported`, 'MSG_PARAM_CHAINED');
    } else {
      const why = `supported: ${state.spec.paramList}`;
      unsupported(state, name, `Unknown search parameter '${code}' for ${state.spec.resourceType} (${why})`, 'MSG_PARAM_UNKNOWN');
    }
    return;
  }
  if (modifier !== undefined && !param.modifiers.has(modifier)) {
    const isType = param.def.type === 'reference' && TYPE_RE.test(modifier);
    if (!isType) {
      unsupported(state, name, `Modifier ':${modifier}' is not supported on '${code}'`, 'MSG_PARAM_MODIFIER_INVALID');
      return;
    }
    if (param.targetTypes && !param.targetTypes.has(modifier)) {
      unsupported(state, name, `'${code}' cannot refer to ${modifier} (allowed: ${[...param.targetTypes].join(', ')})`, 'MSG_PARAM_MODIFIER_INVALID');
      return;
    }
  }
  const pieces = splitUnescaped(value, ',');
  if (pieces.length > 1 && (param.def.multipleOr === false || modifier === 'missing')) {
    invalidValue(state, name, `'${name}' does not accept several comma-separated values`);
    return;
  }
  if (param.def.multipleAnd === false && state.request.clauses.some((c) => c.param === code)) {
    invalidValue(state, name, `'${code}' may appear only once`, 'MSG_PARAM_NO_REPEAT');
    return;
  }
  const ctx: ValueContext = { param: name, zone: state.options.timeZone, prefixes: param.prefixes, targetTypes: param.targetTypes, canonical: param.def.canonical };
  const values: SearchValue[] = [];
  for (const piece of pieces) {
    if (piece === '') {
      invalidValue(state, name, `'${name}' has an empty value in its list`);
      return;
    }
    try {
      values.push(parseOne(param, ctx, modifier, piece));
    } catch (e) {
      if (!(e instanceof FhirError)) throw e;
      for (const issue of e.outcome.issue) {
        invalidValue(state, name, issue.diagnostics ?? 'Invalid value', issue.details?.coding?.[0]?.code);
      }
      return;
    }
  }
  // A `+` of an offset sent unencoded arrives as a space: keep the corrected text for links.
  const raw = param.def.type === 'date' ? value.replace(/ (\d{2}:\d{2})(?=,|$)/g, '+$1') : value;
  const clause: SearchClause = { param: code, values, raw };
  if (modifier !== undefined) clause.modifier = modifier;
  state.request.clauses.push(clause);
}

/**
 * Parses a search query for one resource type.
 *
 * - Declared parameters become {@link SearchClause}s (with `raw` kept for links); `_id` / `_lastUpdated` are
 *   ordinary parameters the engine declares (see `ID_PARAM`, `LAST_UPDATED_PARAM`).
 * - Result parameters fill the other fields; `_count` defaults to 50 and is capped at 1000; `_count=0` is
 *   allowed and means "no entries, only the total" (like `_summary=count`).
 * - Parameters with an empty value are skipped and listed in `ignored`.
 * - Unknown parameters, chains and unsupported modifiers or includes give a 400 naming every one of them, or,
 *   with `options.lenient`, are listed in `ignored` (and so left out of links). Malformed values are always 400.
 * - More than `options.maxValues` (default 200) values in all is a 400 `too-costly`.
 *
 * @param query the query string (with or without `?`), `URLSearchParams` (also a parsed form body), entries, or
 *   a record of strings / string arrays.
 * @param spec the resource type's spec; compiled on first use and cached.
 * @throws FhirError 400 with one OperationOutcome issue per problem.
 */
export function parseSearch<TTarget>(
  query: SearchQueryInput,
  spec: ResourceSearchSpec<TTarget> | CompiledSearchSpec<TTarget>,
  options: SearchParseOptions,
): SearchRequest {
  const compiled = 'params' in spec && spec.params instanceof Map ? (spec as CompiledSearchSpec<TTarget>) : compileSearchSpec(spec as ResourceSearchSpec<TTarget>);
  const state: ParseState = {
    spec: compiled as CompiledSearchSpec<unknown>,
    options,
    request: {
      resourceType: compiled.resourceType,
      clauses: [],
      count: Math.min(options.defaultCount ?? 50, options.maxCount ?? 1000),
      sort: [],
      include: [],
      revinclude: [],
      ignored: [],
    },
    issues: [],
    seen: new Set(),
  };
  for (const [name, value] of entries(query)) {
    if (value === '') {
      state.request.ignored.push(name);
      continue;
    }
    const colon = name.indexOf(':');
    const code = colon < 0 ? name : name.slice(0, colon);
    const modifier = colon < 0 ? undefined : name.slice(colon + 1);
    const handler = RESULT_PARAMS.get(code);
    if (handler) handler(state, code, modifier, value);
    else parseClause(state, name, code, modifier, value);
  }
  let values = 0;
  for (const c of state.request.clauses) values += c.values.length;
  const maxValues = options.maxValues ?? 200;
  if (values > maxValues) {
    state.issues.push({
      code: 'too-costly',
      messageCode: 'SEARCH_TOO_COSTLY',
      diagnostics: `The search has ${values} parameter values; at most ${maxValues} are allowed`,
    });
  }
  if (state.issues.length > 0) throw FhirError.of(400, state.issues);
  return state.request;
}
