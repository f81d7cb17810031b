/**
 * Practitioner (PROVIDER), outside the patient compartment: readable by any valid token. PROVIDER is small
 * (hundreds of rows); name searches scan it (no name index), well under a millisecond.
 */
import { ProviderTable } from '#facade/legacy-db';
import { PROFILE, SYSTEM, toPractitioner } from '#facade/mappers';
import { PRACTITIONER_IDS } from '#facade/mappers/src/practitioner/practitioner.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { auditOf } from '../engine/registry/target-helpers.js';

const providers = sourceOf(ProviderTable)({
  key: 'provider',
  alias: 'pr',
  profiles: [PROFILE.practitioner],
  ids: PRACTITIONER_IDS,
  targets: {
    name: { kind: 'string', columns: ['pr.LAST_NAME', 'pr.FIRST_NAME', 'pr.MIDDLE_NAME'] },
    identifier: { kind: 'token', columns: [{ system: SYSTEM.npi, column: 'pr.NPI' }] },
  },
  map: (row, ctx) => toPractitioner(row, ctx) as unknown as FhirResource,
  // Directory rows carry no authoring user: the practice authors them.
  audit: (row) => ({ ...auditOf({ ...row, CREATED_BY: null, UPDATED_BY: null }), practiceId: row.PRACTICE_ID }),
});

/** Practitioner (US Core 6.1.0). */
export const practitionerResource: ResourceEntry = { type: 'Practitioner', inPatientCompartment: false, sources: [providers] };
