import { describe, expect, it } from '@jest/globals';
import { careTeamMemberRow } from '../testing/care-fixtures.js';
import { expectValidUsCore } from '../testing/expect-valid.js';
import { testContext } from '../testing/test-context.js';
import { CARE_TEAM_PROFILE, toCareTeam } from './care-team.mapper.js';

type Json = Record<string, any>;
type Row = Parameters<typeof careTeamMemberRow>[0];

const team: Row[] = [
  {},
  { CTM_ID: 131, PROV_ID: 8, ROLE_CODE: 'NURSE', START_DATE: null },
  { CTM_ID: 132, PROV_ID: null, CONTACT_ID: 30, ROLE_CODE: 'CAREGVR', START_DATE: '2023-05-01', END_DATE: '2024-01-31' },
];

const cases: Array<{ name: string; rows: Row[]; issues?: string[]; expect: (t: Json) => void }> = [
  {
    name: 'providers as PractitionerRole, caregiver as RelatedPerson, the patient as a member; SNOMED roles and periods',
    rows: team,
    expect: (t) => {
      expect(t.id).toBe('12');
      expect(t.meta.profile).toEqual([CARE_TEAM_PROFILE]);
      expect(t.meta.lastUpdated).toBe('2024-03-02T16:40:00-05:00');
      expect(t.status).toBe('active');
      expect(t.subject).toEqual({ reference: 'Patient/12' });
      expect(t.participant.map((p: Json) => [p.member.reference, p.role[0].coding[0].code, p.period])).toEqual([
        ['PractitionerRole/5', '453231000124104', { start: '2020-01-15' }],
        ['PractitionerRole/8', '106292003', undefined],
        ['RelatedPerson/contact-30', '133932002', { start: '2023-05-01', end: '2024-01-31' }],
        ['Patient/12', '116154003', undefined],
      ]);
    },
  },
  {
    name: 'every member ended: inactive',
    rows: [{ END_DATE: '2024-01-01' }],
    expect: (t) => expect(t.status).toBe('inactive'),
  },
  {
    name: 'every role code',
    rows: ['SPEC', 'CM', 'PHARM', 'SW'].map((r, i) => ({ CTM_ID: 140 + i, ROLE_CODE: r })),
    expect: (t) => expect(t.participant.map((p: Json) => p.role[0].coding[0].code)).toEqual(['69280009', '768730001', '46255001', '106328005', '116154003']),
  },
  {
    name: 'unknown role: reported, data-absent role; a member with no one to reference: reported and left out',
    rows: [{ ROLE_CODE: 'DIET' }, { CTM_ID: 131, PROV_ID: null, CONTACT_ID: null }],
    issues: ['CARE_TEAM_MEMBER.ROLE_CODE:DIET', 'CARE_TEAM_MEMBER.PROV_ID:NULL'],
    expect: (t) => {
      expect(t.participant).toHaveLength(2);
      expect(t.participant[0].role[0].coding[0]).toMatchObject({ system: 'http://terminology.hl7.org/CodeSystem/data-absent-reason', code: 'unknown' });
    },
  },
  {
    name: "another patient's rows are not part of the team",
    rows: [{}, { CTM_ID: 199, PAT_ID: 13, PROV_ID: 9 }],
    expect: (t) => expect(t.participant.map((p: Json) => p.member.reference)).toEqual(['PractitionerRole/5', 'Patient/12']),
  },
];

describe('toCareTeam', () => {
  it.each(cases)('$name', (c) => {
    const ctx = testContext();
    const careTeam = toCareTeam(12, c.rows.map(careTeamMemberRow), ctx);
    c.expect(careTeam as Json);
    expect(ctx.issues.map((i) => `${i.column}:${i.code}`).sort()).toEqual([...(c.issues ?? [])].sort());
    expectValidUsCore(careTeam);
  });

  it('no member rows: no CareTeam', () => {
    expect(toCareTeam(12, [], testContext())).toBeUndefined();
    expect(toCareTeam(12, [careTeamMemberRow({ PAT_ID: 13 })], testContext())).toBeUndefined();
  });

  it('versionId changes when a member is edited, added or removed, and not on row order', () => {
    const rows = team.map(careTeamMemberRow);
    const version = (r: typeof rows) => toCareTeam(12, r, testContext())!.meta!.versionId;
    const base = version(rows);
    expect(version([...rows].reverse())).toBe(base);
    expect(version([rows[0], { ...rows[1], ROW_VER: 2 }, rows[2]])).not.toBe(base);
    expect(version(rows.slice(0, 2))).not.toBe(base);
    expect(version([...rows, careTeamMemberRow({ CTM_ID: 133, ROLE_CODE: 'SW' })])).not.toBe(base);
    expect(base).toMatch(/^[0-9]{1,10}$/);
  });
});
