import { compileSearchSpec, type CompiledSearchSpec } from '#facade/fhir';
import { isNullableColumn } from '../sql/row-normalizer.js';
import { compileEntries } from './compile-entry.js';
import type { ResourceDefinition, ResourceSource } from './resource-definition.js';
import type { ResourceEntry } from './resource-entry.js';

/** Keyset paging compares sort values: a nullable sort column would lose rows, so it is a start-up error. */
function checkSortColumns(type: string, source: ResourceSource): void {
  for (const path of [source.lastUpdatedColumn, ...Object.values(source.sort ?? {})]) {
    const [alias, column] = path.split('.');
    const table = alias === source.alias ? source.table : source.joins?.find((j) => j.alias === alias)?.table;
    if (!table) throw new Error(`${type}/${source.key}: sort column ${path} is not on the source's tables`);
    if (isNullableColumn(table, column)) throw new Error(`${type}/${source.key}: sort column ${path} is nullable`);
  }
}

/** A registered type: its definition and its compiled search spec (for the parser). */
export interface RegisteredType {
  def: ResourceDefinition;
  spec: CompiledSearchSpec;
}

/**
 * The resource registry: one entry per FHIR type, compiled and checked at start-up (compile-entry.ts); the router,
 * engine and CapabilityStatement read it.
 */
export class ResourceRegistry {
  private readonly byType = new Map<string, RegisteredType>();

  constructor(entries: readonly ResourceEntry[]) {
    // Compiled statements are cached by source key (engine/sql/source-query.ts): a key names one source only.
    const keys = new Map<string, string>();
    for (const def of compileEntries(entries)) {
      for (const source of def.sources) {
        checkSortColumns(def.type, source);
        const owner = keys.get(source.key);
        if (owner) throw new Error(`${def.type}: source key '${source.key}' is already used by ${owner}; source keys must be unique`);
        keys.set(source.key, def.type);
      }
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
