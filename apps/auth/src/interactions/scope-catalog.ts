/**
 * Plain-language names of what a SMART scope reaches, for the consent screen, and the category codes a user may
 * narrow Condition and Observation access to (US Core 6.1 categories, the ones the ONC fine-grained tests use).
 */
import { SERVED_RESOURCE_TYPES } from '#facade/security/src/scopes/served-types.js';

/** A category a Condition/Observation grant can be narrowed to: `system|code` as used in `?category=`. */
export interface CategoryOption {
  token: string;
  label: string;
}

const OBS = 'http://terminology.hl7.org/CodeSystem/observation-category';
const COND = 'http://terminology.hl7.org/CodeSystem/condition-category';
const USCORE_CAT = 'http://hl7.org/fhir/us/core/CodeSystem/us-core-category';
const USCORE_COND = 'http://hl7.org/fhir/us/core/CodeSystem/condition-category';

/** Narrowing choices per resource type. */
export const CATEGORY_OPTIONS: Readonly<Record<string, readonly CategoryOption[]>> = {
  Observation: [
    { token: `${OBS}|laboratory`, label: 'Laboratory results' },
    { token: `${OBS}|vital-signs`, label: 'Vital signs' },
    { token: `${OBS}|social-history`, label: 'Social history (such as smoking status)' },
    { token: `${OBS}|survey`, label: 'Questionnaires and assessments' },
    { token: `${USCORE_CAT}|sdoh`, label: 'Social needs (food, housing, transportation)' },
  ],
  Condition: [
    { token: `${COND}|problem-list-item`, label: 'Problem list' },
    { token: `${COND}|encounter-diagnosis`, label: 'Visit diagnoses' },
    { token: `${USCORE_COND}|health-concern`, label: 'Health concerns' },
  ],
};

const TYPE_LABELS: Record<string, string> = {
  '*': 'All health record data',
  AllergyIntolerance: 'Allergies and intolerances',
  CarePlan: 'Care plans',
  CareTeam: 'Care team members',
  Condition: 'Conditions (problems, diagnoses, health concerns)',
  Coverage: 'Insurance coverage',
  Device: 'Implanted devices',
  DiagnosticReport: 'Lab and imaging reports',
  DocumentReference: 'Clinical notes and documents',
  Encounter: 'Visits and encounters',
  Goal: 'Health goals',
  Immunization: 'Immunizations',
  Location: 'Clinic locations',
  Medication: 'Medications (drug details)',
  MedicationDispense: 'Pharmacy fills',
  MedicationRequest: 'Medications and prescriptions',
  Observation: 'Lab results, vital signs and other observations',
  Organization: 'Organizations (practices, insurers)',
  Patient: 'Demographics (name, birth date, contact details)',
  Practitioner: 'Clinicians',
  PractitionerRole: 'Clinician roles',
  Procedure: 'Procedures',
  Provenance: 'Record history (who entered what)',
  QuestionnaireResponse: 'Questionnaire answers',
  RelatedPerson: 'Family members and caregivers',
  ServiceRequest: 'Referrals and orders',
  Specimen: 'Specimens',
};

/** Display order of the US Core 6.1 resource types (types not listed come after, alphabetically). */
const DISPLAY_ORDER: readonly string[] = [
  'Patient', 'AllergyIntolerance', 'Condition', 'Observation', 'MedicationRequest', 'Immunization', 'Procedure', 'DiagnosticReport',
  'DocumentReference', 'Encounter', 'CarePlan', 'CareTeam', 'Goal', 'Device', 'Coverage', 'ServiceRequest', 'QuestionnaireResponse',
  'Specimen', 'MedicationDispense', 'RelatedPerson', 'Practitioner', 'PractitionerRole', 'Organization', 'Location', 'Medication', 'Provenance',
];

/**
 * The resource types a wildcard (`patient/*.rs`) grant can be limited to: exactly the types served (default: the
 * FHIR API's registry), in display order.
 */
export function wildcardTypes(served: readonly string[] = SERVED_RESOURCE_TYPES): string[] {
  const rank = (t: string) => (DISPLAY_ORDER.includes(t) ? DISPLAY_ORDER.indexOf(t) : DISPLAY_ORDER.length);
  return [...new Set(served)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Label of a FHIR resource type (falls back to the type name). */
export function resourceTypeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type;
}

/** Label of a category token, or the raw code when unknown. */
export function categoryLabel(type: string, token: string): string {
  return CATEGORY_OPTIONS[type]?.find((o) => o.token === token)?.label ?? token.split('|').pop() ?? token;
}

/** Plain-language explanation of the non-resource scopes a consent screen lists. */
export const SPECIAL_SCOPE_TEXT: Readonly<Record<string, string>> = {
  openid: 'Confirm who you are (your sign-in identity)',
  fhirUser: 'Know which person or clinician record is yours',
  profile: 'See your name',
  launch: 'Open from inside the EHR with the current patient',
  'launch/patient': 'Know which patient record is selected',
  'launch/encounter': 'Know which visit is selected',
  offline_access: 'Keep access when you are not using the app (until you revoke it)',
  online_access: 'Keep access while you stay signed in',
};
