import { resourceDefinitions } from '../../../fhir-api/src/resources/index.js';

/**
 * The resource types the FHIR API serves, taken from its resource registry (the same list its
 * CapabilityStatement is built from): the consent screen offers only these, so adding a type to the registry
 * adds it to consent, and a type that would answer 404 is never offered.
 */
export const SERVED_RESOURCE_TYPES: readonly string[] = resourceDefinitions({ mrnSystem: 'urn:consent', ssnSystem: 'urn:consent' }).map((d) => d.type);
