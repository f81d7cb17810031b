import { describe, expect, it } from '@jest/globals';
import type { LegacyImmunization } from '#facade/legacy-db';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { immunizationRow } from '../testing/medication-fixtures.js';
import { testContext } from '../testing/test-context.js';
import { parseImmunizationId, toImmunization } from './immunization.mapper.js';

type Json = Record<string, any>;

const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';

const cases: Array<{ name: string; row: Partial<LegacyImmunization>; issues?: string[]; expect: (i: Json) => void }> = [
  {
    name: 'given here: CVX, primary source, lot, expiry, manufacturer, site, route, dose, administering provider',
    row: {},
    expect: (i) => {
      expect(i.id).toBe('130');
      expect(i.status).toBe('completed');
      expect(i.statusReason).toBeUndefined();
      expect(i.vaccineCode).toEqual({
        coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '140', display: 'Influenza, seasonal, injectable, preservative free' }],
        text: 'Influenza, seasonal, injectable, preservative free',
      });
      expect(i.patient).toEqual({ reference: 'Patient/12' });
      expect(i.encounter).toEqual({ reference: 'Encounter/40' });
      expect(i.occurrenceDateTime).toBe('2024-03-01T09:40:00-05:00');
      expect(i.primarySource).toBe(true);
      expect(i.reportOrigin).toBeUndefined();
      expect(i.lotNumber).toBe('AB1234');
      expect(i.expirationDate).toBe('2024-12-31');
      expect(i.manufacturer).toEqual({ identifier: { system: 'http://hl7.org/fhir/NamingSystem/MVX', value: 'SKB' } });
      expect(i.site).toEqual({ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActSite', code: 'LD', display: 'left deltoid' }], text: 'left deltoid' });
      expect(i.route.coding[0]).toEqual({ system: 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration', code: 'IM', display: 'Injection, intramuscular' });
      expect(i.doseQuantity).toEqual({ value: 0.5, unit: 'mL', system: 'http://unitsofmeasure.org', code: 'mL' });
      expect(i.performer).toEqual([{ function: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0443', code: 'AP', display: 'Administering Provider' }] }, actor: { reference: 'Practitioner/5' } }]);
      expect(i.location).toEqual({ reference: 'Location/3' });
    },
  },
  {
    name: 'NDC where present: a second vaccineCode coding',
    row: { NDC_CODE: '58160-0898-52' },
    expect: (i) => expect(i.vaccineCode.coding[1]).toEqual({ system: 'http://hl7.org/fhir/sid/ndc', code: '58160-0898-52', display: 'Influenza, seasonal, injectable, preservative free' }),
  },
  {
    name: 'historical dose: not a primary source, no lot, site or performer',
    row: { HISTORICAL_YN: 'Y', LOT_NUMBER: null, EXPIRATION_DATE: null, SITE_CODE: null, ROUTE_CODE: null, ADMIN_PROV_ID: null, FACILITY_ID: null, DOSE_ML: null, MVX_CODE: null, VISIT_ID: null },
    expect: (i) => {
      expect(i.primarySource).toBe(false);
      expect(i.reportOrigin).toEqual({ text: 'Recorded from another source' });
      expect(i.performer).toBeUndefined();
      expect(i.site).toBeUndefined();
      expect(i.manufacturer).toBeUndefined();
    },
  },
  {
    name: 'refused with a reason: not-done, statusReason, nothing administered',
    row: { STATUS: 'R', NOT_GIVEN_REASON: 'RELIG', LOT_NUMBER: null, SITE_CODE: 'LA', ADMIN_PROV_ID: 5 },
    expect: (i) => {
      expect(i.status).toBe('not-done');
      expect(i.statusReason).toEqual({ coding: [{ system: ACT_REASON, code: 'RELIG', display: 'religious objection' }], text: 'religious objection' });
      expect(i.site).toBeUndefined();
      expect(i.route).toBeUndefined();
      expect(i.performer).toBeUndefined();
    },
  },
  {
    name: 'refused without a reason: the patient objection',
    row: { STATUS: 'R', NOT_GIVEN_REASON: null },
    expect: (i) => expect(i.statusReason.coding[0].code).toBe('PATOBJ'),
  },
  {
    name: 'not given, out of stock: the v3 code OSTOCK',
    row: { STATUS: 'N', NOT_GIVEN_REASON: 'OOSTOCK' },
    expect: (i) => {
      expect(i.status).toBe('not-done');
      expect(i.statusReason.coding[0].code).toBe('OSTOCK');
    },
  },
  {
    name: 'not given for an unknown reason: no statusReason',
    row: { STATUS: 'N', NOT_GIVEN_REASON: null },
    expect: (i) => expect(i.statusReason).toBeUndefined(),
  },
  {
    name: 'entered in error',
    row: { STATUS: 'E' },
    expect: (i) => expect(i.status).toBe('entered-in-error'),
  },
  {
    name: 'intradermal and intranasal routes, thigh site',
    row: { ROUTE_CODE: 'ID', SITE_CODE: 'RT' },
    expect: (i) => {
      expect(i.route.coding[0].code).toBe('IDINJ');
      expect(i.site.coding[0].code).toBe('RT');
    },
  },
  {
    name: 'unknown status, route, site and reason: reported; status data-absent',
    row: { STATUS: 'Q', ROUTE_CODE: 'XX', SITE_CODE: 'LB' },
    issues: ['IMMUNIZATION.STATUS:Q', 'IMMUNIZATION.ROUTE_CODE:XX', 'IMMUNIZATION.SITE_CODE:LB'],
    expect: (i) => {
      expect(i.status).toBeUndefined();
      expect(i._status).toEqual({ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] });
      expect(i.route).toBeUndefined();
      expect(i.site).toBeUndefined();
    },
  },
  {
    name: 'unknown not-given reason: reported, no statusReason',
    row: { STATUS: 'N', NOT_GIVEN_REASON: 'COST' },
    issues: ['IMMUNIZATION.NOT_GIVEN_REASON:COST'],
    expect: (i) => expect(i.statusReason).toBeUndefined(),
  },
];

describe('toImmunization', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const i = toImmunization(immunizationRow(c.row), ctx);
    c.expect(i as Json);
    expect(ctx.issues.map((x) => `${x.column}:${x.code}`).sort()).toEqual([...(c.issues ?? [])].sort());
    expectValidUsCore(i);
  });

  it('ids: the row key', () => {
    expect(parseImmunizationId('130')).toBe(130);
    expect(parseImmunizationId('imm-130')).toBeUndefined();
  });
});
