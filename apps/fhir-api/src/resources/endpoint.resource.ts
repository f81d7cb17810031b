/** Endpoint: the deployment's two FHIR bases (the auth app's endpoint directory lists the same resources). */
import { fhirBasesOf, toEndpoints } from '#facade/mappers/src/endpoint/endpoint.mapper.js';
import type { ResourceEntry } from '../engine/registry/resource-entry.js';

/** Endpoint (US Core 6.1.0 lists it without a profile: read SHOULD). */
export const endpointResource: ResourceEntry = {
  type: 'Endpoint',
  inPatientCompartment: false,
  sources: [],
  interactions: ['read'],
  // `<FHIR_PUBLIC_URL>/fhir` or `/open` -> both bases under the same public URL.
  constant: (baseUrl) => toEndpoints(fhirBasesOf(baseUrl.replace(/\/(fhir|open)$/i, ''))),
};
