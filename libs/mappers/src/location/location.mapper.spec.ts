import { describe, expect, it } from '@jest/globals';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { facilityRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { toLocation } from './location.mapper.js';

type Json = Record<string, any>;

describe('toLocation', () => {
  it.each([
    {
      name: 'clinic: v3 OF type, address, phone, position, managing practice',
      row: {},
      issues: [] as string[],
      expect: (l: Json) => {
        expect(l.id).toBe('3');
        expect(l.status).toBe('active');
        expect(l.type).toEqual([
          { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'OF', display: 'Outpatient facility' }], text: 'Outpatient clinic' },
        ]);
        expect(l.position).toEqual({ latitude: 42.3601, longitude: -71.0589 });
        expect(l.managingOrganization).toEqual({ reference: 'Organization/practice-1' });
        expect(l.address.postalCode).toBe('02110');
      },
    },
    {
      name: 'hospital; decimals from the driver as strings',
      row: { FAC_TYPE: 'HOSP', LATITUDE: '40.712800' as unknown as number, LONGITUDE: '-74.006000' as unknown as number },
      issues: [] as string[],
      expect: (l: Json) => {
        expect(l.type[0].coding[0].code).toBe('HOSP');
        expect(l.position).toEqual({ latitude: 40.7128, longitude: -74.006 });
      },
    },
    {
      name: 'telehealth location: text-only type (no v3 code), no position when unknown',
      row: { FAC_TYPE: 'TELE', LATITUDE: null, LONGITUDE: null, ADDR1: null, CITY: null, STATE: null, ZIP: null, ACTIVE_YN: 'N' },
      issues: [] as string[],
      expect: (l: Json) => {
        expect(l.type).toEqual([{ text: 'Virtual / telehealth location' }]);
        expect(l.position).toBeUndefined();
        expect(l.address).toBeUndefined();
        expect(l.status).toBe('inactive');
      },
    },
    {
      name: 'unknown facility type: reported, no type',
      row: { FAC_TYPE: 'MOBILE' },
      issues: ['FACILITY.FAC_TYPE:MOBILE'],
      expect: (l: Json) => expect(l.type).toBeUndefined(),
    },
  ])('$name', (c) => {
    const ctx = testContext();
    const l = toLocation(facilityRow(c.row), ctx);
    c.expect(l as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues);
    expectValidUsCore(l);
  });
});
