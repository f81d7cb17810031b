/** Location: the practices' facilities (FACILITY); a small table, name/address searches scan it. */
import { FacilityTable } from '#facade/legacy-db';
import { PROFILE, toLocation } from '#facade/mappers';
import { LOCATION_IDS } from '#facade/mappers/src/location/location.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { auditOf } from '../engine/registry/target-helpers.js';

const facilities = sourceOf(FacilityTable)({
  key: 'facility',
  alias: 'f',
  profiles: [PROFILE.location],
  ids: LOCATION_IDS,
  targets: {
    name: { kind: 'string', columns: ['f.FAC_NAME'] },
    address: { kind: 'string', columns: ['f.ADDR1', 'f.ADDR2', 'f.CITY', 'f.STATE', 'f.ZIP'] },
    'address-city': { kind: 'string', columns: ['f.CITY'] },
    'address-state': { kind: 'string', columns: ['f.STATE'] },
    'address-postalcode': { kind: 'string', columns: ['f.ZIP'] },
    organization: { kind: 'reference', column: 'f.PRACTICE_ID', to: { type: 'Organization', source: 'practice' } },
  },
  map: (row, ctx) => toLocation(row, ctx) as unknown as FhirResource,
  audit: (row) => ({ ...auditOf({ ...row, CREATED_BY: null, UPDATED_BY: null }), practiceId: row.PRACTICE_ID }),
});

/** Location (US Core 6.1.0). */
export const locationResource: ResourceEntry = { type: 'Location', inPatientCompartment: false, sources: [facilities] };
