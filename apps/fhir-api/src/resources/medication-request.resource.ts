/**
 * MedicationRequest (MEDICATION): prescriptions (RX_TYPE P, intent order) and patient-reported medications (R,
 * intent plan). The drug is inline (RxNorm) or, for an NDC product, a reference to its Medication.
 */
import { MedicationTable } from '#facade/legacy-db';
import { SYSTEM, medicationId, NDC_SYSTEM, MEDICATION_REQUEST_INTENT_SYSTEM, MEDICATION_REQUEST_PROFILE, MEDICATION_REQUEST_STATUS_SYSTEM, MEDICATION_STATUS, RX_TYPE, toMedicationRequest } from '#facade/mappers';
import { MEDICATION_REQUEST_IDS } from '#facade/mappers/src/medication-request/medication-request.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { mappedColumn } from '../engine/registry/target-helpers.js';

const medications = sourceOf(MedicationTable)({
  key: 'medication',
  alias: 'm',
  profiles: [MEDICATION_REQUEST_PROFILE],
  ids: MEDICATION_REQUEST_IDS,
  deletedColumn: 'm.DELETED_YN',
  patientColumn: 'm.PAT_ID',
  targets: {
    patient: { kind: 'reference', column: 'm.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'm.PAT_ID', to: 'Patient' },
    status: { kind: 'token', columns: [mappedColumn(MEDICATION_REQUEST_STATUS_SYSTEM, 'm.STATUS', MEDICATION_STATUS)] },
    intent: { kind: 'token', columns: [mappedColumn(MEDICATION_REQUEST_INTENT_SYSTEM, 'm.RX_TYPE', RX_TYPE, (t) => t.intent)] },
    encounter: { kind: 'reference', column: 'm.VISIT_ID', to: 'Encounter' },
    // authoredOn is ORDERED_AT (reported medications were not ordered: none).
    authoredon: { kind: 'date', column: 'm.ORDERED_AT', columnType: 'datetime' },
    code: { kind: 'token', columns: [{ system: SYSTEM.rxnorm, column: 'm.RXNORM_CODE' }, { system: NDC_SYSTEM, column: 'm.NDC_CODE' }], textColumns: ['m.DRUG_NAME'] },
    // The Medication of an NDC product has the row's key; rows without an NDC carry the drug inline and no
    // Medication exists for them (an `_include` finds none, and such ids are never handed out).
    medication: { kind: 'reference', column: 'm.MED_ID', to: 'Medication' },
  },
  map: (row, ctx) => toMedicationRequest(row, ctx) as unknown as FhirResource,
  references: (row) => ({ medication: row.NDC_CODE?.trim() ? [`Medication/${medicationId(row.MED_ID)}`] : [] }),
});

/** MedicationRequest (US Core 6.1.0). */
export const medicationRequestResource: ResourceEntry = { type: 'MedicationRequest', inPatientCompartment: true, sources: [medications] };
