/**
 * The `fhir` package's `xmlToObj` returns `decimal` values as strings (its `xmlToJson` fixes that but crashes on
 * `null` placeholders in primitive-extension arrays such as `_given: [null, {...}]`). This walks the result with
 * the package's own R4 model and turns decimal strings into JSON numbers.
 */

import { childProperties, type FhirModel, type ModelProperty } from './fhir-model.js';

export type Model = FhirModel;

const indexCache = new WeakMap<ModelProperty[], Map<string, ModelProperty>>();

function index(props: ModelProperty[]): Map<string, ModelProperty> {
  let map = indexCache.get(props);
  if (!map) {
    map = new Map(props.map((p) => [p._name, p]));
    indexCache.set(props, map);
  }
  return map;
}

function fixValue(model: Model, prop: ModelProperty, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (prop._type === 'decimal') return typeof value === 'string' ? Number(value) : value;
  if (typeof value !== 'object') return value;
  if (prop._type === 'Resource') {
    fixResource(model, value as Record<string, unknown>);
    return value;
  }
  const props = childProperties(model, prop);
  if (props) fixObject(model, props, value as Record<string, unknown>);
  return value;
}

function fixObject(model: Model, props: ModelProperty[], obj: Record<string, unknown>): void {
  const byName = index(props);
  for (const key of Object.keys(obj)) {
    const prop = byName.get(key);
    if (!prop) continue;
    const value = obj[key];
    obj[key] = Array.isArray(value) ? value.map((v) => fixValue(model, prop, v)) : fixValue(model, prop, value);
  }
}

/** Converts, in place, every `decimal` string of a resource (and its contained / entry resources) to a number. */
export function fixResource(model: Model, resource: Record<string, unknown>): void {
  const type = model[resource.resourceType as string];
  if (type) fixObject(model, type._properties, resource);
}
