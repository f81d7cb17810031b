/** Immunization (IMMUNIZATION): vaccines given here, refused or not given, and historical doses. */
import { ImmunizationTable } from '#facade/legacy-db';
import { IMMUNIZATION_IDS } from '#facade/mappers/src/immunization/immunization.ids.js';
import { CVX_SYSTEM, IMMUNIZATION_PROFILE, IMMUNIZATION_STATUS, IMMUNIZATION_STATUS_SYSTEM, toImmunization, NDC_SYSTEM } from '#facade/mappers';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { mappedColumn } from '../engine/registry/target-helpers.js';

const immunizations = sourceOf(ImmunizationTable)({
  key: 'immunization',
  alias: 'i',
  profiles: [IMMUNIZATION_PROFILE],
  ids: IMMUNIZATION_IDS,
  deletedColumn: 'i.DELETED_YN',
  patientColumn: 'i.PAT_ID',
  sort: { date: 'i.ADMIN_DATE' },
  targets: {
    patient: { kind: 'reference', column: 'i.PAT_ID', to: 'Patient' },
    status: { kind: 'token', columns: [mappedColumn(IMMUNIZATION_STATUS_SYSTEM, 'i.STATUS', IMMUNIZATION_STATUS)] },
    date: { kind: 'date', column: 'i.ADMIN_DATE', columnType: 'datetime' },
    'vaccine-code': { kind: 'token', columns: [{ system: CVX_SYSTEM, column: 'i.CVX_CODE' }, { system: NDC_SYSTEM, column: 'i.NDC_CODE' }], textColumns: ['i.VACCINE_NAME'] },
  },
  map: (row, ctx) => toImmunization(row, ctx) as unknown as FhirResource,
});

/** Immunization (US Core 6.1.0). */
export const immunizationResource: ResourceEntry = { type: 'Immunization', inPatientCompartment: true, sources: [immunizations] };
