/**
 * Per-resource-type precomputation of a {@link ResourceSearchSpec}: lookup maps and sets built once, so that
 * parsing a request allocates only its result.
 */
import type { IncludeRule } from './search-request.js';
import { DEFAULT_MODIFIERS, type ResourceSearchSpec, type SearchParamDefinition } from './search-param-definition.js';
import { PREFIXES } from './value-parsers.js';

/** A parameter with its allowed modifiers / prefixes / target types as sets. */
export interface CompiledParam<TTarget = unknown> {
  def: SearchParamDefinition<TTarget>;
  modifiers: ReadonlySet<string>;
  prefixes: ReadonlySet<string>;
  targetTypes?: ReadonlySet<string>;
}

/** The precomputed form of a {@link ResourceSearchSpec}; build it once per type with {@link compileSearchSpec}. */
export interface CompiledSearchSpec<TTarget = unknown> {
  readonly resourceType: string;
  readonly spec: ResourceSearchSpec<TTarget>;
  readonly params: ReadonlyMap<string, CompiledParam<TTarget>>;
  readonly sortable: ReadonlySet<string>;
  /** `_include` values keyed `Source:param`, with the declared target type (or undefined for any). */
  readonly includes: ReadonlyMap<string, IncludeRule>;
  readonly revincludes: ReadonlyMap<string, IncludeRule>;
  /** Sorted parameter codes, for error messages. */
  readonly paramList: string;
}

const cache = new WeakMap<ResourceSearchSpec<unknown>, CompiledSearchSpec<unknown>>();

function includeRule(value: string, where: string): IncludeRule {
  const parts = value.split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    throw new Error(`${where}: '${value}' is not Source:param[:Target]`);
  }
  return { sourceType: parts[0], param: parts[1], targetType: parts[2], iterate: false };
}

/**
 * Validates and precomputes a resource type's search spec. Results are cached per spec object, so calling it
 * again with the same object is free.
 *
 * @throws Error for a programming mistake in the spec (duplicate code, sortable unknown ...): fail at start-up.
 */
export function compileSearchSpec<TTarget>(spec: ResourceSearchSpec<TTarget>): CompiledSearchSpec<TTarget> {
  const hit = cache.get(spec as ResourceSearchSpec<unknown>);
  if (hit) return hit as CompiledSearchSpec<TTarget>;
  const params = new Map<string, CompiledParam<TTarget>>();
  const sortable = new Set<string>();
  for (const def of spec.params) {
    if (params.has(def.code)) throw new Error(`${spec.resourceType}: search parameter '${def.code}' declared twice`);
    if (!/^_?[a-z][a-z0-9-]*$/i.test(def.code)) throw new Error(`${spec.resourceType}: bad parameter code '${def.code}'`);
    params.set(def.code, {
      def,
      modifiers: new Set(def.modifiers ?? DEFAULT_MODIFIERS[def.type]),
      prefixes: new Set(def.prefixes ?? PREFIXES),
      targetTypes: def.targetTypes ? new Set(def.targetTypes) : undefined,
    });
    if (def.sortable) sortable.add(def.code);
  }
  const includes = new Map<string, IncludeRule>();
  for (const v of spec.includes ?? []) {
    const rule = includeRule(v, `${spec.resourceType} includes`);
    const key = `${rule.sourceType}:${rule.param}`;
    const prev = includes.get(key);
    // A parameter declared with several target types (CareTeam:participant:Patient / :PractitionerRole) accepts each.
    includes.set(key, prev && prev.targetType !== rule.targetType ? { ...rule, targetType: undefined } : rule);
  }
  const revincludes = new Map<string, IncludeRule>();
  for (const v of spec.revincludes ?? []) {
    const rule = includeRule(v, `${spec.resourceType} revincludes`);
    revincludes.set(`${rule.sourceType}:${rule.param}`, rule);
  }
  const compiled: CompiledSearchSpec<TTarget> = {
    resourceType: spec.resourceType,
    spec,
    params,
    sortable,
    includes,
    revincludes,
    paramList: [...params.keys()].sort().join(', '),
  };
  cache.set(spec as ResourceSearchSpec<unknown>, compiled as CompiledSearchSpec<unknown>);
  return compiled;
}
