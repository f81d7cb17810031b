/**
 * Look-ups over the US Core 6.1.0 requirements (https://hl7.org/fhir/us/core/STU6.1/CapabilityStatement-us-core-server.html):
 * what a US Core server is expected to support per resource type, and the canonical URL of each search parameter.
 */
import { BASE_SEARCH_PARAMETER_URLS, US_CORE_PROFILES, US_CORE_SEARCH_PARAMETERS } from './us-core.generated.js';
import type { Expectation, UsCoreProfileRequirements, UsCoreSearchParameter, UsCoreSearchRequirement } from './us-core-types.js';

export type { Expectation, UsCoreProfileRequirements, UsCoreSearchParameter, UsCoreSearchRequirement } from './us-core-types.js';

/** The US Core requirements of one resource type, merged over its profiles (strongest expectation wins). */
export interface UsCoreTypeRequirements {
  resourceType: string;
  /** The type's US Core profiles with their own requirements. */
  profiles: readonly UsCoreProfileRequirements[];
  /** Canonical URLs of those profiles (for `supportedProfile`). */
  supportedProfiles: readonly string[];
  resourceExpectation?: Expectation;
  interactions: readonly { code: string; expectation: Expectation }[];
  searchParams: readonly UsCoreSearchRequirement[];
  combinations: readonly { names: readonly string[]; expectation: Expectation }[];
  includes: readonly { value: string; expectation: Expectation }[];
  revincludes: readonly { value: string; expectation: Expectation }[];
  operations: readonly { name: string; definition: string; expectation: Expectation }[];
}

const RANK: Record<string, number> = { SHALL: 3, SHOULD: 2, MAY: 1, 'SHOULD-NOT': 0 };

/** The stronger of two expectations (`SHALL` > `SHOULD` > `MAY` > `SHOULD-NOT`). */
export function strongerExpectation(a: Expectation | undefined, b: Expectation | undefined): Expectation | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return (RANK[b] ?? 0) > (RANK[a] ?? 0) ? b : a;
}

function mergeBy<T extends { expectation: Expectation }>(items: Iterable<T>, key: (t: T) => string): T[] {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const prev = map.get(k);
    if (!prev) map.set(k, { ...item });
    else prev.expectation = strongerExpectation(prev.expectation, item.expectation) ?? prev.expectation;
  }
  return [...map.values()];
}

function merge(resourceType: string, profiles: UsCoreProfileRequirements[]): UsCoreTypeRequirements {
  let resourceExpectation: Expectation | undefined;
  for (const p of profiles) resourceExpectation = strongerExpectation(resourceExpectation, p.resourceExpectation);
  const searchParams = mergeBy(
    profiles.flatMap((p) => p.searchParams),
    (s) => s.name,
  );
  for (const s of searchParams) {
    for (const p of profiles) {
      const other = p.searchParams.find((o) => o.name === s.name);
      if (other) {
        s.multipleOr = strongerExpectation(s.multipleOr, other.multipleOr);
        s.multipleAnd = strongerExpectation(s.multipleAnd, other.multipleAnd);
      }
    }
  }
  return {
    resourceType,
    profiles,
    supportedProfiles: profiles.flatMap((p) => (p.profile ? [p.profile] : [])),
    resourceExpectation,
    interactions: mergeBy(profiles.flatMap((p) => p.interactions), (i) => i.code),
    searchParams,
    combinations: mergeBy(profiles.flatMap((p) => p.combinations), (c) => [...c.names].sort().join('+')),
    includes: mergeBy(profiles.flatMap((p) => p.includes), (i) => i.value),
    revincludes: mergeBy(profiles.flatMap((p) => p.revincludes), (i) => i.value),
    operations: mergeBy(profiles.flatMap((p) => p.operations), (o) => o.name),
  };
}

const byType = new Map<string, UsCoreTypeRequirements>();
{
  const grouped = new Map<string, UsCoreProfileRequirements[]>();
  for (const p of US_CORE_PROFILES) grouped.set(p.resourceType, [...(grouped.get(p.resourceType) ?? []), p]);
  for (const [type, profiles] of grouped) byType.set(type, merge(type, profiles));
}
const paramByKey = new Map<string, UsCoreSearchParameter>();
for (const sp of US_CORE_SEARCH_PARAMETERS) for (const base of sp.base) paramByKey.set(`${base}.${sp.code}`, sp);

/** The resource types US Core 6.1.0 names in its server CapabilityStatement. */
export function usCoreResourceTypes(): string[] {
  return [...byType.keys()].sort();
}

/**
 * What US Core 6.1.0 expects a server to support for `resourceType` (merged over all its profiles), or undefined
 * when US Core says nothing about the type.
 */
export function usCoreRequirements(resourceType: string): UsCoreTypeRequirements | undefined {
  return byType.get(resourceType);
}

/** The requirements of one US Core profile by canonical URL. */
export function usCoreProfile(profileUrl: string): UsCoreProfileRequirements | undefined {
  return US_CORE_PROFILES.find((p) => p.profile === profileUrl);
}

/** The US Core SearchParameter for `resourceType` + `code` (`Observation`, `date`), if US Core defines one. */
export function usCoreSearchParameter(resourceType: string, code: string): UsCoreSearchParameter | undefined {
  return paramByKey.get(`${resourceType}.${code}`);
}

/**
 * Canonical URL for a search parameter: the US Core SearchParameter when there is one, else the base R4 one
 * (type-specific, then `Resource` / `DomainResource`), else undefined.
 */
export function searchParameterUrl(resourceType: string, code: string): string | undefined {
  return (
    paramByKey.get(`${resourceType}.${code}`)?.url ??
    BASE_SEARCH_PARAMETER_URLS[`${resourceType}.${code}`] ??
    BASE_SEARCH_PARAMETER_URLS[`Resource.${code}`] ??
    BASE_SEARCH_PARAMETER_URLS[`DomainResource.${code}`]
  );
}
