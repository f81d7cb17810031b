/**
 * Stable FHIR logical ids. The id is a pure function of the row key, so a resource keeps its id across EHR updates
 * and the query engine turns a read (`GET /Observation/vitals-12-bp`) into one keyed lookup.
 *
 * Each mapper folder owns the id scheme of its rows (`<folder>/<name>.ids.ts`, built with `common/id-scheme.ts`);
 * the registry derives reads, `_id` and reference search from the schemes, so nothing here lists types or tables.
 * `fhirId` below only collects the existing types' builders for the mappers' references (`common/references.ts`).
 *
 * | resource | id | row |
 * | --- | --- | --- |
 * | Patient, Practitioner, PractitionerRole, Location, Encounter, Condition, AllergyIntolerance, DiagnosticReport (lab) | `<key>` | PATIENT, PROVIDER, PROVIDER, FACILITY, VISIT, PROBLEM, ALLERGY, LAB_ORDER |
 * | Organization | `practice-<PRACTICE_ID>` / `payer-<PAYER_ID>` | PRACTICE / PAYER |
 * | Observation | `vitals-<VITAL_ID>-<sign>`, `lab-<RESULT_ID>`, `<facet>-<SOC_ID>` | VITALS / LAB_RESULT / SOCIAL_HX |
 * | Provenance | `<TargetType>-<target id>` | the target's row |
 */
import { provenanceId } from './common/id-scheme.js';
import { ALLERGY_INTOLERANCE_IDS } from './allergy-intolerance/allergy-intolerance.ids.js';
import { CONDITION_IDS } from './condition/condition.ids.js';
import { DIAGNOSTIC_REPORT_IDS } from './diagnostic-report/diagnostic-report.ids.js';
import { ENCOUNTER_IDS } from './encounter/encounter.ids.js';
import { LOCATION_IDS } from './location/location.ids.js';
import { LAB_RESULT_IDS, SOCIAL_HISTORY_IDS, VITAL_SIGN_IDS, type SocialHistoryFacet, type VitalSignSlug } from './observation/observation.ids.js';
import { PAYER_ORGANIZATION_IDS, PRACTICE_ORGANIZATION_IDS } from './organization/organization.ids.js';
import { PATIENT_IDS } from './patient/patient.ids.js';
import { PRACTITIONER_ROLE_IDS } from './practitioner-role/practitioner-role.ids.js';
import { PRACTITIONER_IDS } from './practitioner/practitioner.ids.js';

export * from './common/id-scheme.js';
export { SOCIAL_HISTORY_FACETS, VITAL_SIGN_SLUGS, type SocialHistoryFacet, type VitalSignSlug } from './observation/observation.ids.js';

/** Id builders of the existing types (each delegates to its folder's scheme). They throw a RangeError on a key that no legacy row can have. */
export const fhirId = {
  patient: (patId: number) => PATIENT_IDS.format(patId),
  practitioner: (provId: number) => PRACTITIONER_IDS.format(provId),
  practitionerRole: (provId: number) => PRACTITIONER_ROLE_IDS.format(provId),
  practiceOrganization: (practiceId: number) => PRACTICE_ORGANIZATION_IDS.format(practiceId),
  payerOrganization: (payerId: number) => PAYER_ORGANIZATION_IDS.format(payerId),
  location: (facilityId: number) => LOCATION_IDS.format(facilityId),
  encounter: (visitId: number) => ENCOUNTER_IDS.format(visitId),
  condition: (probId: number) => CONDITION_IDS.format(probId),
  allergyIntolerance: (allergyId: number) => ALLERGY_INTOLERANCE_IDS.format(allergyId),
  vitalSign: (vitalId: number, sign: VitalSignSlug) => VITAL_SIGN_IDS.format(vitalId, sign),
  labResult: (resultId: number) => LAB_RESULT_IDS.format(resultId),
  socialHistory: (socId: number, facet: SocialHistoryFacet) => SOCIAL_HISTORY_IDS.format(socId, facet),
  diagnosticReport: (orderId: number) => DIAGNOSTIC_REPORT_IDS.format(orderId),
  provenance: (targetType: string, targetId: string) => provenanceId(targetType, targetId),
};
