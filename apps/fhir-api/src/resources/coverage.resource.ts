/** Coverage (PAT_INSURANCE + its PAYER): the payer is the Organization `payer-<PAYER_ID>` (Organization endpoint). */
import { PatInsuranceTable, PayerTable } from '#facade/legacy-db';
import { COVERAGE_IDS } from '#facade/mappers/src/coverage/coverage.ids.js';
import { COVERAGE_PROFILE, toCoverage } from '#facade/mappers';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { auditOf } from '../engine/registry/target-helpers.js';

const insurance = sourceOf(PatInsuranceTable, { joins: { y: { table: PayerTable, on: 'y.PAYER_ID = c.PAYER_ID', columns: ['PAYER_TYPE', 'PAYER_NAME'], optional: true } } })({
  key: 'insurance',
  alias: 'c',
  profiles: [COVERAGE_PROFILE],
  ids: COVERAGE_IDS,
  deletedColumn: 'c.DELETED_YN',
  patientColumn: 'c.PAT_ID',
  targets: {
    patient: { kind: 'reference', column: 'c.PAT_ID', to: 'Patient' },
    beneficiary: { kind: 'reference', column: 'c.PAT_ID', to: 'Patient' },
    payor: { kind: 'reference', column: 'c.PAYER_ID', to: { type: 'Organization', source: 'payer' } },
  },
  map: (row, ctx) => toCoverage({ insurance: row, payer: row.y?.PAYER_NAME ? row.y : undefined }, ctx) as unknown as FhirResource,
  // PAT_INSURANCE keeps no audit columns: recorded by the practice's EHR, last changed at UPDATED_AT.
  audit: (row) => ({ ...auditOf({ ...row, CREATED_AT: row.UPDATED_AT, CREATED_BY: null, UPDATED_BY: null }), patientId: row.PAT_ID }),
});

/** Coverage (US Core 6.1.0). */
export const coverageResource: ResourceEntry = { type: 'Coverage', inPatientCompartment: true, sources: [insurance] };
