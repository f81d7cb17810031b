import { expect } from '@jest/globals';
import type { FhirResource } from '../common/fhir-types.js';
import { usCoreErrors, validateUsCore } from './us-core-validator.js';

/**
 * Asserts that `resource` conforms to the US Core 6.1.0 profile it claims (lists every error otherwise) and
 * uses no unknown code system URL.
 */
export function expectValidUsCore(resource: object | undefined): void {
  expect(resource).toBeDefined();
  expect(usCoreErrors(resource as FhirResource)).toEqual([]);
  const unknownSystems = validateUsCore(resource as FhirResource).filter((i) => i.message.startsWith('Unknown code system'));
  expect(unknownSystems).toEqual([]);
}

/** Finds an extension by URL (tests read nested FHIR JSON). */
export function ext(resource: { extension?: Array<{ url: string }> } | undefined, url: string): Record<string, unknown> | undefined {
  return resource?.extension?.find((e) => e.url === url) as Record<string, unknown> | undefined;
}
