/**
 * The resource types the FHIR API serves, as the authorization server needs them (the consent screen offers only
 * these, so a type that would answer 404 is never offered). The apps never import each other, so the list lives
 * here; the FHIR API's registry spec (`apps/fhir-api/src/engine/registry/resource-registry.spec.ts`) fails when its
 * registry and this list differ, naming the type to add or remove.
 */
export const SERVED_RESOURCE_TYPES: readonly string[] = [
  'Patient',
  'Observation',
  'Encounter',
  'Condition',
  'AllergyIntolerance',
  'DiagnosticReport',
  'Practitioner',
  'PractitionerRole',
  'Organization',
  'Location',
  'Provenance',
  'Endpoint',
  'MedicationRequest',
  'Medication',
  'MedicationDispense',
  'Immunization',
  'Procedure',
  'Coverage',
  'RelatedPerson',
  'DocumentReference',
  'Binary',
  'ServiceRequest',
  'Specimen',
  'CarePlan',
  'Goal',
  'CareTeam',
  'Device',
  'QuestionnaireResponse',
  'Group',
];
