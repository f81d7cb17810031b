import { describe, expect, it } from '@jest/globals';
import { resourceDefinitions } from '../../resources/index.js';
import type { ResourceDefinition } from './resource-definition.js';
import { ResourceRegistry } from './resource-registry.js';

const config = { mrnSystem: 'urn:oid:1.2.3', ssnSystem: 'http://hl7.org/fhir/sid/us-ssn' };

describe('ResourceRegistry', () => {
  it('accepts every shipped definition, one entry per type', () => {
    const registry = new ResourceRegistry(resourceDefinitions(config));
    expect(registry.all().map((e) => e.def.type)).toEqual([
      'Patient', 'Observation', 'Encounter', 'Condition', 'AllergyIntolerance', 'DiagnosticReport',
      'Practitioner', 'PractitionerRole', 'Organization', 'Location', 'Provenance',
    ]);
  });

  it('refuses a nullable sort column and a duplicate type at start-up', () => {
    const [patient] = resourceDefinitions(config);
    const bad: ResourceDefinition = { ...patient, sources: [{ ...patient.sources[0], sort: { 'death-date': 'p.DECEASED_DATE' } }] };
    expect(() => new ResourceRegistry([bad])).toThrow(/nullable/);
    expect(() => new ResourceRegistry([patient, patient])).toThrow(/twice/);
  });
});
