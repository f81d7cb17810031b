import { describe, expect, it } from '@jest/globals';
import type { LegacyPatContact } from '#facade/legacy-db';
import { contactRow, patientRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { toPatient } from './patient.mapper.js';
import { fromPatient } from './patient.reverse-mapper.js';
import { fromPatientContacts } from './patient-contact.reverse-mapper.js';
import type { WriteIssue } from '../common/reverse.js';

type R = Record<string, any>;
const COLUMNS = ['RELATION_CODE', 'LAST_NAME', 'FIRST_NAME', 'PHONE', 'EMAIL', 'ADDR1', 'CITY', 'STATE', 'ZIP', 'IS_EMERGENCY_YN', 'IS_GUARDIAN_YN'] as const;
const served = (contacts: LegacyPatContact[]) => toPatient({ patient: patientRow(), races: [], contacts }, testContext()) as unknown as R;
const columnsOf = (c: LegacyPatContact) => Object.fromEntries(COLUMNS.map((k) => [k, c[k]]));

describe('fromPatientContacts (PAT_CONTACT reverse mapper)', () => {
  const spouse = contactRow({ CONTACT_ID: 30, RELATION_CODE: 'SPS', IS_EMERGENCY_YN: 'Y', EMAIL: 'jose@example.org', ADDR1: '1 Main St', CITY: 'Boston', STATE: 'MA', ZIP: '02110' });
  const mother = contactRow({ CONTACT_ID: 31, RELATION_CODE: 'MTH', FIRST_NAME: 'Rosa', IS_EMERGENCY_YN: 'N', IS_GUARDIAN_YN: 'Y', PHONE: null });
  const current = served([spouse, mother]);

  it('serves each contact with its row as element id, and the version covers the contact rows', () => {
    expect(current.contact.map((c: R) => c.id)).toEqual(['contact-30', 'contact-31']);
    expect(served([spouse, { ...mother, ROW_VER: 4 }]).meta.versionId).toBe(String(patientRow().ROW_VER + 1 + 4));
    // An inactive contact is not shown but its row still counts: deactivating it is a new version.
    expect(served([spouse, { ...mother, ACTIVE_YN: 'N', ROW_VER: 2 }]).meta.versionId).toBe(String(patientRow().ROW_VER + 3));
  });

  it('round-trips: every served contact, sent back without its id, gives its columns again', () => {
    const issues: WriteIssue[] = [];
    const added = fromPatientContacts(current.contact.map(({ id: _id, ...c }: R) => c), [], issues);
    expect(issues).toEqual([]);
    expect(added).toEqual({ add: [columnsOf(spouse), columnsOf(mother)], change: [], remove: [] });
  });

  it('keeps unchanged contacts, changes edited ones, adds new ones, soft-deletes left-out ones', () => {
    const issues: WriteIssue[] = [];
    const edited = { ...current.contact[0], telecom: [{ system: 'phone', value: '+1 617 555 0199' }], name: { family: 'Rivera', given: ['José'] } };
    const added = { relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'FRND' }] }], name: { family: 'Kim' } };
    expect(fromPatientContacts([edited, added], current.contact, issues)).toEqual({
      add: [{ RELATION_CODE: 'FRND', LAST_NAME: 'Kim', FIRST_NAME: null, PHONE: null, EMAIL: null, ADDR1: null, CITY: null, STATE: null, ZIP: null, IS_EMERGENCY_YN: 'N', IS_GUARDIAN_YN: 'N' }],
      change: [{ CONTACT_ID: 30, columns: { ...columnsOf(spouse), FIRST_NAME: 'José', PHONE: '6175550199', EMAIL: null } }],
      remove: [31],
    });
    expect(issues).toEqual([]);
    expect(fromPatientContacts(current.contact, current.contact, issues)).toEqual({ add: [], change: [], remove: [] });
  });

  it('refuses unmapped relationships, unknown ids, unstorable elements and missing values (422 issues naming them)', () => {
    const issues: WriteIssue[] = [];
    fromPatientContacts(
      [
        { relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'COUSN' }] }], name: { family: 'X' } },
        { ...current.contact[0], id: 'contact-99' },
        { relationship: current.contact[1].relationship, name: { given: ['A', 'B'] }, gender: 'female', telecom: [{ system: 'fax', value: '1' }] },
      ],
      current.contact,
      issues,
    );
    expect(issues.map((i) => `${i.code} ${i.expression}`).sort()).toEqual([
      'business-rule Patient.contact[1].id',
      'not-supported Patient.contact[0].relationship[0].coding[0]',
      'not-supported Patient.contact[2].gender',
      'not-supported Patient.contact[2].name.given[1]',
      'not-supported Patient.contact[2].telecom[0]',
      'required Patient.contact[2].name.family',
    ]);
  });

  it('is part of the Patient reverse mapper (contacts no longer read-only)', () => {
    const back = fromPatient({ ...current, contact: [current.contact[1]] }, current);
    expect(back.ok && back.row.contacts).toEqual({ add: [], change: [], remove: [30] });
  });
});
