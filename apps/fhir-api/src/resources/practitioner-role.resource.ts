/** PractitionerRole: one role per provider (PROVIDER) at their practice and primary facility. */
import { ProviderTable } from '#facade/legacy-db';
import { PROFILE, SYSTEM, toPractitionerRole } from '#facade/mappers';
import { PRACTITIONER_ROLE_IDS } from '#facade/mappers/src/practitioner-role/practitioner-role.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { auditOf } from '../engine/registry/target-helpers.js';

const roles = sourceOf(ProviderTable)({
  key: 'role',
  alias: 'pr',
  profiles: [PROFILE.practitionerRole],
  ids: PRACTITIONER_ROLE_IDS,
  targets: {
    specialty: { kind: 'token', columns: [{ system: SYSTEM.nucc, column: 'pr.TAXONOMY_CODE' }] },
    practitioner: { kind: 'reference', column: 'pr.PROV_ID', to: 'Practitioner' },
  },
  map: (row, ctx) => toPractitionerRole(row, ctx) as unknown as FhirResource,
  audit: (row) => ({ ...auditOf({ ...row, CREATED_BY: null, UPDATED_BY: null }), practiceId: row.PRACTICE_ID }),
});

/** PractitionerRole (US Core 6.1.0). */
export const practitionerRoleResource: ResourceEntry = {
  type: 'PractitionerRole',
  inPatientCompartment: false,
  sources: [roles],
  notSupported: { 'PractitionerRole:endpoint': 'providers have no endpoints of their own' },
};
