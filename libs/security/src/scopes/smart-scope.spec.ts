import { describe, expect, it } from '@jest/globals';
import { parseResourceScope, parseScopes } from './smart-scope.js';
import { decideAccess, type AccessQuestion } from './access-decision.js';

describe('parseResourceScope', () => {
  it.each([
    ['patient/*.read', { context: 'patient', resourceType: '*', read: true, search: true, create: false, version: 1 }],
    ['user/Observation.write', { context: 'user', resourceType: 'Observation', read: false, search: false, create: true, update: true, delete: true, version: 1 }],
    ['system/*.*', { context: 'system', read: true, search: true, create: true, version: 1 }],
    ['patient/Observation.rs', { context: 'patient', resourceType: 'Observation', read: true, search: true, create: false, version: 2 }],
    ['patient/Condition.r', { read: true, search: false }],
    ['user/Patient.s', { read: false, search: true }],
  ])('parses %s', (raw, expected) => {
    expect(parseResourceScope(raw)).toMatchObject(expected);
  });

  it('parses granular v2 query filters', () => {
    const s = parseResourceScope('patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory');
    expect(s?.filters).toEqual({ category: ['http://terminology.hl7.org/CodeSystem/observation-category|laboratory'] });
  });

  it.each(['openid', 'launch/patient', 'offline_access', 'patient/Observation.sr', 'patient/Observation.x', 'patient/Observation.read?category=x', 'group/*.read'])(
    'grants nothing for %s',
    (raw) => expect(parseResourceScope(raw)).toBeUndefined(),
  );

  it('grants nothing for a malformed percent-escape in a granular query', () => {
    expect(parseResourceScope('patient/Observation.rs?category=%E0')).toBeUndefined();
  });

  it('keeps only resource scopes from a claim', () => {
    expect(parseScopes('openid fhirUser patient/*.rs launch/patient').map((s) => s.raw)).toEqual(['patient/*.rs']);
  });
});

describe('decideAccess', () => {
  const q = (scope: string, extra: Partial<AccessQuestion> = {}): AccessQuestion => ({
    scopes: parseScopes(scope), base: 'fhir', resourceType: 'Observation', interaction: 'search', inPatientCompartment: true, ...extra,
  });

  it('confines patient/ scopes to the patient in context', () => {
    expect(decideAccess(q('patient/*.rs', { patient: '7', practice: 1 }))).toEqual({ allowed: true, patientId: '7', practiceId: 1, filters: undefined });
  });
  it('refuses patient/ scopes without a patient in context', () => {
    expect(decideAccess(q('patient/*.rs')).allowed).toBe(false);
  });
  it('confines user/ scopes to the practice', () => {
    expect(decideAccess(q('user/Observation.rs', { practice: 3, patient: '9' }))).toEqual({ allowed: true, practiceId: 3, filters: undefined });
  });
  it('refuses user/ scopes of a token without a practice', () => {
    expect(decideAccess(q('user/Observation.rs')).allowed).toBe(false);
  });
  it('refuses a type the token has no scope for', () => {
    expect(decideAccess(q('patient/Condition.rs', { patient: '1' }))).toMatchObject({ allowed: false });
  });
  it('refuses search when only read was granted', () => {
    expect(decideAccess(q('patient/Observation.r', { patient: '1' })).allowed).toBe(false);
    expect(decideAccess(q('patient/Observation.r', { patient: '1', interaction: 'read' })).allowed).toBe(true);
  });
  it('turns granular scopes into OR-ed filters, lifted by a resource-level scope', () => {
    const granular = 'patient/Observation.rs?category=laboratory patient/Observation.rs?category=vital-signs';
    expect(decideAccess(q(granular, { patient: '1' }))).toMatchObject({ allowed: true, filters: [{ category: ['laboratory'] }, { category: ['vital-signs'] }] });
    expect(decideAccess(q(`${granular} patient/Observation.rs`, { patient: '1' }))).toMatchObject({ allowed: true, filters: undefined });
  });
  it('confines system/ scopes to the named practice(s) and refuses a token naming none', () => {
    expect(decideAccess(q('system/*.rs', { practice: 4 }))).toMatchObject({ allowed: true, practiceId: 4 });
    expect(decideAccess(q('system/*.rs', { practices: [1, 2] }))).toMatchObject({ allowed: true, practiceIds: [1, 2] });
    expect(decideAccess(q('system/*.rs')).allowed).toBe(false);
  });
  it('requires a patient in context on /open, whatever the scopes', () => {
    expect(decideAccess(q('user/*.rs', { base: 'open', practice: 1 })).allowed).toBe(false);
    expect(decideAccess(q('user/*.rs', { base: 'open', practice: 1, patient: '5' }))).toMatchObject({ allowed: true, patientId: '5' });
  });
  it('lets any valid token read non-compartment types', () => {
    expect(decideAccess(q('patient/Patient.rs', { patient: '1', resourceType: 'Practitioner', inPatientCompartment: false })).allowed).toBe(true);
  });
  describe('practice data outside the patient compartment (practiceOnly: Group)', () => {
    const g = (scope: string, extra: Partial<AccessQuestion> = {}) => decideAccess(q(scope, { resourceType: 'Group', inPatientCompartment: false, practiceOnly: true, ...extra }));
    it('confines user/ and system/ scopes of the type to the practice(s)', () => {
      expect(g('user/Group.rs', { practice: 2, patient: '9' })).toEqual({ allowed: true, practiceId: 2, filters: undefined });
      expect(g('user/*.rs', { practice: 2 })).toMatchObject({ allowed: true, practiceId: 2 });
      expect(g('system/Group.rs', { practice: 3 })).toMatchObject({ allowed: true, practiceId: 3 });
      expect(g('system/Group.rs', { practices: [1, 3] })).toMatchObject({ allowed: true, practiceIds: [1, 3] });
      expect(g('system/*.rs patient/*.rs', { practice: 3, patient: '4' })).toMatchObject({ allowed: true, practiceId: 3 });
    });
    it('refuses patient/ scopes, /open, a token without the type, and scopes without a practice', () => {
      expect(g('patient/Group.rs', { patient: '1', practice: 1 }).allowed).toBe(false);
      expect(g('patient/*.rs', { patient: '1', practice: 1 }).allowed).toBe(false);
      expect(g('user/*.rs', { base: 'open', patient: '1', practice: 1 }).allowed).toBe(false);
      expect(g('user/Patient.rs', { practice: 1 }).allowed).toBe(false);
      expect(g('user/Group.rs').allowed).toBe(false);
      expect(g('system/Group.rs').allowed).toBe(false);
    });
  });
});
