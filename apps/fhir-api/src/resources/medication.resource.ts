/**
 * Medication: the NDC products of MEDICATION rows, referenced by their MedicationRequest and MedicationDispense
 * (reached by read, `_id` or `_include`). Not in FHIR's patient compartment, but made from one patient's
 * prescription, so confined exactly like it (patient / practice of the row).
 */
import { MedicationTable } from '#facade/legacy-db';
import { SYSTEM, MEDICATION_PROFILE, NDC_SYSTEM, toMedication } from '#facade/mappers';
import { MEDICATION_IDS } from '#facade/mappers/src/medication/medication.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';

const products = sourceOf(MedicationTable)({
  key: 'medication-product',
  alias: 'md',
  profiles: [MEDICATION_PROFILE],
  ids: MEDICATION_IDS,
  baseWhere: "md.NDC_CODE IS NOT NULL AND md.NDC_CODE <> ''",
  deletedColumn: 'md.DELETED_YN',
  patientColumn: 'md.PAT_ID',
  targets: {
    code: { kind: 'token', columns: [{ system: SYSTEM.rxnorm, column: 'md.RXNORM_CODE' }, { system: NDC_SYSTEM, column: 'md.NDC_CODE' }], textColumns: ['md.DRUG_NAME'] },
  },
  // Provenance: the audit columns of the prescription row it is made from (the default).
  map: (row, ctx) => toMedication(row, ctx) as unknown as FhirResource,
});

/** Medication (US Core 6.1.0). */
export const medicationResource: ResourceEntry = { type: 'Medication', inPatientCompartment: true, sources: [products] };
