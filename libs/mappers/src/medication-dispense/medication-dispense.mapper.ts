import type { LegacyMedication, LegacyRxFill } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { present } from '../common/contact-builders.js';
import type { FhirResource } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { SYSTEM } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import { dosageInstruction, quantity } from '../medication/dosage.js';
import { medicationChoice } from '../medication/medication.mapper.js';
import { medicationRequestId } from '../medication-request/medication-request.mapper.js';
import { MEDICATION_DISPENSE_IDS } from './medication-dispense.ids.js';

/** US Core 6.1.0 MedicationDispense profile canonical. */
export const MEDICATION_DISPENSE_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-medicationdispense|6.1.0';
export const MEDICATION_DISPENSE_STATUS_SYSTEM = 'http://terminology.hl7.org/CodeSystem/medicationdispense-status';

export type MedicationDispense = FhirResource & { resourceType: 'MedicationDispense' };

/** MedicationDispense ids are the RX_FILL row's key (`<FILL_ID>`). */
export const medicationDispenseId = (fillId: number): string => MEDICATION_DISPENSE_IDS.format(fillId);
/** The FILL_ID of a MedicationDispense id; `undefined` for an id this facade never produces. */
export const parseMedicationDispenseId = (id: string): number | undefined => MEDICATION_DISPENSE_IDS.parse(id)?.key;

/**
 * RX_FILL.FILL_STATUS -> MedicationDispense.status. F filled and P partially filled were handed over
 * (`completed`; a partial fill says so in `type`); N not filled -> `declined`; R returned to stock (prepared,
 * never picked up) -> `cancelled`.
 */
export const FILL_STATUS: Record<string, { status: string; handedOver: boolean; partial?: boolean }> = {
  F: { status: 'completed', handedOver: true },
  P: { status: 'completed', handedOver: true, partial: true },
  N: { status: 'declined', handedOver: false },
  R: { status: 'cancelled', handedOver: false },
};

/** What `toMedicationDispense` needs: the fill and the MEDICATION row it fills. */
export interface MedicationDispenseInput {
  fill: LegacyRxFill;
  medication: LegacyMedication;
}

/**
 * RX_FILL (+ its MEDICATION) -> US Core 6.1.0 MedicationDispense (`<FILL_ID>`). status from FILL_STATUS (unknown
 * -> `unknown`, reported); the drug exactly as the prescription states it (inline code or Medication reference);
 * the prescription (RX_TYPE P) as authorizingPrescription; the pharmacy as performer (by name: the EHR holds no
 * pharmacy directory); quantity = QTY in the prescription's DISPENSE_UNIT; daysSupply; whenHandedOver = FILL_DATE
 * when handed over (us-core-20), whenPrepared = FILL_DATE when returned to stock; the prescription's dosage.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-medicationdispense.html
 */
export function toMedicationDispense(input: MedicationDispenseInput, ctx: MapperContext): MedicationDispense {
  const { fill, medication } = input;
  const outcome = lookupCode(FILL_STATUS, fill.FILL_STATUS, 'RX_FILL.FILL_STATUS', ctx);
  const when = toInstant(fill.FILL_DATE, ctx);
  const pharmacy = text(fill.PHARMACY_NAME);
  const prescribed = medication.RX_TYPE.trim().toUpperCase() === 'P';
  return compact<MedicationDispense>({
    resourceType: 'MedicationDispense',
    id: medicationDispenseId(fill.FILL_ID),
    meta: buildMeta(fill, MEDICATION_DISPENSE_PROFILE, ctx),
    status: outcome?.status ?? 'unknown',
    ...medicationChoice(medication),
    subject: ref.patient(fill.PAT_ID),
    performer: pharmacy ? [{ actor: { display: pharmacy } }] : undefined,
    authorizingPrescription: prescribed ? [{ reference: `MedicationRequest/${medicationRequestId(medication.MED_ID)}` }] : undefined,
    type: outcome?.partial ? { text: 'Partial fill' } : undefined,
    quantity: quantity(fill.QTY, medication.DISPENSE_UNIT),
    daysSupply: fill.DAYS_SUPPLY !== null ? { value: fill.DAYS_SUPPLY, unit: 'days', system: SYSTEM.ucum, code: 'd' } : undefined,
    whenPrepared: outcome?.status === 'cancelled' ? when : undefined,
    whenHandedOver: outcome?.handedOver ? when : undefined,
    dosageInstruction: present(dosageInstruction(medication, ctx)),
  });
}
