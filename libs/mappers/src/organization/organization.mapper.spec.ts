import { describe, expect, it } from '@jest/globals';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { payerRow, practiceRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { PAYER_CODE_SYSTEM, toPayerOrganization, toPracticeOrganization } from './organization.mapper.js';

type Json = Record<string, any>;

describe('toPracticeOrganization', () => {
  it.each([
    {
      name: 'practice with NPI, address, phone, fax, email',
      row: {},
      expect: (o: Json) => {
        expect(o.id).toBe('practice-1');
        expect(o.identifier).toEqual([
          { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' },
          { system: 'urn:oid:2.16.840.1.113883.3.9999.2', value: '1' },
        ]);
        expect(o.name).toBe('Riverside Family Medicine');
        expect(o.active).toBe(true);
        expect(o.type[0].coding[0].code).toBe('prov');
        expect(o.telecom.map((t: Json) => `${t.system}:${t.value}`)).toEqual(['phone:(617) 555-0100', 'fax:(617) 555-0101', 'email:front@riverside.example']);
        expect(o.address[0]).toMatchObject({ line: ['10 Main St', 'Suite 200'], city: 'Boston', state: 'MA', postalCode: '02110' });
      },
    },
    {
      name: 'inactive practice without NPI or contact details',
      row: { NPI: null, ACTIVE_YN: 'N', PHONE: null, FAX: null, EMAIL: null, ADDR1: null, ADDR2: null, CITY: null, STATE: null, ZIP: null },
      expect: (o: Json) => {
        expect(o.identifier).toEqual([{ system: 'urn:oid:2.16.840.1.113883.3.9999.2', value: '1' }]);
        expect(o.active).toBe(false);
        expect(o.telecom).toBeUndefined();
        expect(o.address).toBeUndefined();
      },
    },
  ])('$name', (c) => {
    const ctx = testContext();
    const o = toPracticeOrganization(practiceRow(c.row), ctx);
    c.expect(o as Json);
    expect(ctx.issues).toEqual([]);
    expectValidUsCore(o);
  });
});

describe('toPayerOrganization', () => {
  it.each([
    {
      name: 'commercial payer: type pay + SOPT 5, payer code identifier',
      row: {},
      issues: [] as string[],
      expect: (o: Json) => {
        expect(o.id).toBe('payer-4');
        expect(o.type.map((t: Json) => t.coding[0].code)).toEqual(['pay', '5']);
        expect(o.identifier).toEqual([{ system: PAYER_CODE_SYSTEM, value: 'BSHP1' }]);
        expect(o.name).toBe('Bay State Health Plan');
      },
    },
    {
      name: 'Medicare payer',
      row: { PAYER_TYPE: 'MCARE' },
      issues: [] as string[],
      expect: (o: Json) => expect(o.type[1].coding[0]).toMatchObject({ system: 'https://nahdo.org/sopt', code: '1' }),
    },
    {
      name: 'unknown payer type: reported, only the generic payer type',
      row: { PAYER_TYPE: 'VA', PAYER_CODE: null },
      issues: ['PAYER.PAYER_TYPE:VA'],
      expect: (o: Json) => {
        expect(o.type).toHaveLength(1);
        expect(o.identifier).toBeUndefined();
      },
    },
  ])('$name', (c) => {
    const ctx = testContext();
    const o = toPayerOrganization(payerRow(c.row), ctx);
    c.expect(o as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues);
    expectValidUsCore(o);
  });
});
