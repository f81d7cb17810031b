/**
 * Provenance derived from the CREATED/UPDATED audit columns of the row behind a resource (`Provenance/<Type>-<id>`),
 * for `_revinclude=Provenance:target` and for reads. The target is always fetched through its own type's access
 * check, so a Provenance never reveals a resource the caller could not read.
 */
import type { LegacyUsers } from '#facade/legacy-db';
import { type MapperContext, toProvenance, PROFILE } from '#facade/mappers';
import type { FhirResource, ResourceSource, SourceRow } from '../engine/registry/resource-definition.js';
import type { ResourceEntry } from '../engine/registry/resource-entry.js';
import type { FoundResource, SearchExecutor } from '../engine/search/search-executor.js';
import { inList, ParamBag } from '../engine/sql/sql-fragment.js';

/** The Provenance registry entry: read only (US Core requires no Provenance search), authorised via its target. */
export const provenanceResource: ResourceEntry = {
  type: 'Provenance',
  profiles: [PROFILE.provenance],
  interactions: ['read'],
  inPatientCompartment: true,
  sources: [],
};

const lookup = (key: string, table: string, alias: string, pk: string, columns: string[]): ResourceSource => ({
  key, table, alias, pk, columns, lastUpdatedColumn: `${alias}.${pk}`, targets: {}, parseId: () => undefined, map: () => [],
});
// Never the password columns of USERS.
const USERS = lookup('prov-users', 'USERS', 'u', 'USER_ID', ['USER_ID', 'PRACTICE_ID', 'PROV_ID', 'ROLE_CODE']);
const PATIENTS = lookup('prov-patients', 'PATIENT', 'p', 'PAT_ID', ['PAT_ID', 'PRACTICE_ID']);

/** Builds Provenance resources for found resources. */
export class ProvenanceBuilder {
  constructor(private readonly engine: SearchExecutor) {}

  private async byKey(source: ResourceSource, keys: number[]): Promise<Map<number, SourceRow>> {
    const out = new Map<number, SourceRow>();
    if (keys.length === 0) return out;
    const bag = new ParamBag(this.engine.dialect);
    const where = inList(`${source.alias}.${source.pk}`, [...new Set(keys)], bag);
    const rows = await this.engine.queries.rows({ source, where, values: bag.values, joinPatient: false, descending: false, mode: 'rows' });
    for (const r of rows) out.set(r[source.pk] as number, r);
    return out;
  }

  /** One Provenance per found resource whose source knows its audit columns. */
  async build(found: readonly FoundResource[], ctx: MapperContext): Promise<FhirResource[]> {
    const audited = found.flatMap((f) => (f.source.audit ? [{ f, audit: f.source.audit(f.row) }] : []));
    const users = await this.byKey(USERS, audited.flatMap(({ audit }) => [audit.CREATED_BY, audit.UPDATED_BY].filter((u): u is number => u !== null)));
    const patients = await this.byKey(PATIENTS, audited.flatMap(({ audit }) => (audit.practiceId === undefined && audit.patientId ? [audit.patientId] : [])));
    const userRows = [...users.values()] as unknown as LegacyUsers[];
    return audited.flatMap(({ f, audit }) => {
      const practiceId = audit.practiceId ?? (audit.patientId ? (patients.get(audit.patientId)?.PRACTICE_ID as number | undefined) : undefined);
      if (practiceId === undefined || !f.resource.id) return [];
      const resource = toProvenance(
        { target: { resourceType: f.resource.resourceType, id: f.resource.id }, audit, users: userRows, practiceId },
        ctx,
      );
      return [resource as unknown as FhirResource];
    });
  }
}
