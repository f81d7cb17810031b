import { compileSearchSpec, type CompiledSearchSpec } from '../../../../../libs/fhir/src/search/compiled-spec.js';
import type { ResourceDefinition } from './resource-definition.js';

/** A registered type: its definition and its compiled search spec (for the parser). */
export interface RegisteredType {
  def: ResourceDefinition;
  spec: CompiledSearchSpec;
}

/** The resource registry: one entry per FHIR type; the router, engine and CapabilityStatement read it. */
export class ResourceRegistry {
  private readonly byType = new Map<string, RegisteredType>();

  constructor(defs: readonly ResourceDefinition[]) {
    for (const def of defs) {
      if (this.byType.has(def.type)) throw new Error(`Resource type ${def.type} registered twice`);
      const spec = compileSearchSpec({
        resourceType: def.type,
        params: def.params,
        includes: (def.includes ?? []).map((i) => `${i.sourceType}:${i.param}:${i.targetType}`),
        revincludes: (def.revincludes ?? []).map((i) => `${i.sourceType}:${i.param}`),
      });
      this.byType.set(def.type, { def, spec });
    }
  }

  get(type: string): RegisteredType | undefined {
    return this.byType.get(type);
  }

  /** All registered types in registration order. */
  all(): RegisteredType[] {
    return [...this.byType.values()];
  }
}
