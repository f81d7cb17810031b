/**
 * Parsing one (already OR-split) search value per parameter type (https://hl7.org/fhir/R4/search.html#ptypes).
 * Each function throws a 400 FhirError with a stable code naming the parameter when the value is malformed.
 */
import { FhirError, invalid } from '../errors/fhir-error.js';
import { parseFhirDate } from './fhir-date.js';
import { indexOfUnescaped, unescapeValue } from './escape.js';
import type { SearchPrefix, SearchValue } from './search-request.js';

const PREFIXES: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'lt', 'ge', 'le', 'sa', 'eb', 'ap']);
const NUMBER_RE = /^[+-]?(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?$/;
const ID_RE = /^[A-Za-z0-9\-.]{1,64}$/;
const TYPE_RE = /^[A-Z][A-Za-z]{1,63}$/;
/** An absolute canonical URL, optionally `|version` (FHIR R4 canonical datatype). */
const CANONICAL_RE = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s|]+(?:\|[^\s|]+)?$/;
const ABSOLUTE_REF_RE = /^(https?:\/\/.+?)\/([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** What a value parser needs besides the text. */
export interface ValueContext {
  param: string;
  zone: string;
  /** Allowed prefixes (already resolved from the definition). */
  prefixes: ReadonlySet<string>;
  /** Allowed reference target types, or undefined for any. */
  targetTypes?: ReadonlySet<string>;
  /** A reference parameter over a `canonical` element: canonical URLs are values too. */
  canonical?: boolean;
}

function bad(ctx: ValueContext, raw: string, why: string): FhirError {
  return invalid(`Invalid value '${raw}' for search parameter '${ctx.param}': ${why}`, {
    messageCode: 'MSG_PARAM_INVALID',
    expression: ctx.param,
  });
}

function splitPrefix(ctx: ValueContext, raw: string): { prefix: SearchPrefix; rest: string } {
  const p = raw.slice(0, 2);
  if (raw.length > 2 && PREFIXES.has(p)) {
    if (!ctx.prefixes.has(p)) throw bad(ctx, raw, `prefix '${p}' is not supported`);
    return { prefix: p as SearchPrefix, rest: raw.slice(2) };
  }
  return { prefix: 'eq', rest: raw };
}

/** string / uri / `:text`: any non-empty text. */
export function parseStringValue(ctx: ValueContext, raw: string): SearchValue {
  return { kind: 'string', value: unescapeValue(raw) };
}

/** uri: non-empty, no whitespace. */
export function parseUriValue(ctx: ValueContext, raw: string): SearchValue {
  const value = unescapeValue(raw);
  if (/\s/.test(value)) throw bad(ctx, raw, 'a URI cannot contain whitespace');
  return { kind: 'uri', value };
}

/** token: `code`, `system|code`, `|code`, `system|`. */
export function parseTokenValue(ctx: ValueContext, raw: string): SearchValue {
  const bar = indexOfUnescaped(raw, '|');
  if (bar < 0) return { kind: 'token', value: { code: unescapeValue(raw) } };
  const system = unescapeValue(raw.slice(0, bar));
  const code = unescapeValue(raw.slice(bar + 1));
  if (system === '' && code === '') throw bad(ctx, raw, 'a token needs a system or a code');
  if (indexOfUnescaped(raw.slice(bar + 1), '|') >= 0) throw bad(ctx, raw, "more than one unescaped '|'");
  return { kind: 'token', value: code === '' ? { system } : { system, code } };
}

/** date: `[prefix]date` (see `parseFhirDate`). */
export function parseDateValue(ctx: ValueContext, raw: string): SearchValue {
  const { prefix, rest } = splitPrefix(ctx, raw);
  let range;
  try {
    range = parseFhirDate(rest, ctx.zone);
  } catch (e) {
    if (!(e instanceof FhirError)) throw e; // e.g. a misconfigured zone: a server error, not the client's
    throw bad(ctx, raw, e.message.replace(/^Invalid date '[^']*': /, ''));
  }
  return {
    kind: 'date',
    value: {
      prefix,
      raw: rest.replace(/ (\d{2}:\d{2})$/, '+$1'),
      start: range.start,
      end: range.end,
      isDateOnly: range.isDateOnly,
      precision: range.precision,
      localStart: range.localStart,
      localEnd: range.localEnd,
    },
  };
}

/** number: `[prefix]number`. */
export function parseNumberValue(ctx: ValueContext, raw: string): SearchValue {
  const { prefix, rest } = splitPrefix(ctx, raw);
  if (!NUMBER_RE.test(rest)) throw bad(ctx, raw, 'not a number');
  return { kind: 'number', prefix, value: Number(rest) };
}

/** quantity: `[prefix]number`, `[prefix]number|system|code`, `[prefix]number||code`. */
export function parseQuantityValue(ctx: ValueContext, raw: string): SearchValue {
  const { prefix, rest } = splitPrefix(ctx, raw);
  const first = indexOfUnescaped(rest, '|');
  const num = first < 0 ? rest : rest.slice(0, first);
  if (!NUMBER_RE.test(num)) throw bad(ctx, raw, 'expected [prefix]number[|system|code]');
  if (first < 0) return { kind: 'quantity', value: { prefix, value: Number(num) } };
  const tail = rest.slice(first + 1);
  const second = indexOfUnescaped(tail, '|');
  if (second < 0) throw bad(ctx, raw, 'expected number|system|code');
  const system = unescapeValue(tail.slice(0, second));
  const code = unescapeValue(tail.slice(second + 1));
  if (indexOfUnescaped(tail.slice(second + 1), '|') >= 0) throw bad(ctx, raw, "too many '|'");
  const value: { prefix: SearchPrefix; value: number; system?: string; code?: string } = { prefix, value: Number(num) };
  if (system) value.system = system;
  if (code) value.code = code;
  return { kind: 'quantity', value };
}

/**
 * reference: `id`, `Type/id`, `http(s)://base/Type/id` (a trailing `/_history/v` is dropped); with a `:Type`
 * modifier only `id`. Types outside the parameter's targets are rejected. A parameter over a canonical element
 * (`canonical` in its definition) also takes a canonical URL `url[|version]`, as a `uri` value.
 */
export function parseReferenceValue(ctx: ValueContext, raw: string, typeModifier?: string): SearchValue {
  const text = unescapeValue(raw);
  const checkType = (type: string) => {
    if (ctx.targetTypes && !ctx.targetTypes.has(type)) {
      throw bad(ctx, raw, `${type} is not a target of this parameter (allowed: ${[...ctx.targetTypes].join(', ')})`);
    }
  };
  if (typeModifier !== undefined) {
    if (!ID_RE.test(text)) throw bad(ctx, raw, `with :${typeModifier} the value must be a plain id`);
    return { kind: 'reference', value: { type: typeModifier, id: text } };
  }
  if (ID_RE.test(text)) return { kind: 'reference', value: { id: text } };
  // A canonical element (QuestionnaireResponse.questionnaire) holds `url[|version]`, not Type/id: kept as a URI.
  if (ctx.canonical && CANONICAL_RE.test(text)) return { kind: 'uri', value: text };
  const abs = ABSOLUTE_REF_RE.exec(text);
  if (abs) {
    checkType(abs[2]);
    return { kind: 'reference', value: { base: abs[1], type: abs[2], id: abs[3] } };
  }
  const parts = text.split('/');
  if ((parts.length === 2 || (parts.length === 4 && parts[2] === '_history')) && TYPE_RE.test(parts[0]) && ID_RE.test(parts[1])) {
    checkType(parts[0]);
    return { kind: 'reference', value: { type: parts[0], id: parts[1] } };
  }
  throw bad(ctx, raw, 'expected id, Type/id or an absolute URL ending in Type/id');
}

/** `:missing`: `true` or `false`. */
export function parseMissingValue(ctx: ValueContext, raw: string): SearchValue {
  if (raw !== 'true' && raw !== 'false') throw bad(ctx, raw, ':missing takes true or false');
  return { kind: 'missing', value: raw === 'true' };
}

export { PREFIXES, TYPE_RE };
