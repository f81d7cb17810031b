import type { LegacyMedication } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { present } from '../common/contact-builders.js';
import type { CodeableConcept, Coding, FhirResource, Reference } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { SYSTEM } from '../common/systems.js';
import { MEDICATION_IDS } from './medication.ids.js';

/** National Drug Code (FDA), the product-level code of a packaged medication or vaccine. */
export const NDC_SYSTEM = 'http://hl7.org/fhir/sid/ndc';

/** US Core 6.1.0 Medication profile canonical (versioned, as `meta.profile` states it). */
export const MEDICATION_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-medication|6.1.0';

export type Medication = FhirResource & { resourceType: 'Medication' };

/** The MEDICATION columns that name the drug. */
export type MedicationDrugColumns = Pick<LegacyMedication, 'MED_ID' | 'RXNORM_CODE' | 'NDC_CODE' | 'DRUG_NAME'>;

/** Medication ids are the MEDICATION row's key (`<MED_ID>`): one Medication per row that names a product. */
export const medicationId = (medId: number): string => MEDICATION_IDS.format(medId);

/** The MED_ID of a Medication id; `undefined` for an id this facade never produces. */
export const parseMedicationId = (id: string): number | undefined => MEDICATION_IDS.parse(id)?.key;

/** The drug as a CodeableConcept: RxNorm (the US Core binding) and the NDC product where known, DRUG_NAME as text. */
export function medicationCode(row: MedicationDrugColumns): CodeableConcept {
  const name = text(row.DRUG_NAME);
  const rxnorm = text(row.RXNORM_CODE);
  const ndc = text(row.NDC_CODE);
  return compact({
    coding: present<Coding>(
      rxnorm ? { system: SYSTEM.rxnorm, code: rxnorm, display: name } : undefined,
      ndc ? { system: NDC_SYSTEM, code: ndc, display: name } : undefined,
    ),
    text: name,
  });
}

/**
 * Whether a MEDICATION row is served as its own Medication resource. A row with an NDC names a packaged product
 * (manufacturer, strength and package), which is what the Medication resource describes: the request and its
 * dispenses then reference `Medication/<MED_ID>`. Rows known only by RxNorm or by name carry the code inline
 * (`medicationCodeableConcept`), which US Core prefers. `_include=...:medication` returns the Medication in the
 * first case and nothing in the second.
 */
export function hasMedicationResource(row: Pick<LegacyMedication, 'NDC_CODE'>): boolean {
  return text(row.NDC_CODE) !== undefined;
}

/** `medication[x]` of a MedicationRequest or MedicationDispense made from this MEDICATION row. */
export function medicationChoice(row: MedicationDrugColumns): { medicationCodeableConcept?: CodeableConcept; medicationReference?: Reference } {
  if (hasMedicationResource(row)) {
    return { medicationReference: { reference: `Medication/${medicationId(row.MED_ID)}`, display: text(row.DRUG_NAME) } };
  }
  return { medicationCodeableConcept: medicationCode(row) };
}

/**
 * MEDICATION row (with an NDC) -> US Core 6.1.0 Medication (`<MED_ID>`): code = RxNorm + NDC, text = DRUG_NAME.
 * The Medication carries no patient data; it is served through the request or dispense that references it.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-medication.html
 */
export function toMedication(row: LegacyMedication, ctx: MapperContext): Medication {
  return compact<Medication>({
    resourceType: 'Medication',
    id: medicationId(row.MED_ID),
    meta: buildMeta(row, MEDICATION_PROFILE, ctx),
    code: medicationCode(row),
  });
}
