import { describe, expect, it } from '@jest/globals';
import type { LegacyPatContact, LegacyPatientRace } from '#facade/legacy-db';
import { EXTENSION } from '../common/systems.js';
import { expectValidUsCore, ext } from '../testing/expect-valid.js';
import { contactRow, patientRow } from '../testing/fixtures.js';
import { testContext } from '../testing/test-context.js';
import { toPatient } from './patient.mapper.js';

type Json = Record<string, any>;

const race = (RACE_CODE: string, SEQ: number): LegacyPatientRace => ({ PAT_ID: 12, RACE_CODE, SEQ });

interface Case {
  name: string;
  patient?: Parameters<typeof patientRow>[0];
  races?: LegacyPatientRace[];
  contacts?: LegacyPatContact[];
  expect: (p: Json) => void;
  issues?: string[];
}

const cases: Case[] = [
  {
    name: 'full chart: identifiers, official name, telecom, address, language, marital status, PCP, practice',
    races: [race('2106-3', 1), race('2108-9', 2)],
    contacts: [contactRow()],
    expect: (p) => {
      expect(p.id).toBe('12');
      expect(p.meta).toEqual({
        versionId: '4', // PATIENT.ROW_VER 3 + the contact's ROW_VER 1 (the version covers the contacts)
        lastUpdated: '2024-03-02T16:40:00-05:00',
        profile: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient|6.1.0'],
      });
      expect(p.identifier.map((i: Json) => [i.type.coding[0].code, i.system, i.value])).toEqual([
        ['MR', 'urn:oid:2.16.840.1.113883.3.9999.1', 'MRN000012'],
        ['SS', 'http://hl7.org/fhir/sid/us-ssn', '999-12-3456'],
      ]);
      expect(p.name).toEqual([{ use: 'official', text: 'Ms. Maria Elena Rivera', family: 'Rivera', given: ['Maria', 'Elena'], prefix: ['Ms.'] }]);
      expect(p.active).toBe(true);
      expect(p.gender).toBe('female');
      expect(p.birthDate).toBe('1980-07-14');
      expect(p.telecom).toEqual([
        { system: 'phone', value: '(617) 555-0111', use: 'home' },
        { system: 'phone', value: '(617) 555-0112', use: 'mobile' },
        { system: 'email', value: 'maria.rivera@mail.example', use: 'home' },
      ]);
      expect(p.address[0]).toMatchObject({ line: ['22 Elm St', 'Apt 3'], city: 'Cambridge', district: 'Middlesex', state: 'MA', postalCode: '02139' });
      expect(p.communication[0].language.coding[0]).toEqual({ system: 'urn:ietf:bcp:47', code: 'es' });
      expect(p.maritalStatus.coding[0].code).toBe('M');
      expect(p.generalPractitioner).toEqual([{ reference: 'Practitioner/5' }]);
      expect(p.managingOrganization).toEqual({ reference: 'Organization/practice-1' });
      expect(p.contact[0].relationship.map((r: Json) => r.coding[0].code)).toEqual(['SPS', 'C']);
      expect(p.contact[0].telecom[0].value).toBe('(617) 555-0113');
      expect(ext(p, EXTENSION.birthsex)).toEqual({ url: EXTENSION.birthsex, valueCode: 'F' });
    },
  },
  {
    name: 'race: OMB category vs detailed code, text from both',
    races: [race('2108-9', 2), race('2106-3', 1)],
    expect: (p) => {
      const r = ext(p, EXTENSION.race) as Json;
      expect(r.extension).toEqual([
        { url: 'ombCategory', valueCoding: { system: 'urn:oid:2.16.840.1.113883.6.238', code: '2106-3', display: 'White' } },
        { url: 'detailed', valueCoding: { system: 'urn:oid:2.16.840.1.113883.6.238', code: '2108-9', display: 'European' } },
        { url: 'text', valueString: 'White, European' },
      ]);
      const e = ext(p, EXTENSION.ethnicity) as Json;
      expect(e.extension[0].valueCoding.code).toBe('2135-2');
      expect(e.extension.at(-1)).toEqual({ url: 'text', valueString: 'Hispanic or Latino' });
    },
  },
  {
    name: 'race declined (ASKU) is a null-flavor OMB category',
    races: [race('ASKU', 1)],
    patient: { ETHNICITY_CODE: 'UNK' },
    expect: (p) => {
      expect((ext(p, EXTENSION.race) as Json).extension[0].valueCoding).toEqual({
        system: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor', code: 'ASKU', display: 'Asked but no answer',
      });
      expect((ext(p, EXTENSION.ethnicity) as Json).extension[0].valueCoding.code).toBe('UNK');
    },
  },
  {
    name: 'preferred name becomes a usual name, previous last name an old name',
    patient: { PREFERRED_NAME: 'Mari', PREV_LAST_NAME: 'Gonzalez', NAME_PREFIX: null },
    expect: (p) => {
      expect(p.name.map((n: Json) => [n.use, n.family, n.given.join(' ')])).toEqual([
        ['official', 'Rivera', 'Maria Elena'],
        ['usual', 'Rivera', 'Mari'],
        ['old', 'Gonzalez', 'Maria'],
      ]);
    },
  },
  {
    name: 'merged chart: inactive and replaced-by the survivor',
    patient: { MERGED_INTO_PAT_ID: 99 },
    expect: (p) => {
      expect(p.active).toBe(false);
      expect(p.link).toEqual([{ other: { reference: 'Patient/99' }, type: 'replaced-by' }]);
    },
  },
  {
    name: 'inactive chart',
    patient: { INACTIVE_YN: 'Y' },
    expect: (p) => {
      expect(p.active).toBe(false);
      expect(p.link).toBeUndefined();
    },
  },
  {
    name: 'deceased without a date: deceasedBoolean, never an invented date',
    patient: { DECEASED_YN: 'Y', DECEASED_DATE: null },
    expect: (p) => {
      expect(p.deceasedBoolean).toBe(true);
      expect(p.deceasedDateTime).toBeUndefined();
    },
  },
  {
    name: 'deceased in the spring-forward gap: moved forward by the gap with the daylight offset',
    patient: { DECEASED_YN: 'Y', DECEASED_DATE: '2024-03-10T02:30:00' },
    expect: (p) => {
      expect(p.deceasedDateTime).toBe('2024-03-10T03:30:00-04:00');
      expect(p.deceasedBoolean).toBeUndefined();
    },
  },
  {
    name: 'gender identity (6.1.0 extension) from the local code',
    patient: { GENDER_IDENTITY: 'TF', BIRTH_SEX: 'M', SEX: 'F' },
    expect: (p) => {
      expect((ext(p, EXTENSION.genderIdentity) as Json).valueCodeableConcept.coding[0]).toMatchObject({
        system: 'http://snomed.info/sct', code: '407376001',
      });
      expect((ext(p, EXTENSION.birthsex) as Json).valueCode).toBe('M');
    },
  },
  {
    name: 'birth sex unknown (U) is UNK',
    patient: { BIRTH_SEX: 'U' },
    expect: (p) => expect((ext(p, EXTENSION.birthsex) as Json).valueCode).toBe('UNK'),
  },
  {
    name: 'birth sex not asked (NULL): no birthsex extension; no SSN, no phones',
    patient: { BIRTH_SEX: null, SSN: null, CELL_PHONE: null, EMAIL: null, HOME_PHONE: null },
    expect: (p) => {
      expect(ext(p, EXTENSION.birthsex)).toBeUndefined();
      expect(p.identifier).toHaveLength(1);
      expect(p.telecom).toBeUndefined();
    },
  },
  {
    name: 'unknown local codes are reported and get a safe value',
    patient: { SEX: 'Z', MARITAL_STATUS: 'Q', GENDER_IDENTITY: 'XX', ETHNICITY_CODE: 'latino' },
    contacts: [contactRow({ RELATION_CODE: 'COUSIN', IS_EMERGENCY_YN: 'N' })],
    issues: ['PATIENT.SEX:Z', 'PATIENT.MARITAL_STATUS:Q', 'PATIENT.GENDER_IDENTITY:XX', 'PATIENT.ETHNICITY_CODE:LATINO', 'PAT_CONTACT.RELATION_CODE:COUSIN'],
    expect: (p) => {
      expect(p.gender).toBe('unknown');
      expect(p.maritalStatus).toBeUndefined();
      expect(ext(p, EXTENSION.genderIdentity)).toBeUndefined();
      expect(ext(p, EXTENSION.ethnicity)).toBeUndefined();
      expect(p.contact[0].relationship).toBeUndefined();
      expect(p.contact[0].name.family).toBe('Rivera');
    },
  },
  {
    name: 'inactive contacts are left out',
    contacts: [contactRow({ ACTIVE_YN: 'N' }), contactRow({ CONTACT_ID: 31, RELATION_CODE: 'GRD', IS_EMERGENCY_YN: 'N', IS_GUARDIAN_YN: 'Y' })],
    expect: (p) => {
      expect(p.contact).toHaveLength(1);
      expect(p.contact[0].relationship.map((r: Json) => r.coding[0].code)).toEqual(['GUARD']);
    },
  },
];

describe('toPatient', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const patient = toPatient({ patient: patientRow(c.patient), races: c.races ?? [], contacts: c.contacts ?? [] }, ctx);
    c.expect(patient as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`)).toEqual(c.issues ?? []);
    expectValidUsCore(patient);
  });

  it('never puts patient values in reported issues', () => {
    const ctx = testContext();
    toPatient({ patient: patientRow({ MARITAL_STATUS: 'Q' }), races: [], contacts: [] }, ctx);
    expect(JSON.stringify(ctx.issues)).not.toMatch(/Rivera|MRN000012|999-12/);
  });
});
