import { describe, expect, it } from '@jest/globals';
import { contactRow, patientRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { toPatient } from './patient.mapper.js';
import { fromPatient } from './patient.reverse-mapper.js';

const WRITABLE = ['LAST_NAME', 'FIRST_NAME', 'MIDDLE_NAME', 'NAME_PREFIX', 'NAME_SUFFIX', 'PREFERRED_NAME', 'PREV_LAST_NAME', 'ADDR1', 'ADDR2', 'CITY', 'STATE', 'ZIP', 'COUNTY', 'HOME_PHONE', 'CELL_PHONE', 'WORK_PHONE', 'EMAIL', 'LANGUAGE_CODE'];

describe('fromPatient (PATIENT reverse mapper, update)', () => {
  const row = patientRow({ MIDDLE_NAME: 'Q', NAME_PREFIX: 'Dr.', NAME_SUFFIX: 'Jr.', PREFERRED_NAME: 'Sam', PREV_LAST_NAME: 'Old', ADDR2: 'Apt 1', COUNTY: 'Suffolk', HOME_PHONE: '6175550100', CELL_PHONE: '6175550101', WORK_PHONE: '6175550102', EMAIL: 'a@example.org', LANGUAGE_CODE: 'en' });
  const resource = toPatient({ patient: row, races: [], contacts: [contactRow({ PAT_ID: row.PAT_ID })] }, testContext()) as unknown as Record<string, unknown>;

  it('round-trips the writable columns: row -> Patient -> the same columns', () => {
    const back = fromPatient(resource, resource);
    const expected = Object.fromEntries(WRITABLE.map((c) => [c, (row as unknown as Record<string, unknown>)[c] ?? null]));
    expect(back).toEqual({ ok: true, row: { PAT_ID: row.PAT_ID, ...expected, contacts: { add: [], change: [], remove: [] } } });
  });

  it('refuses changes to read-only elements (MRN, practice) naming them', () => {
    const changed = { ...resource, identifier: [], managingOrganization: { reference: 'Organization/practice-99' }, active: false };
    const back = fromPatient(changed, resource);
    expect(back.ok ? [] : back.issues.map((i) => i.expression)).toEqual(['Patient.identifier', 'Patient.active', 'Patient.managingOrganization']);
  });
});
