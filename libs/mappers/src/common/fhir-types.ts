/**
 * The FHIR R4 datatypes the mappers build. Deliberately small and structural (no generated model is installed):
 * enough for the compiler to catch a misspelt element in the shapes we emit.
 */
export interface Coding {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
}
export interface CodeableConcept {
  coding?: Coding[];
  text?: string;
  extension?: Extension[];
}
export interface Identifier {
  use?: 'usual' | 'official' | 'temp' | 'secondary' | 'old';
  type?: CodeableConcept;
  system?: string;
  value?: string;
}
export interface Reference {
  reference?: string;
  type?: string;
  identifier?: Identifier;
  display?: string;
}
export interface Period {
  start?: string;
  end?: string;
}
export interface Quantity {
  value?: number;
  comparator?: '<' | '<=' | '>=' | '>';
  unit?: string;
  system?: string;
  code?: string;
}
export interface Range {
  low?: Quantity;
  high?: Quantity;
}
export interface HumanName {
  use?: 'usual' | 'official' | 'temp' | 'nickname' | 'anonymous' | 'old' | 'maiden';
  text?: string;
  family?: string;
  given?: string[];
  prefix?: string[];
  suffix?: string[];
  period?: Period;
}
export interface ContactPoint {
  system?: 'phone' | 'fax' | 'email' | 'pager' | 'url' | 'sms' | 'other';
  value?: string;
  use?: 'home' | 'work' | 'temp' | 'old' | 'mobile';
  rank?: number;
}
export interface Address {
  use?: 'home' | 'work' | 'temp' | 'old' | 'billing';
  type?: 'postal' | 'physical' | 'both';
  line?: string[];
  city?: string;
  district?: string;
  state?: string;
  postalCode?: string;
  country?: string;
}
export interface Extension {
  url: string;
  extension?: Extension[];
  valueCode?: string;
  valueCoding?: Coding;
  valueString?: string;
  valueCodeableConcept?: CodeableConcept;
  valueDateTime?: string;
  valueBoolean?: boolean;
}
export interface Annotation {
  text: string;
  time?: string;
}
export interface Meta {
  versionId?: string;
  lastUpdated?: string;
  profile?: string[];
}

/** Any FHIR resource this library emits. */
export interface FhirResource {
  resourceType: string;
  id?: string;
  meta?: Meta;
  [element: string]: unknown;
}

/** A resource narrowed to one `resourceType`. */
export type ResourceOf<T extends string> = FhirResource & { resourceType: T };
export type Patient = ResourceOf<'Patient'>;
export type Practitioner = ResourceOf<'Practitioner'>;
export type PractitionerRole = ResourceOf<'PractitionerRole'>;
export type Organization = ResourceOf<'Organization'>;
export type Location = ResourceOf<'Location'>;
export type Encounter = ResourceOf<'Encounter'>;
export type Condition = ResourceOf<'Condition'>;
export type AllergyIntolerance = ResourceOf<'AllergyIntolerance'>;
export type Observation = ResourceOf<'Observation'>;
export type DiagnosticReport = ResourceOf<'DiagnosticReport'>;
export type Provenance = ResourceOf<'Provenance'>;
