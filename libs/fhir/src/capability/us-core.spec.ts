import { describe, expect, it } from '@jest/globals';
import { searchParameterUrl, strongerExpectation, usCoreProfile, usCoreRequirements, usCoreResourceTypes, usCoreSearchParameter } from './us-core.js';

describe('usCoreRequirements', () => {
  it('lists the resource types of the US Core 6.1.0 server statement', () => {
    const types = usCoreResourceTypes();
    for (const t of ['AllergyIntolerance', 'Condition', 'Encounter', 'Observation', 'Patient', 'Provenance', 'Practitioner']) {
      expect(types).toContain(t);
    }
    expect(types).not.toContain('Account');
  });

  it('gives the Patient requirements: SHALL searches and combinations, Provenance revinclude', () => {
    const r = usCoreRequirements('Patient');
    expect(r?.supportedProfiles).toEqual(['http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient']);
    const shall = r?.searchParams.filter((p) => p.expectation === 'SHALL').map((p) => p.name).sort();
    expect(shall).toEqual(['_id', 'identifier', 'name']);
    expect(r?.combinations).toContainEqual({ names: ['birthdate', 'name'], expectation: 'SHALL' });
    expect(r?.combinations).toContainEqual({ names: ['gender', 'name'], expectation: 'SHALL' });
    expect(r?.revincludes).toEqual([{ value: 'Provenance:target', expectation: 'SHALL' }]);
    expect(r?.interactions).toContainEqual({ code: 'read', expectation: 'SHALL' });
  });

  it('merges the Observation profiles with the strongest expectation', () => {
    const r = usCoreRequirements('Observation');
    expect(r?.profiles.length).toBeGreaterThan(10);
    expect(r?.supportedProfiles).toContain('http://hl7.org/fhir/us/core/StructureDefinition/us-core-vital-signs');
    const combos = new Map(r?.combinations.map((c) => [c.names.join('+'), c.expectation]));
    expect(combos.get('patient+category')).toBe('SHALL');
    expect(combos.get('patient+code')).toBe('SHALL');
    expect(combos.get('patient+category+date')).toBe('SHALL');
    expect(combos.get('patient+code+date')).toBe('SHOULD');
    expect(new Set(r?.combinations.map((c) => c.names.join('+'))).size).toBe(r?.combinations.length);
  });

  it('keeps multipleOr expectations (MedicationRequest intent=order,plan is SHALL)', () => {
    const intent = usCoreRequirements('MedicationRequest')?.searchParams.find((p) => p.name === 'intent');
    expect(intent?.multipleOr).toBe('SHALL');
    expect(usCoreRequirements('MedicationRequest')?.includes).toContainEqual({ value: 'MedicationRequest:medication', expectation: 'SHOULD' });
  });

  it('returns undefined for types US Core does not cover', () => {
    expect(usCoreRequirements('Account')).toBeUndefined();
    expect(usCoreRequirements('constructor')).toBeUndefined();
  });

  it('finds profiles by URL', () => {
    expect(usCoreProfile('http://hl7.org/fhir/us/core/StructureDefinition/us-core-heart-rate')?.resourceType).toBe('Observation');
    expect(usCoreProfile('http://nope')).toBeUndefined();
  });
});

describe('search parameter look-ups', () => {
  it('gives the US Core parameter with its SHALL comparators', () => {
    const date = usCoreSearchParameter('Observation', 'date');
    expect(date?.url).toBe('http://hl7.org/fhir/us/core/SearchParameter/us-core-observation-date');
    expect(date?.type).toBe('date');
    expect(date?.comparators).toMatchObject({ gt: 'SHALL', ge: 'SHALL', lt: 'SHALL', le: 'SHALL' });
  });

  it.each([
    ['Patient', 'birthdate', 'http://hl7.org/fhir/us/core/SearchParameter/us-core-patient-birthdate'],
    ['Patient', '_id', 'http://hl7.org/fhir/us/core/SearchParameter/us-core-patient-id'],
    ['Patient', '_lastUpdated', 'http://hl7.org/fhir/SearchParameter/Resource-lastUpdated'],
    ['Observation', '_id', 'http://hl7.org/fhir/SearchParameter/Resource-id'],
    ['Observation', 'subject', 'http://hl7.org/fhir/SearchParameter/Observation-subject'],
    ['Condition', 'subject', 'http://hl7.org/fhir/SearchParameter/Condition-subject'],
    ['Patient', 'nonsense', undefined],
  ])('%s.%s -> %s', (type, code, url) => {
    expect(searchParameterUrl(type, code)).toBe(url);
  });

  it('orders expectations SHALL > SHOULD > MAY', () => {
    expect(strongerExpectation('MAY', 'SHALL')).toBe('SHALL');
    expect(strongerExpectation('SHOULD', 'MAY')).toBe('SHOULD');
    expect(strongerExpectation(undefined, 'MAY')).toBe('MAY');
    expect(strongerExpectation('MAY', undefined)).toBe('MAY');
  });
});
