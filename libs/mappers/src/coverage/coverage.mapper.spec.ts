import { describe, expect, it } from '@jest/globals';
import type { LegacyPatInsurance } from '#facade/legacy-db';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { payerRow } from '../testing/fixtures.js';
import { insuranceRow } from '../testing/medication-fixtures.js';
import { testContext } from '../testing/test-context.js';
import { parseCoverageId, toCoverage } from './coverage.mapper.js';

type Json = Record<string, any>;

const cases: Array<{ name: string; row: Partial<LegacyPatInsurance>; payerType?: string | null; withPayer?: boolean; issues?: string[]; expect: (c: Json) => void }> = [
  {
    name: 'primary commercial plan, patient is the subscriber',
    row: {},
    expect: (c) => {
      expect(c.id).toBe('150');
      expect(c.status).toBe('active');
      expect(c.identifier).toEqual([{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MB', display: 'Member Number' }], text: 'Member Number' }, value: 'XJH123456789' }]);
      expect(c.subscriberId).toBe('XJH123456789');
      expect(c.type).toEqual({ coding: [{ system: 'https://nahdo.org/sopt', code: '5', display: 'PRIVATE HEALTH INSURANCE' }], text: 'PRIVATE HEALTH INSURANCE' });
      expect(c.beneficiary).toEqual({ reference: 'Patient/12' });
      expect(c.subscriber).toEqual({ reference: 'Patient/12' });
      expect(c.relationship).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code: 'self', display: 'Self' }], text: 'Self' });
      expect(c.period).toEqual({ start: '2023-01-01' });
      expect(c.payor).toEqual([{ reference: 'Organization/payer-4', display: 'Bay State Health Plan' }]);
      expect(c.order).toBe(1);
      expect(c.class).toEqual([
        { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'group', display: 'Group' }] }, value: 'GRP-7781' },
        { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'plan', display: 'Plan' }] }, value: 'Bay State PPO Gold', name: 'Bay State PPO Gold' },
      ]);
    },
  },
  {
    name: 'secondary Medicaid plan of a child, ended, subscriber named, no group or plan',
    row: { PRIORITY: 2, SUBSCRIBER_REL: 'CHILD', SUBSCRIBER_NAME: 'Jose Rivera', END_DATE: '2024-06-30', GROUP_NO: null, PLAN_NAME: null },
    payerType: 'MCAID',
    expect: (c) => {
      expect(c.order).toBe(2);
      expect(c.relationship.coding[0].code).toBe('child');
      expect(c.subscriber).toEqual({ display: 'Jose Rivera' });
      expect(c.period).toEqual({ start: '2023-01-01', end: '2024-06-30' });
      expect(c.type.coding[0].code).toBe('2');
      expect(c.class).toBeUndefined();
    },
  },
  {
    name: 'spouse and other relationships',
    row: { SUBSCRIBER_REL: 'SPS' },
    expect: (c) => expect(c.relationship.coding[0].code).toBe('spouse'),
  },
  {
    name: 'payer without a type: no Coverage.type',
    row: {},
    payerType: null,
    expect: (c) => expect(c.type).toBeUndefined(),
  },
  {
    name: 'payer row unknown to the caller: payor by reference only',
    row: {},
    withPayer: false,
    expect: (c) => expect(c.payor).toEqual([{ reference: 'Organization/payer-4' }]),
  },
  {
    name: 'unknown subscriber relationship and payer type: reported; relationship data-absent',
    row: { SUBSCRIBER_REL: 'GPA' },
    payerType: 'VA',
    issues: ['PAT_INSURANCE.SUBSCRIBER_REL:GPA', 'PAYER.PAYER_TYPE:VA'],
    expect: (c) => {
      expect(c.relationship.coding[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'unknown' });
      expect(c.subscriber).toEqual({ display: 'Maria Rivera' });
      expect(c.type).toBeUndefined();
    },
  },
];

describe('toCoverage', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const payer = c.withPayer === false ? undefined : payerRow(c.payerType !== undefined ? { PAYER_TYPE: c.payerType } : {});
    const cov = toCoverage({ insurance: insuranceRow(c.row), payer }, ctx);
    c.expect(cov as Json);
    expect(ctx.issues.map((x) => `${x.column}:${x.code}`).sort()).toEqual([...(c.issues ?? [])].sort());
    expectValidUsCore(cov);
  });

  it('ids: the row key', () => {
    expect(parseCoverageId('150')).toBe(150);
    expect(parseCoverageId('payer-4')).toBeUndefined();
  });
});
