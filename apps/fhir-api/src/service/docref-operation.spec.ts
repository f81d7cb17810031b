import { describe, expect, it } from '@jest/globals';
import { CCD_TYPE, docrefParametersOf, docrefSearchQuery } from './docref-operation.js';

const statusOf = (f: () => unknown): number | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { status?: number }).status;
  }
  return undefined;
};

describe('docrefSearchQuery', () => {
  it('patient and the CCD by default, newest first', () => {
    expect(docrefSearchQuery([['patient', '12']])).toEqual([['patient', '12'], ['type', CCD_TYPE], ['_sort', '-date']]);
  });

  it('start/end become a period range; types (repeated or comma lists) one OR list; Patient/ prefix dropped; _format kept', () => {
    const q = docrefSearchQuery([['_format', 'json'], ['patient', 'Patient/12'], ['start', '2024-01-01'], ['end', '2024-12-31T23:59:59Z'], ['type', 'http://loinc.org|34133-9,http://loinc.org|18842-5'], ['type', 'http://loinc.org|11506-3'], ['on-demand', 'true']]);
    expect(q).toEqual([
      ['_format', 'json'],
      ['patient', '12'],
      ['type', 'http://loinc.org|34133-9,http://loinc.org|18842-5,http://loinc.org|11506-3'],
      ['period', 'ge2024-01-01'],
      ['period', 'le2024-12-31T23:59:59Z'],
      ['_sort', '-date'],
    ]);
  });

  it('400 for a missing, empty or repeated patient, unknown parameters, a bad on-demand, another profile', () => {
    for (const params of [[], [['patient', ' ']], [['patient', '1'], ['patient', '2']], [['patient', '1'], ['_count', '5']], [['patient', '1'], ['on-demand', '1']], [['patient', '1'], ['profile', 'http://example.org/x']]] as [string, string][][]) {
      expect(statusOf(() => docrefSearchQuery(params))).toBe(400);
    }
    expect(docrefSearchQuery([['patient', '1'], ['profile', 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference|6.1.0']])[0]).toEqual(['patient', '1']);
  });
});

describe('docrefParametersOf', () => {
  it('reads a Parameters resource (Coding as system|code, booleans as text)', () => {
    const body = { resourceType: 'Parameters', parameter: [{ name: 'patient', valueId: '12' }, { name: 'type', valueCoding: { system: 'http://loinc.org', code: '34133-9' } }, { name: 'on-demand', valueBoolean: false }, { name: 'start', valueDateTime: '2024-01-01' }] };
    expect(docrefParametersOf(body)).toEqual([['patient', '12'], ['type', 'http://loinc.org|34133-9'], ['on-demand', 'false'], ['start', '2024-01-01']]);
  });

  it('400 for another resource or a parameter without a value', () => {
    expect(statusOf(() => docrefParametersOf({ resourceType: 'Patient' }))).toBe(400);
    expect(statusOf(() => docrefParametersOf({ resourceType: 'Parameters', parameter: [{ name: 'patient' }] }))).toBe(400);
  });
});
