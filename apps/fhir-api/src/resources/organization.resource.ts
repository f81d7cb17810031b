/** Organization: practices (PRACTICE) and payers (PAYER); small tables, name/address searches scan them. */
import { PayerTable, PracticeTable } from '#facade/legacy-db';
import { PROFILE, toPayerOrganization, toPracticeOrganization } from '#facade/mappers';
import { PAYER_ORGANIZATION_IDS, PRACTICE_ORGANIZATION_IDS } from '#facade/mappers/src/organization/organization.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { auditOf } from '../engine/registry/target-helpers.js';

const practices = sourceOf(PracticeTable)({
  key: 'practice',
  alias: 'o',
  profiles: [PROFILE.organization],
  ids: PRACTICE_ORGANIZATION_IDS,
  targets: {
    name: { kind: 'string', columns: ['o.PRACTICE_NAME'] },
    address: { kind: 'string', columns: ['o.ADDR1', 'o.ADDR2', 'o.CITY', 'o.STATE', 'o.ZIP'] },
  },
  map: (row, ctx) => toPracticeOrganization(row, ctx) as unknown as FhirResource,
  audit: (row) => ({ ...auditOf({ ...row, CREATED_BY: null, UPDATED_BY: null }), practiceId: row.PRACTICE_ID }),
});

const payers = sourceOf(PayerTable)({
  key: 'payer',
  alias: 'y',
  profiles: [PROFILE.organization],
  ids: PAYER_ORGANIZATION_IDS,
  targets: {
    name: { kind: 'string', columns: ['y.PAYER_NAME'] },
    address: { kind: 'string', columns: ['y.ADDR1', 'y.CITY', 'y.STATE', 'y.ZIP'] },
  },
  map: (row, ctx) => toPayerOrganization(row, ctx) as unknown as FhirResource,
});

/** Organization (US Core 6.1.0). */
export const organizationResource: ResourceEntry = { type: 'Organization', inPatientCompartment: false, sources: [practices, payers] };
