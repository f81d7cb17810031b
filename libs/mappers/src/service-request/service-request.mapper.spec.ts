import { describe, expect, it } from '@jest/globals';
import { PROFILE } from '../common/systems.js';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { labOrderRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { parseServiceRequestId } from './order-codes.js';
import { referralRow } from './referral.fixtures.js';
import { toOrderServiceRequest, toReferralServiceRequest } from './service-request.mapper.js';

type Json = Record<string, any>;
const codes = (cc: Json) => cc.coding.map((c: Json) => `${c.system}|${c.code}`);

const orderCases: Array<{ name: string; row?: Parameters<typeof labOrderRow>[0]; issues?: string[]; expect: (s: Json) => void }> = [
  {
    name: 'final lab order: completed, laboratory category, LOINC + CPT, authoredOn, requester, specimen',
    expect: (s) => {
      expect(s.id).toBe('order-80');
      expect(s.meta.profile).toEqual([PROFILE.serviceRequest]);
      expect(s.status).toBe('completed');
      expect(s.intent).toBe('order');
      expect(codes(s.category[0])).toEqual(['http://snomed.info/sct|108252007', 'urn:ehr-facade:local:order-category|LAB']);
      expect(codes(s.code)).toEqual(['http://loinc.org|24323-8', 'http://www.ama-assn.org/go/cpt|80053']);
      expect(s.authoredOn).toBe('2024-03-01T09:20:00-05:00');
      expect(s.occurrenceDateTime).toBe('2024-03-01T09:25:00-05:00');
      expect(s.requester).toEqual({ reference: 'Practitioner/5' });
      expect(s.priority).toBe('routine');
      expect(s.specimen).toEqual([{ reference: 'Specimen/80' }]);
      expect(s.performer).toEqual([{ display: 'Quest Diagnostics' }]);
    },
  },
  {
    name: 'imaging order just placed: active, imaging category, stat, no specimen, no occurrence',
    row: { ORDER_CATEGORY: 'RAD', STATUS: 'O', PRIORITY: 'S', SPECIMEN_TYPE: null, SPECIMEN_ID: null, COLLECTED_AT: null, PANEL_CPT: null },
    expect: (s) => {
      expect(s.status).toBe('active');
      expect(codes(s.category[0])[0]).toBe('http://snomed.info/sct|363679005');
      expect(s.priority).toBe('stat');
      expect(s.specimen).toBeUndefined();
      expect(s.occurrenceDateTime).toBeUndefined();
    },
  },
  { name: 'cancelled cardiology order: revoked, evaluation procedure', row: { ORDER_CATEGORY: 'CARD', STATUS: 'X' }, expect: (s) => {
    expect(s.status).toBe('revoked');
    expect(codes(s.category[0])[0]).toBe('http://snomed.info/sct|386053000');
  } },
  {
    name: 'local panel without LOINC/CPT: text-only code; unknown status, priority and category reported',
    row: { PANEL_LOINC: null, PANEL_CPT: null, STATUS: 'Q', PRIORITY: 'Z', ORDER_CATEGORY: 'GEN' },
    issues: ['LAB_ORDER.STATUS:Q', 'LAB_ORDER.ORDER_CATEGORY:GEN', 'LAB_ORDER.PRIORITY:Z'],
    expect: (s) => {
      expect(s.code).toEqual({ text: 'Comprehensive metabolic panel' });
      expect(s.status).toBe('unknown');
      expect(s.priority).toBeUndefined();
      expect(s.category).toEqual([{ coding: [{ system: 'urn:ehr-facade:local:order-category', code: 'GEN' }], text: 'GEN' }]);
    },
  },
];

const referralCases: Array<{ name: string; row?: Parameters<typeof referralRow>[0]; issues?: string[]; expect: (s: Json) => void }> = [
  {
    name: 'active consultation referral: SNOMED code, ICD-10-CM reason with the dot, performer, requester',
    expect: (s) => {
      expect(s.id).toBe('referral-130');
      expect(s.status).toBe('active');
      expect(codes(s.code)).toEqual(['http://snomed.info/sct|183519002']);
      expect(s.reasonCode).toEqual([{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'I48.0' }] }]);
      expect(s.performer).toEqual([{ display: 'Harbor Heart Associates' }]);
      expect(s.authoredOn).toBe('2024-03-01T09:40:00-05:00');
      expect(codes(s.category[0])[0]).toBe('http://snomed.info/sct|386053000');
    },
  },
  {
    name: 'SDOH referral without SNOMED or CPT: us-core sdoh category, text-only code',
    row: { REF_CATEGORY: 'SDOH', SNOMED_CODE: null, DESCRIPTION: 'Referral to community food pantry program', REASON_ICD10: null, REFER_TO_NAME: null },
    expect: (s) => {
      expect(codes(s.category[0]).slice(0, 2)).toEqual(['http://hl7.org/fhir/us/core/CodeSystem/us-core-category|sdoh', 'http://snomed.info/sct|410606002']);
      expect(s.code).toEqual({ text: 'Referral to community food pantry program' });
      expect(s.reasonCode).toBeUndefined();
      expect(s.performer).toBeUndefined();
    },
  },
  {
    name: 'therapy referral with CPT, on hold; every status code maps',
    row: { REF_CATEGORY: 'THERAPY', SNOMED_CODE: null, CPT_CODE: '97161', STATUS: 'H' },
    expect: (s) => {
      expect(s.status).toBe('on-hold');
      expect(codes(s.category[0])).toEqual(['urn:ehr-facade:local:referral-category|THERAPY']);
      expect(codes(s.code)).toEqual(['http://www.ama-assn.org/go/cpt|97161']);
    },
  },
  { name: 'draft', row: { STATUS: 'D' }, expect: (s) => expect(s.status).toBe('draft') },
  { name: 'entered in error', row: { STATUS: 'E' }, expect: (s) => expect(s.status).toBe('entered-in-error') },
  { name: 'completed counseling', row: { STATUS: 'C', REF_CATEGORY: 'COUNSEL' }, expect: (s) => {
    expect(s.status).toBe('completed');
    expect(codes(s.category[0])[0]).toBe('http://snomed.info/sct|409063005');
  } },
  {
    name: 'malformed reason code: reported and left out',
    row: { REASON_ICD10: '12X' },
    issues: ['REFERRAL.REASON_ICD10:12X'],
    expect: (s) => expect(s.reasonCode).toBeUndefined(),
  },
];

describe('toOrderServiceRequest', () => {
  it.each(orderCases)('$name', (c) => {
    const ctx = testContext();
    const s = toOrderServiceRequest(labOrderRow(c.row), ctx);
    c.expect(s as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues ?? []);
    expectValidUsCore(s);
  });
});

describe('toReferralServiceRequest', () => {
  it.each(referralCases)('$name', (c) => {
    const ctx = testContext();
    const s = toReferralServiceRequest(referralRow(c.row), ctx);
    c.expect(s as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues ?? []);
    expectValidUsCore(s);
  });
});

describe('parseServiceRequestId', () => {
  it.each([
    ['order-80', { table: 'LAB_ORDER', key: 80 }],
    ['referral-1', { table: 'REFERRAL', key: 1 }],
    ['order-0', undefined],
    ['80', undefined],
  ])('%s', (id, expected) => expect(parseServiceRequestId(id)).toEqual(expected));
});
