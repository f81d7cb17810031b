/** Specimen (US Core 6.1.0): the specimen of a LAB_ORDER that has a type or an accession number (`<ORDER_ID>`). */
import { LabOrderTable, type LegacyLabOrder } from '#facade/legacy-db';
import { PROFILE, toSpecimen } from '#facade/mappers';
import { SPECIMEN_IDS } from '#facade/mappers/src/service-request/service-request.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { tableColumns } from '../engine/sql/row-normalizer.js';

const specimens = sourceOf(LabOrderTable)({
  key: 'specimen',
  alias: 's',
  profiles: [PROFILE.specimen],
  ids: SPECIMEN_IDS,
  columns: tableColumns('LAB_ORDER').filter((c) => c !== 'REPORT_TEXT') as (keyof LegacyLabOrder & string)[],
  // Blank counts as absent, as in the mapper (orderHasSpecimen); NULL <> '' is not true either.
  baseWhere: "(s.SPECIMEN_TYPE <> '' OR s.SPECIMEN_ID <> '')",
  deletedColumn: 's.DELETED_YN',
  patientColumn: 's.PAT_ID',
  targets: {
    patient: { kind: 'reference', column: 's.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 's.PAT_ID', to: 'Patient' },
  },
  map: (row, ctx) => toSpecimen(row, ctx) as unknown as FhirResource,
});

/** Specimen. */
export const specimenResource: ResourceEntry = { type: 'Specimen', inPatientCompartment: true, sources: [specimens] };
