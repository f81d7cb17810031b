import { describe, expect, it } from '@jest/globals';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { providerRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { toPractitioner } from './practitioner.mapper.js';

type Json = Record<string, any>;

const cases: Array<{ name: string; row: Parameters<typeof providerRow>[0]; expect: (p: Json) => void; issues?: string[] }> = [
  {
    name: 'NPI, name, telecom, qualification from CREDENTIAL',
    row: {},
    expect: (p) => {
      expect(p.id).toBe('5');
      expect(p.identifier).toEqual([{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1497758544' }]);
      expect(p.name[0]).toMatchObject({ family: 'Okafor', given: ['Adaeze', 'N'], text: 'Adaeze N Okafor' });
      expect(p.qualification[0].code).toEqual({
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0360', code: 'MD', display: 'Doctor of Medicine' }],
        text: 'MD',
      });
      expect(p.telecom.map((t: Json) => t.system)).toEqual(['phone', 'email']);
      expect(p.gender).toBe('female');
      expect(p.active).toBe(true);
    },
  },
  {
    name: 'RN credential (v2-0360 version 2.7)',
    row: { CREDENTIAL: 'RN', SEX: null },
    expect: (p) => {
      expect(p.qualification[0].code.coding[0].code).toBe('RN');
      expect(p.gender).toBeUndefined();
    },
  },
  {
    name: 'no NPI: the required identifier value is stated absent, never invented',
    row: { NPI: null },
    expect: (p) => {
      expect(p.identifier).toEqual([
        { system: 'http://hl7.org/fhir/sid/us-npi', _value: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] } },
      ]);
    },
  },
  {
    name: 'credential without a v2-0360 code (open list): text-only qualification, not reported',
    row: { CREDENTIAL: 'LCSW', ACTIVE_YN: 'N' },
    expect: (p) => {
      expect(p.qualification[0].code).toEqual({ text: 'LCSW' });
      expect(p.active).toBe(false);
    },
  },
];

describe('toPractitioner', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const p = toPractitioner(providerRow(c.row), ctx);
    c.expect(p as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues ?? []);
    expectValidUsCore(p);
  });
});
