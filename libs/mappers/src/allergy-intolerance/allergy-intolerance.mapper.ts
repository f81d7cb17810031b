import type { LegacyAllergy } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { ALLERGEN_CATEGORY, ALLERGY_CRITICALITY, ALLERGY_STATUS, REACTION_SEVERITY } from '../common/code-maps.js';
import { present } from '../common/contact-builders.js';
import { dataAbsentConcept, dataAbsentExtension } from '../common/data-absent-reason.js';
import type { AllergyIntolerance, CodeableConcept, Coding } from '../common/fhir-types.js';
import { compact, isYes, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { PROFILE, SYSTEM } from '../common/systems.js';
import { toDate, toInstant } from '../common/time.js';
import { fhirId } from '../ids.js';

/** SNOMED CT 716186003 |No known allergy (situation)|: the code of an NKA row. */
export const NO_KNOWN_ALLERGY: Coding = { system: SYSTEM.snomed, code: '716186003', display: 'No known allergy (situation)' };

function substance(a: LegacyAllergy): CodeableConcept {
  if (isYes(a.NKA_YN)) return { coding: [NO_KNOWN_ALLERGY], text: 'No known allergies' };
  const name = text(a.ALLERGEN_NAME);
  const rx = text(a.RXNORM_CODE);
  const sct = text(a.SNOMED_CODE);
  const coding = present<Coding>(
    rx ? { system: SYSTEM.rxnorm, code: rx, display: name } : undefined,
    sct ? { system: SYSTEM.snomed, code: sct, display: name } : undefined,
  );
  if (coding.length === 0 && !name) return dataAbsentConcept('unknown');
  return compact({ coding, text: name });
}

function reaction(a: LegacyAllergy, ctx: MapperContext) {
  const severity = lookupCode(REACTION_SEVERITY, a.SEVERITY, 'ALLERGY.SEVERITY', ctx);
  const rText = text(a.REACTION_TEXT);
  const rSct = text(a.REACTION_SNOMED);
  if (!rText && !rSct) return undefined;
  // manifestation is 1..* once a reaction exists; the text alone is a valid CodeableConcept.
  return [
    compact({
      manifestation: [compact({ coding: present<Coding>(rSct ? { system: SYSTEM.snomed, code: rSct, display: rText } : undefined), text: rText })],
      severity,
    }),
  ];
}

/**
 * ALLERGY -> US Core 6.1.0 AllergyIntolerance. NKA rows (NKA_YN = 'Y') become SNOMED 716186003 "No known
 * allergy" with no category or reaction. clinicalStatus from STATUS; verificationStatus confirmed, or
 * unconfirmed when VERIFIED_YN = 'N'. Category from ALLERGEN_TYPE, criticality, one reaction (manifestation
 * from REACTION_SNOMED / REACTION_TEXT, severity from SEVERITY).
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-allergyintolerance.html
 */
export function toAllergyIntolerance(allergy: LegacyAllergy, ctx: MapperContext): AllergyIntolerance {
  const nka = isYes(allergy.NKA_YN);
  const status = lookupCode(ALLERGY_STATUS, allergy.STATUS, 'ALLERGY.STATUS', ctx);
  const verification = isYes(allergy.VERIFIED_YN) ? 'confirmed' : 'unconfirmed';
  const category = nka ? undefined : lookupCode(ALLERGEN_CATEGORY, allergy.ALLERGEN_TYPE, 'ALLERGY.ALLERGEN_TYPE', ctx);
  const criticality = nka ? undefined : lookupCode(ALLERGY_CRITICALITY, allergy.CRITICALITY, 'ALLERGY.CRITICALITY', ctx);
  return compact<AllergyIntolerance>({
    resourceType: 'AllergyIntolerance',
    id: fhirId.allergyIntolerance(allergy.ALLERGY_ID),
    meta: buildMeta(allergy, PROFILE.allergyIntolerance, ctx),
    // ait-1: clinicalStatus is required (verification is never entered-in-error here).
    clinicalStatus: status ? { coding: [{ system: SYSTEM.allergyClinical, code: status }] } : { extension: [dataAbsentExtension('unknown')] },
    verificationStatus: { coding: [{ system: SYSTEM.allergyVerification, code: verification }] },
    category: category ? [category] : undefined,
    criticality,
    code: substance(allergy),
    patient: ref.patient(allergy.PAT_ID),
    onsetDateTime: toDate(allergy.ONSET_DATE),
    recordedDate: toInstant(allergy.CREATED_AT, ctx),
    reaction: nka ? undefined : reaction(allergy, ctx),
  });
}
