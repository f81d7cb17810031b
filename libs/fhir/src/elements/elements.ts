/**
 * `_summary` and `_elements` (https://hl7.org/fhir/R4/search.html#summary, #elements): subsets of a resource,
 * marked with the `SUBSETTED` meta tag. Filtering is on top-level elements, driven by a table generated from the
 * R4 definitions; a JSON member maps to its element through choice types (`valueQuantity` -> `value[x]`) and
 * primitive extensions (`_birthDate` -> `birthDate`).
 */
import type { Coding, FhirResource } from '../types.js';
import { ELEMENT_TABLE } from './element-table.generated.js';

/** The meta tag that marks a subsetted resource (https://hl7.org/fhir/R4/v3/ObservationValue/cs.html). */
export const SUBSETTED_TAG: Readonly<Coding> = Object.freeze({
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'SUBSETTED',
  display: 'Resource encoded in summary mode',
});

/** Top-level element facts of one resource type. */
export interface ElementInfo {
  summary: ReadonlySet<string>;
  mandatory: ReadonlySet<string>;
  modifier: ReadonlySet<string>;
  /** Choice element base names (`value`, `effective`). */
  choice: readonly string[];
}

const infoCache = new Map<string, ElementInfo>();
const words = (s: string): string[] => (s ? s.split(' ') : []);

/** Element facts of an R4 resource type, or undefined for an unknown type. */
export function elementInfo(resourceType: string): ElementInfo | undefined {
  let info = infoCache.get(resourceType);
  if (info) return info;
  const row = Object.prototype.hasOwnProperty.call(ELEMENT_TABLE, resourceType) ? ELEMENT_TABLE[resourceType] : undefined;
  if (!row) return undefined;
  info = { summary: new Set(words(row[0])), mandatory: new Set(words(row[1])), modifier: new Set(words(row[2])), choice: words(row[3]) };
  infoCache.set(resourceType, info);
  return info;
}

/** The element a JSON member belongs to: `_birthDate` -> `birthDate`, `valueQuantity` -> `value` (if a choice). */
export function elementOfMember(info: ElementInfo | undefined, member: string): string {
  const name = member.startsWith('_') ? member.slice(1) : member;
  if (info) {
    for (const base of info.choice) {
      if (name.length > base.length && name.startsWith(base) && /[A-Z]/.test(name[base.length])) return base;
    }
  }
  return name;
}

function withSubsettedTag(resource: FhirResource, out: FhirResource): FhirResource {
  const meta = { ...(resource.meta ?? {}) };
  const tags = meta.tag ?? [];
  if (!tags.some((t) => t.system === SUBSETTED_TAG.system && t.code === SUBSETTED_TAG.code)) {
    meta.tag = [...tags, { ...SUBSETTED_TAG }];
  }
  out.meta = meta;
  return out;
}

function pick(resource: FhirResource, keep: (element: string) => boolean): FhirResource {
  const info = elementInfo(resource.resourceType);
  const out: FhirResource = { resourceType: resource.resourceType };
  for (const member of Object.keys(resource)) {
    if (member === 'resourceType') continue;
    if (keep(elementOfMember(info, member))) out[member] = resource[member];
  }
  return withSubsettedTag(resource, out);
}

/**
 * `_elements`: keeps the listed top-level elements plus `id`, `meta`, the mandatory elements and the modifier
 * elements of the type (a client must not miss a modifier such as `status`), and tags the result `SUBSETTED`.
 * Returns a new object; the input is not changed. Choice elements may be named by base (`value`) or with a type
 * (`valueQuantity`).
 */
export function applyElements(resource: FhirResource, elements: readonly string[]): FhirResource {
  const info = elementInfo(resource.resourceType);
  const wanted = new Set(elements.map((e) => elementOfMember(info, e)));
  return pick(
    resource,
    (el) => el === 'id' || el === 'meta' || wanted.has(el) || !!info?.mandatory.has(el) || !!info?.modifier.has(el),
  );
}

/** The `_summary` modes that change a resource (`count` is handled by the search, `false` changes nothing). */
export type SummaryMode = 'true' | 'false' | 'text' | 'data' | 'count';

/**
 * `_summary`: `true` keeps the summary elements of the R4 definition (for a type unknown to R4: id and meta),
 * `text` keeps `text`, `id`, `meta` and the mandatory elements, `data` removes `text`; all three add the
 * `SUBSETTED` tag. `false` and `count` return the resource unchanged. Returns a new object when it changes.
 */
export function applySummary(resource: FhirResource, mode: SummaryMode): FhirResource {
  const info = elementInfo(resource.resourceType);
  switch (mode) {
    case 'true':
      return pick(resource, (el) => el === 'id' || el === 'meta' || !!info?.summary.has(el));
    case 'text':
      return pick(resource, (el) => el === 'id' || el === 'meta' || el === 'text' || !!info?.mandatory.has(el));
    case 'data':
      return pick(resource, (el) => el !== 'text');
    default:
      return resource;
  }
}

/** Applies a request's `_summary` then `_elements` (when present) to one resource. */
export function shapeResource(resource: FhirResource, request: { summary?: SummaryMode; elements?: readonly string[] }): FhirResource {
  let out = resource;
  if (request.summary !== undefined) out = applySummary(out, request.summary);
  if (request.elements !== undefined && request.elements.length > 0) out = applyElements(out, request.elements);
  return out;
}
