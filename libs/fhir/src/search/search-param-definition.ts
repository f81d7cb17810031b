/**
 * How a resource type declares its search parameters to the parser. The engine (apps/fhir-api) writes one
 * {@link ResourceSearchSpec} per resource type; `target` is opaque here and tells the engine how to query.
 */
import type { SearchParamType } from './search-request.js';

/** One search parameter a resource type supports. */
export interface SearchParamDefinition<TTarget = unknown> {
  /** The parameter code as used in URLs (`patient`, `birthdate`, `_id`). */
  code: string;
  type: SearchParamType;
  /** Engine-owned description of how to execute it (columns, joins ...). Never read by libs/fhir. */
  target?: TTarget;
  /**
   * Modifiers the engine implements for this parameter. Defaults per type: string `exact contains missing`,
   * token `not text missing`, reference `missing` (+ `:Type`), all others `missing`.
   */
  modifiers?: readonly string[];
  /** Reference parameters: resource types the reference may point to (`:Type` modifier and `Type/id` checked). */
  targetTypes?: readonly string[];
  /**
   * A reference parameter whose element is a `canonical` (QuestionnaireResponse.questionnaire): a value may also be a
   * canonical URL (`url` or `url|version`), parsed as a `uri` value.
   */
  canonical?: boolean;
  /** Whether `_sort` may use this parameter. */
  sortable?: boolean;
  /** False when a comma-separated OR list is not supported (400). Default true. */
  multipleOr?: boolean;
  /** False when repeating the parameter (AND) is not supported (400). Default true. */
  multipleAnd?: boolean;
  /** Date/number/quantity prefixes accepted; default all nine. */
  prefixes?: readonly string[];
  /** Canonical URL of the SearchParameter (for the CapabilityStatement). */
  definition?: string;
  documentation?: string;
}

/** The search surface of one resource type. */
export interface ResourceSearchSpec<TTarget = unknown> {
  resourceType: string;
  params: readonly SearchParamDefinition<TTarget>[];
  /** Supported `_include` values, `Source:param` or `Source:param:Target` (e.g. `MedicationRequest:medication`). */
  includes?: readonly string[];
  /** Supported `_revinclude` values (e.g. `Provenance:target`). */
  revincludes?: readonly string[];
  /** Whether `_include=*` / `_revinclude=*` is supported. Default false (400). */
  wildcardInclude?: boolean;
}

/** `_id` as a definition the engine can spread a target into: `{ ...ID_PARAM, target: ... }`. */
export const ID_PARAM = Object.freeze({
  code: '_id',
  type: 'token',
  sortable: true,
} as const satisfies SearchParamDefinition);

/** `_lastUpdated` as a definition the engine can spread a target into. */
export const LAST_UPDATED_PARAM = Object.freeze({
  code: '_lastUpdated',
  type: 'date',
  sortable: true,
} as const satisfies SearchParamDefinition);

/** Default modifiers per parameter type (when a definition gives none). */
export const DEFAULT_MODIFIERS: Readonly<Record<SearchParamType, readonly string[]>> = Object.freeze({
  string: ['exact', 'contains', 'missing'],
  token: ['not', 'text', 'missing'],
  date: ['missing'],
  reference: ['missing'],
  quantity: ['missing'],
  number: ['missing'],
  uri: ['missing'],
  special: [],
});
