/** AllergyIntolerance (ALLERGY), including "no known allergies" rows. */
import { AllergyTable } from '#facade/legacy-db';
import { toAllergyIntolerance, PROFILE, SYSTEM } from '#facade/mappers';
import { ALLERGY_INTOLERANCE_IDS } from '#facade/mappers/src/allergy-intolerance/allergy-intolerance.ids.js';
import { ALLERGY_STATUS } from '#facade/mappers/src/common/code-maps.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { mappedColumn } from '../engine/registry/target-helpers.js';

const allergies = sourceOf(AllergyTable)({
  key: 'allergy',
  alias: 'a',
  profiles: [PROFILE.allergyIntolerance],
  ids: ALLERGY_INTOLERANCE_IDS,
  deletedColumn: 'a.DELETED_YN',
  patientColumn: 'a.PAT_ID',
  targets: {
    patient: { kind: 'reference', column: 'a.PAT_ID', to: 'Patient' },
    'clinical-status': { kind: 'token', columns: [mappedColumn(SYSTEM.allergyClinical, 'a.STATUS', ALLERGY_STATUS)] },
  },
  map: (row, ctx) => toAllergyIntolerance(row, ctx) as unknown as FhirResource,
});

/** AllergyIntolerance (US Core 6.1.0). */
export const allergyIntoleranceResource: ResourceEntry = { type: 'AllergyIntolerance', inPatientCompartment: true, sources: [allergies] };
