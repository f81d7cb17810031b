/** Canonical URLs of the code systems, extensions and profiles the mappers emit. */
export const SYSTEM = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  ucum: 'http://unitsofmeasure.org',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  cpt: 'http://www.ama-assn.org/go/cpt',
  nucc: 'http://nucc.org/provider-taxonomy',
  cdcRace: 'urn:oid:2.16.840.1.113883.6.238',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  dataAbsentReason: 'http://terminology.hl7.org/CodeSystem/data-absent-reason',
  v2IdentifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  v2Degree: 'http://terminology.hl7.org/CodeSystem/v2-0360',
  v2ContactRole: 'http://terminology.hl7.org/CodeSystem/v2-0131',
  v3ActCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  v3RoleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  v3MaritalStatus: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus',
  v3NullFlavor: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor',
  v3ObservationInterpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  v3ObservationValue: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  usCoreCategory: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-category',
  usCoreConditionCategory: 'http://hl7.org/fhir/us/core/CodeSystem/condition-category',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  dischargeDisposition: 'http://terminology.hl7.org/CodeSystem/discharge-disposition',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  diagnosticServiceSection: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  provenanceParticipantType: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type',
  usCoreProvenanceParticipantType: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-provenance-participant-type',
  payerType: 'https://nahdo.org/sopt',
  languageBcp47: 'urn:ietf:bcp:47',
  localPrefix: 'urn:ehr-facade:local:',
} as const;

/** US Core 6.1.0 extension URLs. */
export const EXTENSION = {
  race: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race',
  ethnicity: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity',
  birthsex: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex',
  genderIdentity: 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-genderIdentity',
  dataAbsentReason: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason',
} as const;

const US_CORE = 'http://hl7.org/fhir/us/core/StructureDefinition/';

/** US Core 6.1.0 profile canonicals (versioned, as `meta.profile` should state). */
export const PROFILE = {
  patient: `${US_CORE}us-core-patient|6.1.0`,
  practitioner: `${US_CORE}us-core-practitioner|6.1.0`,
  practitionerRole: `${US_CORE}us-core-practitionerrole|6.1.0`,
  organization: `${US_CORE}us-core-organization|6.1.0`,
  location: `${US_CORE}us-core-location|6.1.0`,
  encounter: `${US_CORE}us-core-encounter|6.1.0`,
  conditionProblems: `${US_CORE}us-core-condition-problems-health-concerns|6.1.0`,
  conditionEncounterDiagnosis: `${US_CORE}us-core-condition-encounter-diagnosis|6.1.0`,
  allergyIntolerance: `${US_CORE}us-core-allergyintolerance|6.1.0`,
  bodyHeight: `${US_CORE}us-core-body-height|6.1.0`,
  bodyWeight: `${US_CORE}us-core-body-weight|6.1.0`,
  bmi: `${US_CORE}us-core-bmi|6.1.0`,
  bloodPressure: `${US_CORE}us-core-blood-pressure|6.1.0`,
  heartRate: `${US_CORE}us-core-heart-rate|6.1.0`,
  respiratoryRate: `${US_CORE}us-core-respiratory-rate|6.1.0`,
  bodyTemperature: `${US_CORE}us-core-body-temperature|6.1.0`,
  pulseOximetry: `${US_CORE}us-core-pulse-oximetry|6.1.0`,
  headCircumference: `${US_CORE}us-core-head-circumference|6.1.0`,
  pediatricBmiForAge: `${US_CORE}pediatric-bmi-for-age|6.1.0`,
  pediatricWeightForHeight: `${US_CORE}pediatric-weight-for-height|6.1.0`,
  headCircumferencePercentile: `${US_CORE}head-occipital-frontal-circumference-percentile|6.1.0`,
  observationLab: `${US_CORE}us-core-observation-lab|6.1.0`,
  smokingStatus: `${US_CORE}us-core-smokingstatus|6.1.0`,
  sexualOrientation: `${US_CORE}us-core-observation-sexual-orientation|6.1.0`,
  pregnancyStatus: `${US_CORE}us-core-observation-pregnancystatus|6.1.0`,
  pregnancyIntent: `${US_CORE}us-core-observation-pregnancyintent|6.1.0`,
  occupation: `${US_CORE}us-core-observation-occupation|6.1.0`,
  diagnosticReportLab: `${US_CORE}us-core-diagnosticreport-lab|6.1.0`,
  diagnosticReportNote: `${US_CORE}us-core-diagnosticreport-note|6.1.0`,
  documentReference: `${US_CORE}us-core-documentreference|6.1.0`,
  observationClinicalResult: `${US_CORE}us-core-observation-clinical-result|6.1.0`,
  serviceRequest: `${US_CORE}us-core-servicerequest|6.1.0`,
  specimen: `${US_CORE}us-core-specimen|6.1.0`,
  provenance: `${US_CORE}us-core-provenance|6.1.0`,
} as const;
export type ProfileKey = keyof typeof PROFILE;

/** The canonical without its `|version` suffix (what a StructureDefinition's `url` is). */
export function unversioned(profile: string): string {
  const bar = profile.indexOf('|');
  return bar < 0 ? profile : profile.slice(0, bar);
}
