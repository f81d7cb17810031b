/**
 * Minimal structural FHIR R4 types used by this library. They describe only what `libs/fhir` reads or writes;
 * resources stay open records so that mappers can return any valid R4 JSON.
 */

/** A Coding (https://hl7.org/fhir/R4/datatypes.html#Coding). */
export interface Coding {
  system?: string;
  version?: string;
  code?: string;
  display?: string;
}

/** Resource.meta (https://hl7.org/fhir/R4/resource.html#Meta). */
export interface Meta {
  versionId?: string;
  lastUpdated?: string;
  source?: string;
  profile?: string[];
  security?: Coding[];
  tag?: Coding[];
  [extra: string]: unknown;
}

/** Any FHIR resource as JSON: `resourceType` plus open members. */
export interface FhirResource {
  resourceType: string;
  id?: string;
  meta?: Meta;
  [element: string]: unknown;
}
