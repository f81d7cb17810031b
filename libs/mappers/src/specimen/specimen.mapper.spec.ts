import { describe, expect, it } from '@jest/globals';
import { PROFILE } from '../common/systems.js';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { labOrderRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { orderHasSpecimen, toSpecimen } from './specimen.mapper.js';

type Json = Record<string, any>;

const cases: Array<{ name: string; row?: Parameters<typeof labOrderRow>[0]; issues?: string[]; expect: (s: Json) => void }> = [
  {
    name: 'serum specimen: SNOMED + v2 type, accession number, collected time, request',
    expect: (s) => {
      expect(s.id).toBe('80');
      expect(s.meta.profile).toEqual([PROFILE.specimen]);
      expect(s.type.coding.map((c: Json) => c.code)).toEqual(['119364003', 'SER']);
      expect(s.accessionIdentifier).toEqual({ system: 'urn:ehr-facade:local:specimen-accession', value: 'ACC-2024-0001' });
      expect(s.subject).toEqual({ reference: 'Patient/12' });
      expect(s.collection).toEqual({ collectedDateTime: '2024-03-01T09:25:00-05:00' });
      expect(s.request).toEqual([{ reference: 'ServiceRequest/order-80' }]);
    },
  },
  {
    name: 'swab (no v2 code), not yet collected',
    row: { SPECIMEN_TYPE: 'SWAB', COLLECTED_AT: null },
    expect: (s) => {
      expect(s.type.coding).toEqual([{ system: 'http://snomed.info/sct', code: '257261003', display: 'Swab' }]);
      expect(s.collection).toBeUndefined();
    },
  },
  {
    name: 'accession number without a type: type stated absent',
    row: { SPECIMEN_TYPE: null },
    expect: (s) => expect(s.type.coding[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'unknown' }),
  },
  {
    name: 'unknown type: reported, stated absent',
    row: { SPECIMEN_TYPE: 'HAIR', SPECIMEN_ID: null },
    issues: ['LAB_ORDER.SPECIMEN_TYPE:HAIR'],
    expect: (s) => {
      expect(s.type.coding[0].code).toBe('unknown');
      expect(s.accessionIdentifier).toBeUndefined();
    },
  },
];

describe('toSpecimen', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const s = toSpecimen(labOrderRow(c.row), ctx);
    c.expect(s as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues ?? []);
    expectValidUsCore(s);
  });

  it('only orders with a type or an accession number have a specimen', () => {
    expect(orderHasSpecimen(labOrderRow())).toBe(true);
    expect(orderHasSpecimen(labOrderRow({ SPECIMEN_TYPE: null }))).toBe(true);
    expect(orderHasSpecimen(labOrderRow({ SPECIMEN_TYPE: null, SPECIMEN_ID: ' ' }))).toBe(false);
  });
});
