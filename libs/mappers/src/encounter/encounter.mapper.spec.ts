import { describe, expect, it } from '@jest/globals';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { visitRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { toEncounter } from './encounter.mapper.js';

type Json = Record<string, any>;

const cases: Array<{ name: string; row: Parameters<typeof visitRow>[0]; issues?: string[]; expect: (e: Json) => void }> = [
  {
    name: 'finished office visit: AMB class, CPT + local type, period with offsets, ICD-10 with dot + SNOMED reason',
    row: {},
    expect: (e) => {
      expect(e.id).toBe('40');
      expect(e.status).toBe('finished');
      expect(e.class).toEqual({ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'AMB', display: 'ambulatory' });
      expect(e.type[0].coding.map((c: Json) => `${c.system}|${c.code}`)).toEqual([
        'http://www.ama-assn.org/go/cpt|99213',
        'urn:ehr-facade:local:visit-type|OV',
      ]);
      expect(e.period).toEqual({ start: '2024-03-01T09:00:00-05:00', end: '2024-03-01T09:30:00-05:00' });
      expect(e.reasonCode[0]).toEqual({
        coding: [
          { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'E11.9' },
          { system: 'http://snomed.info/sct', code: '44054006' },
        ],
        text: 'Diabetes follow-up',
      });
      expect(e.participant[0].individual).toEqual({ reference: 'Practitioner/5' });
      expect(e.location).toEqual([{ location: { reference: 'Location/3' } }]);
      expect(e.serviceProvider).toEqual({ reference: 'Organization/practice-1' });
      expect(e.subject).toEqual({ reference: 'Patient/12' });
      expect(e.identifier[0].value).toBe('40');
    },
  },
  {
    name: 'emergency visit',
    row: { VISIT_TYPE: 'ER', CPT_CODE: null },
    expect: (e) => {
      expect(e.class.code).toBe('EMER');
      expect(e.type[0].coding).toHaveLength(1);
      expect(e.type[0].text).toBe('Emergency department visit');
    },
  },
  {
    name: 'inpatient stay with discharge disposition (NUBC)',
    row: { VISIT_TYPE: 'IP', DISCH_DISPOSITION: 'SNF', END_DT: '2024-03-05T11:00:00' },
    expect: (e) => {
      expect(e.class.code).toBe('IMP');
      expect(e.hospitalization.dischargeDisposition.coding[0]).toMatchObject({ system: 'http://www.nubc.org/patient-discharge', code: '03' });
    },
  },
  {
    name: 'telehealth and home visits: VR and HH',
    row: { VISIT_TYPE: 'TEL' },
    expect: (e) => expect(e.class.code).toBe('VR'),
  },
  {
    name: 'scheduled visit in the future: planned, no end, no provider or facility',
    row: { VISIT_STATUS: 'SCH', END_DT: null, PROV_ID: null, FACILITY_ID: null, REASON_ICD10: null, REASON_SNOMED: null, REASON_TEXT: null },
    expect: (e) => {
      expect(e.status).toBe('planned');
      expect(e.period).toEqual({ start: '2024-03-01T09:00:00-05:00' });
      expect(e.participant).toBeUndefined();
      expect(e.location).toBeUndefined();
      expect(e.reasonCode).toBeUndefined();
    },
  },
  {
    name: 'no-show is cancelled; fall-back overlap time takes the earlier (daylight) offset',
    row: { VISIT_STATUS: 'NOSHOW', START_DT: '2024-11-03T01:30:00', END_DT: null },
    expect: (e) => {
      expect(e.status).toBe('cancelled');
      expect(e.period.start).toBe('2024-11-03T01:30:00-04:00');
    },
  },
  {
    name: 'unknown visit type and status: reported; class data-absent, status unknown',
    row: { VISIT_TYPE: 'XRAY', VISIT_STATUS: 'HOLD', REASON_ICD10: '12' },
    issues: ['VISIT.VISIT_TYPE:XRAY', 'VISIT.VISIT_STATUS:HOLD', 'VISIT.REASON_ICD10:12'],
    expect: (e) => {
      expect(e.status).toBe('unknown');
      expect(e.class).toEqual({ _code: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] } });
      expect(e.type[0].coding).toEqual([
        { system: 'http://www.ama-assn.org/go/cpt', code: '99213' },
        { system: 'urn:ehr-facade:local:visit-type', code: 'XRAY' },
      ]);
      expect(e.reasonCode[0].coding).toEqual([{ system: 'http://snomed.info/sct', code: '44054006' }]);
    },
  },
];

describe('toEncounter', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const e = toEncounter(visitRow(c.row), ctx, 1);
    c.expect(e as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues ?? []);
    expectValidUsCore(e);
  });
});
