import type { LegacyMedication } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { present } from '../common/contact-builders.js';
import { dataAbsentExtension } from '../common/data-absent-reason.js';
import type { FhirResource, Reference } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { formatIcd10Cm } from '../common/icd10.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { SYSTEM } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import { dosageInstruction, quantity } from '../medication/dosage.js';
import { medicationChoice } from '../medication/medication.mapper.js';
import { MEDICATION_REQUEST_IDS } from './medication-request.ids.js';

/** US Core 6.1.0 MedicationRequest profile canonical. */
export const MEDICATION_REQUEST_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-medicationrequest|6.1.0';
export const MEDICATION_REQUEST_STATUS_SYSTEM = 'http://hl7.org/fhir/CodeSystem/medicationrequest-status';
export const MEDICATION_REQUEST_INTENT_SYSTEM = 'http://hl7.org/fhir/CodeSystem/medicationrequest-intent';
export const MEDICATION_REQUEST_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/medicationrequest-category';

export type MedicationRequest = FhirResource & { resourceType: 'MedicationRequest' };

/** MedicationRequest ids are the MEDICATION row's key (`<MED_ID>`). */
export const medicationRequestId = (medId: number): string => MEDICATION_REQUEST_IDS.format(medId);
/** The MED_ID of a MedicationRequest id; `undefined` for an id this facade never produces. */
export const parseMedicationRequestId = (id: string): number | undefined => MEDICATION_REQUEST_IDS.parse(id)?.key;

/** MEDICATION.STATUS -> MedicationRequest.status. */
export const MEDICATION_STATUS: Record<string, string> = {
  A: 'active',
  H: 'on-hold',
  C: 'completed',
  D: 'stopped',
  X: 'cancelled',
  E: 'entered-in-error',
};

/**
 * MEDICATION.RX_TYPE -> intent and how the row was recorded. P: a prescription written in this EHR (intent
 * `order`, the prescriber as requester). R: a medication the patient reports taking, not ordered here (intent
 * `plan`, `reportedReference` = the patient who reported it).
 */
export const RX_TYPE: Record<string, { intent: 'order' | 'plan'; reported: boolean }> = {
  P: { intent: 'order', reported: false },
  R: { intent: 'plan', reported: true },
};

/** Every MedicationRequest is a community prescription or a medication taken at home (outpatient EHR). */
const COMMUNITY = { coding: [{ system: MEDICATION_REQUEST_CATEGORY_SYSTEM, code: 'community', display: 'Community' }], text: 'Community' };

function requester(row: LegacyMedication, intent: string, ctx: MapperContext): Reference | undefined {
  if (intent !== 'order') return undefined;
  const prescriber = ref.practitioner(row.PRESCRIBER_ID);
  if (prescriber) return prescriber;
  // us-core-21: an order has a requester. The EHR did not record who prescribed it.
  ctx.report({ column: 'MEDICATION.PRESCRIBER_ID', code: 'NULL', message: 'Prescription without a prescriber: requester data-absent' });
  return { extension: [dataAbsentExtension('unknown')] } as Reference;
}

function reasonCode(row: LegacyMedication, ctx: MapperContext) {
  const raw = text(row.REASON_ICD10);
  if (!raw) return undefined;
  const icd = formatIcd10Cm(raw);
  if (!icd) {
    ctx.report({ column: 'MEDICATION.REASON_ICD10', code: raw, message: 'Malformed ICD-10-CM code' });
    return undefined;
  }
  return [{ coding: [{ system: SYSTEM.icd10cm, code: icd }] }];
}

/**
 * MEDICATION -> US Core 6.1.0 MedicationRequest (`<MED_ID>`). status from STATUS (unknown -> `unknown`,
 * reported); intent, requester and reported[x] from RX_TYPE (an unknown RX_TYPE is reported and gives intent
 * `plan` without reported[x]: the row is not claimed to be an order); category community; the drug as RxNorm
 * code or as a reference to the Medication of an NDC product; dosage from SIG_TEXT, FREQ_CODE, ROUTE_CODE,
 * PRN_YN, DOSE_QTY / DOSE_UNIT bounded by START_DATE / END_DATE; dispenseRequest from DISPENSE_QTY / UNIT,
 * REFILLS, DAYS_SUPPLY; authoredOn = ORDERED_AT (or when the reported medication was recorded).
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-medicationrequest.html
 */
export function toMedicationRequest(row: LegacyMedication, ctx: MapperContext): MedicationRequest {
  const status = lookupCode(MEDICATION_STATUS, row.STATUS, 'MEDICATION.STATUS', ctx) ?? 'unknown';
  const type = lookupCode(RX_TYPE, row.RX_TYPE, 'MEDICATION.RX_TYPE', ctx);
  const intent = type?.intent ?? 'plan';
  const days = row.DAYS_SUPPLY ?? undefined;
  return compact<MedicationRequest>({
    resourceType: 'MedicationRequest',
    id: medicationRequestId(row.MED_ID),
    meta: buildMeta(row, MEDICATION_REQUEST_PROFILE, ctx),
    status,
    intent,
    category: [COMMUNITY],
    reportedBoolean: type && !type.reported ? false : undefined,
    reportedReference: type?.reported ? ref.patient(row.PAT_ID) : undefined,
    ...medicationChoice(row),
    subject: ref.patient(row.PAT_ID),
    encounter: ref.encounter(row.VISIT_ID),
    authoredOn: toInstant(row.ORDERED_AT ?? row.CREATED_AT, ctx),
    requester: requester(row, intent, ctx),
    reasonCode: reasonCode(row, ctx),
    dosageInstruction: present(dosageInstruction(row, ctx)),
    dispenseRequest: {
      numberOfRepeatsAllowed: row.REFILLS ?? undefined,
      quantity: quantity(row.DISPENSE_QTY, row.DISPENSE_UNIT),
      expectedSupplyDuration: days !== undefined ? { value: days, unit: 'days', system: SYSTEM.ucum, code: 'd' } : undefined,
    },
  });
}
