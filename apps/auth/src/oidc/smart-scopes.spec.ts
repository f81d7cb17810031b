import { describe, expect, it } from '@jest/globals';
import { allowedScopes, isKnownScope, parseResourceScope, scopeCovers } from './smart-scopes.js';

describe('SMART scope grammar', () => {
  it.each([
    ['patient/*.read', { context: 'patient', resourceType: '*', permissions: 'rs', query: '', v1: true }],
    ['user/Observation.write', { context: 'user', resourceType: 'Observation', permissions: 'cud', query: '', v1: true }],
    ['system/Patient.rs', { context: 'system', resourceType: 'Patient', permissions: 'rs', query: '', v1: false }],
    ['patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory',
      { context: 'patient', resourceType: 'Observation', permissions: 'rs', query: 'category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory', v1: false }],
  ])('parses %s', (scope, expected) => {
    expect(parseResourceScope(scope)).toEqual(expected);
  });

  it.each(['patient/Observation.sr', 'patient/Observation.', 'patient/observation.rs', 'group/Patient.rs', 'patient/Observation.rs?', 'patient/Observation.x'])(
    'rejects %s', (scope) => {
      expect(parseResourceScope(scope)).toBeUndefined();
      expect(isKnownScope(scope)).toBe(false);
    });

  it('covers narrower scopes only', () => {
    expect(scopeCovers('patient/*.rs', 'patient/Observation.rs?category=x|y')).toBe(true);
    expect(scopeCovers('patient/*.read', 'patient/Condition.s')).toBe(true);
    expect(scopeCovers('patient/*.rs', 'patient/Condition.cruds')).toBe(false);
    expect(scopeCovers('patient/*.rs', 'user/Condition.rs')).toBe(false);
    expect(scopeCovers('patient/Observation.rs?category=a|b', 'patient/Observation.rs')).toBe(false);
    expect(scopeCovers('openid', 'openid')).toBe(true);
  });

  it('filters requested scopes by the registration', () => {
    expect(allowedScopes(['openid', 'fhirUser', 'patient/Patient.rs', 'system/*.rs', 'bogus'], ['openid', 'patient/*.rs'])).toEqual(['openid', 'patient/Patient.rs']);
  });
});
