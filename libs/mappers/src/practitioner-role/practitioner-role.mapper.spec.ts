import { describe, expect, it } from '@jest/globals';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { providerRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { toPractitionerRole } from './practitioner-role.mapper.js';

type Json = Record<string, any>;

const cases: Array<{ name: string; row: Parameters<typeof providerRow>[0]; expect: (p: Json) => void; issues?: string[] }> = [
  {
    name: 'practitioner at the practice and primary facility with NUCC specialty',
    row: {},
    expect: (r) => {
      expect(r.id).toBe('5');
      expect(r.practitioner).toEqual({ reference: 'Practitioner/5' });
      expect(r.organization).toEqual({ reference: 'Organization/practice-1' });
      expect(r.location).toEqual([{ reference: 'Location/3' }]);
      expect(r.specialty[0].coding[0]).toEqual({ system: 'http://nucc.org/provider-taxonomy', code: '207Q00000X', display: 'Family Medicine' });
      expect(r.telecom).toEqual([{ system: 'phone', value: '(617) 555-0123', use: 'work' }]);
    },
  },
  {
    name: 'malformed taxonomy: reported, specialty as text only; no facility, no location; email when no phone',
    row: { TAXONOMY_CODE: 'FAMMED', FACILITY_ID: null, PHONE: null },
    issues: ['PROVIDER.TAXONOMY_CODE:FAMMED'],
    expect: (r) => {
      expect(r.specialty).toEqual([{ text: 'Family Medicine' }]);
      expect(r.location).toBeUndefined();
      expect(r.telecom).toEqual([{ system: 'email', value: 'aokafor@riverside.example', use: 'work' }]);
    },
  },
  {
    name: 'no phone or email: the contact point pd-1 requires is stated unknown',
    row: { PHONE: null, EMAIL: null },
    expect: (r) => {
      expect(r.telecom).toEqual([
        { system: 'phone', _value: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] } },
      ]);
    },
  },
];

describe('toPractitionerRole', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const r = toPractitionerRole(providerRow(c.row), ctx);
    c.expect(r as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues ?? []);
    expectValidUsCore(r);
  });
});
