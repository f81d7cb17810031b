/**
 * The neutral, parsed form of a FHIR search (https://hl7.org/fhir/R4/search.html). The query string is parsed
 * once into this structure; the resource engine turns it into SQL and the Bundle links back into a URL.
 * This file is the contract between `libs/fhir` (parsing) and `apps/fhir-api` (execution).
 */

/** FHIR search parameter types this server supports. */
export type SearchParamType = 'string' | 'token' | 'date' | 'reference' | 'quantity' | 'uri' | 'number' | 'special';

/** Date/number/quantity comparison prefixes. */
export type SearchPrefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';

/** Modifiers this server understands (others are rejected with 400 unless the request is lenient). */
export type SearchModifier = 'exact' | 'contains' | 'not' | 'text' | 'missing' | 'identifier' | 'above' | 'below' | 'in' | 'not-in' | 'of-type' | string;

/** A token value: `code`, `system|code`, `|code` (no system), `system|` (any code in system). */
export interface TokenValue {
  /** undefined = any system; '' = explicitly no system (`|code`). */
  system?: string;
  /** undefined = any code (`system|`). */
  code?: string;
}

/** A date value with its precision, already turned into the half-open UTC range it denotes. */
export interface DateValue {
  prefix: SearchPrefix;
  /** The literal as sent, e.g. `2024-03`. */
  raw: string;
  /** Inclusive start and exclusive end of the implied range, epoch ms. */
  start: number;
  end: number;
  /** True when the literal had no time-of-day / offset, i.e. it is a calendar date/month/year. */
  isDateOnly: boolean;
  /** Precision of the literal (set by the parser). */
  precision?: 'year' | 'month' | 'day' | 'minute' | 'second' | 'millisecond';
  /** The range as clinic wall-clock strings `YYYY-MM-DDTHH:mm:ss[.SSS]` (set by the parser; see `parseFhirDate`). */
  localStart?: string;
  localEnd?: string;
}

export interface ReferenceValue {
  /** Resource type when given (`Patient/123` or an absolute URL), else undefined. */
  type?: string;
  id: string;
  /** The base URL when the value was absolute. */
  base?: string;
}

export interface QuantityValue {
  prefix: SearchPrefix;
  value: number;
  system?: string;
  code?: string;
}

/** One parsed value; which member is set depends on the parameter's type. */
export type SearchValue =
  | { kind: 'string'; value: string }
  | { kind: 'token'; value: TokenValue }
  | { kind: 'date'; value: DateValue }
  | { kind: 'reference'; value: ReferenceValue }
  | { kind: 'quantity'; value: QuantityValue }
  | { kind: 'number'; prefix: SearchPrefix; value: number }
  | { kind: 'uri'; value: string }
  | { kind: 'missing'; value: boolean };

/** One occurrence of a parameter: its values are OR-ed. Several occurrences of one parameter are AND-ed. */
export interface SearchClause {
  /** Parameter code as declared by the resource (e.g. `patient`, `_id`, `code`). */
  param: string;
  modifier?: SearchModifier;
  /** For chained/typed references `subject:Patient` the type goes in `modifier`. */
  values: SearchValue[];
  /**
   * The value text as received (after URL decoding, escapes kept), set by the parser so that links reproduce
   * the request exactly. Clauses built by code may omit it; `toQueryString` then serialises `values`.
   */
  raw?: string;
}

export interface SortRule {
  param: string;
  descending: boolean;
}

export interface IncludeRule {
  /** `Observation:patient` -> sourceType Observation, param patient. */
  sourceType: string;
  param: string;
  targetType?: string;
  iterate: boolean;
}

/** The whole parsed search. */
export interface SearchRequest {
  resourceType: string;
  clauses: SearchClause[];
  count: number;
  sort: SortRule[];
  include: IncludeRule[];
  revinclude: IncludeRule[];
  summary?: 'true' | 'false' | 'count' | 'text' | 'data';
  elements?: string[];
  total?: 'none' | 'estimate' | 'accurate';
  /** Opaque keyset cursor from a next/previous link (`_cursor`), decoded by the engine. */
  cursor?: string;
  /** Parameters ignored under `Prefer: handling=lenient` (left out of the self link). */
  ignored: string[];
  /** `_format` as sent (validated by `negotiateFormat`, not here). */
  format?: string;
  /** `_pretty=true|false`. */
  pretty?: boolean;
}
