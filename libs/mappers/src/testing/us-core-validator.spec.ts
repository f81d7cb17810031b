import { describe, expect, it } from '@jest/globals';
import { usCoreErrors, validateUsCore } from './us-core-validator.js';
import { PROFILE } from '../common/systems.js';

const patient = {
  resourceType: 'Patient',
  id: '1',
  meta: { profile: [PROFILE.patient] },
  identifier: [{ system: 'urn:oid:1.2.3', value: 'MRN1' }],
  name: [{ family: 'Doe', given: ['Jane'] }],
  gender: 'female',
};

describe('US Core validator', () => {
  it('accepts a minimal conforming Patient', () => {
    expect(usCoreErrors(patient)).toEqual([]);
  });

  it('rejects a Patient without the required identifier', () => {
    const { identifier: _omit, ...rest } = patient;
    expect(usCoreErrors(rest).join('\n')).toMatch(/identifier/i);
  });

  it('rejects a code outside a required binding that medplum leaves unchecked', () => {
    const errors = usCoreErrors({ ...patient, gender: 'woman' });
    expect(errors.join('\n')).toMatch(/'woman' is not in required value set .*administrative-gender/);
  });

  it('rejects an Observation missing a profile-required component (blood pressure)', () => {
    const bp = {
      resourceType: 'Observation',
      id: 'vitals-1-bp',
      meta: { profile: [PROFILE.bloodPressure] },
      status: 'final',
      category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
      code: { coding: [{ system: 'http://loinc.org', code: '85354-9' }] },
      subject: { reference: 'Patient/1' },
      effectiveDateTime: '2024-01-01T10:00:00-05:00',
    };
    expect(usCoreErrors(bp).length).toBeGreaterThan(0);
  });

  it('rejects a code that its (locally held) code system lacks, and warns about an unknown system URL', () => {
    const condition = {
      resourceType: 'Condition',
      id: '1',
      meta: { profile: [PROFILE.conditionProblems] },
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      category: [{ coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-category', code: 'health-concern' }] }],
      code: { text: 'Homelessness' },
      subject: { reference: 'Patient/1' },
    };
    expect(usCoreErrors(condition).join('\n')).toMatch(/'health-concern' does not exist in code system http:\/\/hl7.org\/fhir\/us\/core\/CodeSystem\/us-core-category/);
    const misspelt = { ...condition, category: [{ coding: [{ system: 'http://hl7.org/fhir/us-core/CodeSystem/condition-category', code: 'health-concern' }] }] };
    expect(validateUsCore(misspelt)).toContainEqual({
      severity: 'warning',
      path: 'Condition.category[0].coding[0]',
      message: 'Unknown code system http://hl7.org/fhir/us-core/CodeSystem/condition-category',
    });
  });

  it('reports an unknown profile', () => {
    expect(validateUsCore({ ...patient, meta: { profile: ['http://example.org/nope'] } })[0].message).toMatch(/Unknown US Core profile/);
  });

  it('validates a type US Core does not profile (Group), claiming no profile, against base R4; a US Core type must claim one', () => {
    const group = { resourceType: 'Group', id: 'practice-1', type: 'person', actual: true, quantity: 1, member: [{ entity: { reference: 'Patient/1' } }] };
    expect(usCoreErrors(group as never)).toEqual([]);
    expect(usCoreErrors({ ...group, type: 'crowd' } as never).join('\n')).toMatch(/crowd/);
    expect(validateUsCore({ ...patient, meta: undefined })[0].message).toMatch(/Unknown US Core profile ''/);
  });
});

describe('US Core validator: invariants medplum evaluates wrongly', () => {
  const role = {
    resourceType: 'PractitionerRole',
    id: '5',
    meta: { profile: [PROFILE.practitionerRole] },
    practitioner: { reference: 'Practitioner/5' },
  };

  it('accepts pd-1 when a telecom is present', () => {
    expect(usCoreErrors({ ...role, telecom: [{ system: 'phone', value: '(617) 555-0100' }] })).toEqual([]);
  });

  it('still rejects pd-1 when neither telecom nor endpoint is present', () => {
    expect(usCoreErrors(role).join('\n')).toMatch(/pd-1 not met/);
  });
});
