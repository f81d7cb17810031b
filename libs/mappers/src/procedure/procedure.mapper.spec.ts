import { describe, expect, it } from '@jest/globals';
import type { LegacyProcedures } from '#facade/legacy-db';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { procedureRow } from '../testing/medication-fixtures.js';
import { testContext } from '../testing/test-context.js';
import { parseProcedureId, toProcedure } from './procedure.mapper.js';

type Json = Record<string, any>;

const cases: Array<{ name: string; row: Partial<LegacyProcedures>; issues?: string[]; expect: (p: Json) => void }> = [
  {
    name: 'completed with start and end: CPT + SNOMED codes, performedPeriod, performer, reason, location',
    row: {},
    expect: (p) => {
      expect(p.id).toBe('140');
      expect(p.status).toBe('completed');
      expect(p.code).toEqual({
        coding: [
          { system: 'http://www.ama-assn.org/go/cpt', code: '45378', display: 'Colonoscopy' },
          { system: 'http://snomed.info/sct', code: '73761001', display: 'Colonoscopy' },
        ],
        text: 'Colonoscopy',
      });
      expect(p.subject).toEqual({ reference: 'Patient/12' });
      expect(p.encounter).toEqual({ reference: 'Encounter/40' });
      expect(p.performedPeriod).toEqual({ start: '2024-03-01T10:00:00-05:00', end: '2024-03-01T10:45:00-05:00' });
      expect(p.performedDateTime).toBeUndefined();
      expect(p.performer).toEqual([{ actor: { reference: 'Practitioner/5' } }]);
      expect(p.location).toEqual({ reference: 'Location/3' });
      expect(p.reasonCode).toEqual([{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'Z12.11' }] }]);
    },
  },
  {
    name: 'HCPCS and ICD-10-PCS codes, body site',
    row: { CPT_CODE: null, SNOMED_CODE: null, HCPCS_CODE: 'g0438', ICD10PCS_CODE: '0JH60DZ', DESCRIPTION: 'Annual wellness visit', BODY_SITE_SNOMED: '51185008' },
    expect: (p) => {
      expect(p.code.coding).toEqual([
        { system: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', code: 'G0438', display: 'Annual wellness visit' },
        { system: 'http://www.cms.gov/Medicare/Coding/ICD10', code: '0JH60DZ', display: 'Annual wellness visit' },
      ]);
      expect(p.bodySite).toEqual([{ coding: [{ system: 'http://snomed.info/sct', code: '51185008' }] }]);
    },
  },
  {
    name: 'in progress, start only: performedDateTime',
    row: { STATUS: 'I', PERFORMED_END: null },
    expect: (p) => {
      expect(p.status).toBe('in-progress');
      expect(p.performedDateTime).toBe('2024-03-01T10:00:00-05:00');
      expect(p.performedPeriod).toBeUndefined();
    },
  },
  {
    name: 'start equal to end: an instant, not a zero-length period',
    row: { PERFORMED_END: '2024-03-01T10:00:00' },
    expect: (p) => expect(p.performedDateTime).toBe('2024-03-01T10:00:00-05:00'),
  },
  {
    name: 'not done: status not-done, no performed time',
    row: { STATUS: 'N' },
    expect: (p) => {
      expect(p.status).toBe('not-done');
      expect(p.performedPeriod).toBeUndefined();
      expect(p.performedDateTime).toBeUndefined();
    },
  },
  {
    name: 'scheduled: preparation, the planned time is not a performance',
    row: { STATUS: 'S', PERFORMED_END: null, VISIT_ID: null },
    expect: (p) => {
      expect(p.status).toBe('preparation');
      expect(p.performedDateTime).toBeUndefined();
    },
  },
  {
    name: 'entered in error keeps its times',
    row: { STATUS: 'E' },
    expect: (p) => {
      expect(p.status).toBe('entered-in-error');
      expect(p.performedPeriod.start).toBe('2024-03-01T10:00:00-05:00');
    },
  },
  {
    name: 'completed without a time: reported, data-absent performedDateTime (us-core-7)',
    row: { PERFORMED_START: null, PERFORMED_END: null },
    issues: ['PROCEDURES.PERFORMED_START:NULL'],
    expect: (p) => expect(p._performedDateTime).toEqual({ extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] }),
  },
  {
    name: 'no code at all: the description as text',
    row: { CPT_CODE: null, SNOMED_CODE: null, DESCRIPTION: 'Ear irrigation' },
    expect: (p) => expect(p.code).toEqual({ text: 'Ear irrigation' }),
  },
  {
    name: 'unknown status, malformed reason: reported; status unknown',
    row: { STATUS: 'W', REASON_ICD10: '9' },
    issues: ['PROCEDURES.STATUS:W', 'PROCEDURES.REASON_ICD10:9'],
    expect: (p) => {
      expect(p.status).toBe('unknown');
      expect(p.reasonCode).toBeUndefined();
    },
  },
];

describe('toProcedure', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const p = toProcedure(procedureRow(c.row), ctx);
    c.expect(p as Json);
    expect(ctx.issues.map((x) => `${x.column}:${x.code}`).sort()).toEqual([...(c.issues ?? [])].sort());
    expectValidUsCore(p);
  });

  it('ids: the row key', () => {
    expect(parseProcedureId('140')).toBe(140);
    expect(parseProcedureId('-1')).toBeUndefined();
  });
});
