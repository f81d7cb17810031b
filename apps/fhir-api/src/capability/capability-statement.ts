/**
 * The CapabilityStatement generated from the resource registry (so it never advertises what the engine does not
 * do), through libs/fhir's builder: US Core 6.1.0 server, every registered type with its profiles, interactions,
 * search parameters, combinations, includes and revincludes, and the SMART `oauth-uris` security extension
 * pointing at the auth app.
 */
import { buildCapabilityStatement as buildStatement, US_CORE_SERVER_CAPABILITY, type CapabilityResourceDescription } from '#facade/fhir';
import { smartAuthEndpoints } from '#facade/security';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import type { ResourceRegistry } from '../engine/registry/resource-registry.js';
import { WRITABLE_TYPES } from '../write/writable-types.js';
import { AUDIT_EVENT_CAPABILITY } from '../audit/audit-capability.js';

/** The write interactions that work for a type (the write path's own table, so nothing is advertised that 405s). */
function writeInteractions(type: string): ('create' | 'update')[] {
  const w = WRITABLE_TYPES.get(type);
  return [...(w?.create ? (['create'] as const) : []), ...(w?.update ? (['update'] as const) : [])];
}

/** The registry's types as CapabilityStatement resource descriptions. */
export function describeRegistry(registry: ResourceRegistry, base: 'fhir' | 'open' = 'fhir'): CapabilityResourceDescription[] {
  // Practice data (Group) is refused on the patient-app base: not advertised there.
  return registry.all().filter(({ def }) => !(base === 'open' && def.practiceOnly)).map(({ def }) => ({
    type: def.type,
    supportedProfiles: def.profiles,
    interactions: [...def.interactions, ...writeInteractions(def.type)],
    versioning: WRITABLE_TYPES.get(def.type)?.update ? 'versioned-update' : 'versioned',
    documentation: WRITABLE_TYPES.get(def.type)?.documentation ?? (def.practiceOnly ? 'Practice data: user/ and system/ scopes of a practice only, confined to it' : undefined),
    readHistory: false,
    searchParams: def.interactions.includes('search-type') ? def.params.map((p) => ({ name: p.code, type: p.type, definition: p.definition })) : [],
    searchInclude: [...new Set((def.includes ?? []).map((i) => `${i.sourceType}:${i.param}`))],
    searchRevInclude: (def.revincludes ?? []).map((i) => `${i.sourceType}:${i.param}`),
    combinations: (def.combinations ?? []).filter((c) => c.params.length > 1).map((c) => ({ names: c.params, expectation: c.expectation })),
    operations: def.operations,
  }));
}

/** The Bulk Data 2.0.0 operations (official OperationDefinition canonicals), served on `/fhir` only. */
export const BULK_OPERATIONS = {
  system: { name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export' },
  patient: { name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export' },
  group: { name: 'export', definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export' },
} as const;

const BULK_DOC =
  'Bulk Data $export (async; Prefer: respond-async; NDJSON in all three _outputFormat spellings; _since, _type, _typeFilter, _elements, ' +
  'patient (POST), includeAssociatedData=LatestProvenanceResources|RelevantProvenanceResources). Patient and Group exports contain the ' +
  'patient-compartment types plus the practice\'s Practitioner, PractitionerRole, Organization and Location; Provenance is included by ' +
  'default. _since compares each row\'s UPDATED_AT (every exported table has one); referenced resources follow the same rule. ' +
  'Files: one per type and chunk, application/fhir+ndjson, bearer token of the exporting client, deleted after BULK_EXPORT_EXPIRY_HOURS.';

/** Declares `$export` at the system, Patient and Group levels (Group: once the Group type is registered). */
function declareBulkExport(statement: FhirResource): void {
  const s = statement as { instantiates?: string[]; rest?: { operation?: unknown[]; resource?: Record<string, unknown>[] }[] };
  s.instantiates = [...(s.instantiates ?? []), 'http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data'];
  const rest = s.rest?.[0];
  if (!rest) return;
  rest.operation = [...(rest.operation ?? []), { ...BULK_OPERATIONS.system, documentation: BULK_DOC }];
  const resources = (rest.resource ??= []);
  for (const [type, op] of [['Patient', BULK_OPERATIONS.patient], ['Group', BULK_OPERATIONS.group]] as const) {
    const r = resources.find((x) => x.type === type);
    if (r) r.operation = [...((r.operation as unknown[]) ?? []), { ...op }];
  }
}

/** Builds the statement for one base (`/fhir` or `/open`, default `/fhir`); `bulkExport` declares `$export` (on `/fhir`). */
export function buildCapabilityStatement(registry: ResourceRegistry, opts: { baseUrl: string; authPublicUrl: string; softwareVersion: string; date: string; base?: 'fhir' | 'open'; bulkExport?: boolean }): FhirResource {
  const auth = smartAuthEndpoints(opts.authPublicUrl);
  // The PHI access trail is served on /fhir only (the /open base answers 403 to AuditEvent).
  const audit = /\/fhir$/i.test(opts.baseUrl) ? [AUDIT_EVENT_CAPABILITY] : [];
  const statement = buildStatement([...describeRegistry(registry, opts.base), ...audit], {
    baseUrl: opts.baseUrl,
    date: opts.date,
    software: { name: 'EHR FHIR facade', version: opts.softwareVersion },
    implementationDescription: 'FHIR R4 (US Core 6.1.0) facade over the Medical Office Force EHR',
    // The version the registry's requirements come from (libs/fhir us-core.generated.ts).
    instantiates: [`${US_CORE_SERVER_CAPABILITY}|6.1.0`],
    smart: { authorize: auth.authorize, token: auth.token, register: auth.register, manage: auth.manage, introspect: auth.introspect, revoke: auth.revoke },
  }) as FhirResource;
  // Ids are EHR keys (no update-as-create); no written table keeps a business identifier for If-None-Exist (fhir-api
  // README, "Writes"), so conditional create is declared false and answered 400.
  for (const rest of (statement as { rest?: { resource?: Record<string, unknown>[] }[] }).rest ?? []) {
    for (const r of rest.resource ?? []) {
      const w = WRITABLE_TYPES.get(String(r.type));
      if (w?.update) r.updateCreate = false;
      if (w?.create) r.conditionalCreate = false;
    }
  }
  if (opts.bulkExport) declareBulkExport(statement);
  return statement;
}
