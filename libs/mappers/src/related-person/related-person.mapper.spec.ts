import { describe, expect, it } from '@jest/globals';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { contactRow, patientRow } from '../testing/fixtures.js';
import { portalAccountRow, portalProxyRow } from '../testing/medication-fixtures.js';
import { testContext } from '../testing/test-context.js';
import { parseRelatedPersonId, relatedPersonId, toContactRelatedPerson, toProxyRelatedPerson } from './related-person.mapper.js';

type Json = Record<string, any>;

const issuesOf = (ctx: ReturnType<typeof testContext>) => ctx.issues.map((x) => `${x.column}:${x.code}`).sort();
const holder = patientRow({ PAT_ID: 13, FIRST_NAME: 'Jose', MIDDLE_NAME: null, LAST_NAME: 'Rivera', CELL_PHONE: '6175550113', HOME_PHONE: null, EMAIL: 'jose@home.example', ROW_VER: 5 });

describe('toContactRelatedPerson', () => {
  const cases: Array<{ name: string; row: Parameters<typeof contactRow>[0]; issues?: string[]; expect: (r: Json) => void }> = [
    {
      name: 'spouse, emergency contact: two relationships, name, phone',
      row: {},
      expect: (r) => {
        expect(r.id).toBe('contact-30');
        expect(r.active).toBe(true);
        expect(r.patient).toEqual({ reference: 'Patient/12' });
        expect(r.relationship).toEqual([
          { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'SPS', display: 'spouse' }], text: 'spouse' },
          { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'C', display: 'Emergency Contact' }], text: 'Emergency Contact' },
        ]);
        expect(r.name).toEqual([{ text: 'Jose Rivera', family: 'Rivera', given: ['Jose'] }]);
        expect(r.telecom).toEqual([{ system: 'phone', value: '(617) 555-0113' }]);
        expect(r.address).toBeUndefined();
        expect(r.meta.versionId).toBe('1');
      },
    },
    {
      name: 'legal guardian flagged, with address and email, inactive',
      row: { RELATION_CODE: 'GRD', IS_GUARDIAN_YN: 'Y', IS_EMERGENCY_YN: 'N', EMAIL: 'g@mail.example', ADDR1: '5 Oak St', CITY: 'Boston', STATE: 'ma', ZIP: '02118', ACTIVE_YN: 'N' },
      expect: (r) => {
        expect(r.active).toBe(false);
        expect(r.relationship.map((x: Json) => x.coding[0].code)).toEqual(['GUARD']);
        expect(r.address).toEqual([{ line: ['5 Oak St'], city: 'Boston', state: 'MA', postalCode: '02118', country: 'US' }]);
        expect(r.telecom[1]).toEqual({ system: 'email', value: 'g@mail.example' });
      },
    },
    {
      name: 'guardian flag on a parent: mother and guardian',
      row: { RELATION_CODE: 'MTH', IS_GUARDIAN_YN: 'Y', IS_EMERGENCY_YN: 'N' },
      expect: (r) => expect(r.relationship.map((x: Json) => x.coding[0].code)).toEqual(['MTH', 'GUARD']),
    },
    {
      name: 'unknown relation code: reported; name alone satisfies us-core-14',
      row: { RELATION_CODE: 'AUNT', IS_EMERGENCY_YN: 'N', FIRST_NAME: null },
      issues: ['PAT_CONTACT.RELATION_CODE:AUNT'],
      expect: (r) => {
        expect(r.relationship).toBeUndefined();
        expect(r.name).toEqual([{ text: 'Rivera', family: 'Rivera' }]);
      },
    },
  ];
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const r = toContactRelatedPerson(contactRow(c.row), ctx);
    c.expect(r as Json);
    expect(issuesOf(ctx)).toEqual([...(c.issues ?? [])].sort());
    expectValidUsCore(r);
  });
});

describe('toProxyRelatedPerson', () => {
  it('portal proxy: the account holder named from their chart, email of the account, relationship, period, active', () => {
    const ctx = testContext();
    const r = toProxyRelatedPerson({ proxy: portalProxyRow(), account: portalAccountRow(), holder }, ctx) as Json;
    expect(r.id).toBe('proxy-160-12');
    expect(r.patient).toEqual({ reference: 'Patient/12' });
    expect(r.active).toBe(true);
    expect(r.relationship).toEqual([{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'SPS', display: 'spouse' }], text: 'spouse' }]);
    expect(r.name).toEqual([{ text: 'Jose Rivera', family: 'Rivera', given: ['Jose'] }]);
    expect(r.telecom).toEqual([{ system: 'email', value: 'jose.rivera@mail.example' }, { system: 'phone', value: '(617) 555-0113', use: 'mobile' }]);
    expect(r.period).toEqual({ start: '2023-05-01' });
    expect(r.meta.lastUpdated).toBe('2024-03-02T16:40:00-05:00');
    expect(ctx.issues).toEqual([]);
    expectValidUsCore(r);
  });

  it('ended grant or inactive account: inactive; the version changes with the grant', () => {
    const ctx = testContext();
    const open = toProxyRelatedPerson({ proxy: portalProxyRow(), account: portalAccountRow(), holder }, ctx) as Json;
    const ended = toProxyRelatedPerson({ proxy: portalProxyRow({ END_DATE: '2024-01-31' }), account: portalAccountRow(), holder }, ctx) as Json;
    const disabled = toProxyRelatedPerson({ proxy: portalProxyRow(), account: portalAccountRow({ ACTIVE_YN: 'N', ROW_VER: 2 }), holder }, ctx) as Json;
    expect(ended.active).toBe(false);
    expect(ended.period).toEqual({ start: '2023-05-01', end: '2024-01-31' });
    expect(disabled.active).toBe(false);
    expect(new Set([open.meta.versionId, ended.meta.versionId, disabled.meta.versionId]).size).toBe(3);
    expect(open.meta.versionId).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
    expectValidUsCore(ended);
  });

  it('unknown relation code: reported, name keeps the resource valid', () => {
    const ctx = testContext();
    const r = toProxyRelatedPerson({ proxy: portalProxyRow({ RELATION_CODE: 'NEIGH' }), account: portalAccountRow({ EMAIL: null }), holder }, ctx) as Json;
    expect(issuesOf(ctx)).toEqual(['PORTAL_PROXY.RELATION_CODE:NEIGH']);
    expect(r.relationship).toBeUndefined();
    expect(r.telecom[0]).toEqual({ system: 'email', value: 'jose@home.example' });
    expectValidUsCore(r);
  });
});

describe('RelatedPerson ids', () => {
  it('round-trip both sources, reject anything else', () => {
    expect(parseRelatedPersonId(relatedPersonId.contact(30))).toEqual({ table: 'PAT_CONTACT', contactId: 30 });
    expect(parseRelatedPersonId(relatedPersonId.proxy(160, 12))).toEqual({ table: 'PORTAL_PROXY', portalId: 160, patId: 12 });
    for (const bad of ['30', 'contact-030', 'proxy-160', 'proxy-160-12-1', 'contact-99999999999']) expect(parseRelatedPersonId(bad)).toBeUndefined();
  });
});
