import type { SearchParamDefinition, SearchParamType } from '#facade/fhir';

/** Deployment settings the registry entries need (identifier systems). */
export interface RegistryConfig {
  mrnSystem: string;
  ssnSystem: string;
}

/** A US Core search parameter definition (canonical URL from the US Core 6.1.0 package). */
export function usCoreParam(resource: string, code: string, type: SearchParamType, extra: Partial<SearchParamDefinition> = {}): SearchParamDefinition {
  return { code, type, definition: `http://hl7.org/fhir/us/core/SearchParameter/us-core-${resource.toLowerCase()}-${code}`, ...extra };
}

/** A FHIR core search parameter definition. */
export function coreParam(resource: string, code: string, type: SearchParamType, extra: Partial<SearchParamDefinition> = {}): SearchParamDefinition {
  return { code, type, definition: `http://hl7.org/fhir/SearchParameter/${resource}-${code}`, ...extra };
}

/** FHIR code systems the registry's token targets use besides the mappers' `SYSTEM`. */
export const SYSTEMS = {
  administrativeGender: 'http://hl7.org/fhir/administrative-gender',
  observationStatus: 'http://hl7.org/fhir/observation-status',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  loinc: 'http://loinc.org',
} as const;
