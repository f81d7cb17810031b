/** MedicationDispense (RX_FILL + the MEDICATION row it fills): pharmacy fills of prescriptions. */
import { MedicationTable, RxFillTable } from '#facade/legacy-db';
import { medicationId, FILL_STATUS, MEDICATION_DISPENSE_PROFILE, MEDICATION_DISPENSE_STATUS_SYSTEM, toMedicationDispense } from '#facade/mappers';
import { MEDICATION_DISPENSE_IDS } from '#facade/mappers/src/medication-dispense/medication-dispense.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { auditOf, mappedColumn } from '../engine/registry/target-helpers.js';

const fills = sourceOf(RxFillTable, { joins: { m: { table: MedicationTable, on: 'm.MED_ID = f.MED_ID' } } })({
  key: 'fill',
  alias: 'f',
  profiles: [MEDICATION_DISPENSE_PROFILE],
  ids: MEDICATION_DISPENSE_IDS,
  patientColumn: 'f.PAT_ID',
  targets: {
    patient: { kind: 'reference', column: 'f.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'f.PAT_ID', to: 'Patient' },
    status: { kind: 'token', columns: [mappedColumn(MEDICATION_DISPENSE_STATUS_SYSTEM, 'f.FILL_STATUS', FILL_STATUS, (s) => s.status)] },
    // The EHR records no dispense type (first fill, refill ...): a type search matches nothing.
    type: { kind: 'token', columns: [] },
    prescription: { kind: 'reference', column: 'f.MED_ID', to: 'MedicationRequest' },
    medication: { kind: 'reference', column: 'f.MED_ID', to: 'Medication' },
  },
  map: (row, ctx) => toMedicationDispense({ fill: row, medication: row.m }, ctx) as unknown as FhirResource,
  // RX_FILL keeps no audit columns: the practice's EHR recorded the fill (interface), last changed at UPDATED_AT.
  audit: (row) => ({ ...auditOf({ ...row, CREATED_AT: row.UPDATED_AT, CREATED_BY: null, UPDATED_BY: null }), patientId: row.PAT_ID }),
  references: (row) => ({ medication: row.m.NDC_CODE?.trim() ? [`Medication/${medicationId(row.m.MED_ID)}`] : [] }),
});

/** MedicationDispense (US Core 6.1.0). */
export const medicationDispenseResource: ResourceEntry = { type: 'MedicationDispense', inPatientCompartment: true, sources: [fills] };
