/**
 * CareTeam (CARE_TEAM_MEMBER): one care team per patient, so the source is PATIENT (charts with at least one member)
 * with the member rows as children. Member searches (participant, role, status) look into the member rows.
 * The schema keeps no team row: the team's stamp (meta.lastUpdated) is its latest member UPDATED_AT, which
 * `_lastUpdated` searches compare (a MAX sub-query); `_sort=_lastUpdated` orders by PATIENT.UPDATED_AT.
 */
import { CareTeamMemberTable, PatientTable } from '#facade/legacy-db';
import { CARE_TEAM_IDS } from '#facade/mappers/src/care-team/care-team.ids.js';
import { CARE_TEAM_PROFILE, CARE_TEAM_ROLE, relatedPersonContactId, toCareTeam, parseKey, prefixedIds, SYSTEM } from '#facade/mappers';
import { PRACTITIONER_ROLE_IDS } from '#facade/mappers/src/practitioner-role/practitioner-role.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { reverseCodes } from '../engine/registry/target-helpers.js';
import { or, type Cond, type ParamBag } from '../engine/sql/sql-fragment.js';
import { childColumn, quoteIdent } from './child-rows-sql.js';

const MEMBERS = 'CARE_TEAM_MEMBER';
const CONTACT_IDS = prefixedIds('contact');
const roleToDb = reverseCodes(CARE_TEAM_ROLE, (c) => c.code);
const PATIENT_ROLE = '116154003';

/** "Some member row of this patient satisfies `where`" (an EXISTS over CARE_TEAM_MEMBER). */
function anyMember(bag: ParamBag, where: (col: (c: string) => string) => string): Cond {
  const col = (c: string) => childColumn(bag.dialect, MEMBERS, c);
  return { sql: `EXISTS (SELECT 1 FROM ${quoteIdent(bag.dialect, MEMBERS)} WHERE ${col('PAT_ID')} = ct.PAT_ID AND ${where(col)})` };
}

/** One `participant` value: the patient, a provider's PractitionerRole or a caregiver's RelatedPerson. */
function participant(type: string | undefined, id: string, bag: ParamBag): Cond {
  if (type === 'Patient' || type === undefined) {
    const key = parseKey(id);
    if (key !== undefined) return { sql: `ct.PAT_ID = ${bag.bind(key)}` };
  }
  if (type === 'PractitionerRole' || type === undefined) {
    const key = PRACTITIONER_ROLE_IDS.parse(id)?.key;
    if (key !== undefined) return anyMember(bag, (c) => `${c('PROV_ID')} = ${bag.bind(key)}`);
  }
  if (type === 'RelatedPerson' || type === undefined) {
    const key = CONTACT_IDS.parse(id)?.key;
    if (key !== undefined) return anyMember(bag, (c) => `${c('CONTACT_ID')} = ${bag.bind(key)}`);
  }
  return false;
}

const careTeams = sourceOf(PatientTable, { children: { members: { table: CareTeamMemberTable, fk: 'PAT_ID' } } })({
  key: 'careteam',
  alias: 'ct',
  profiles: [CARE_TEAM_PROFILE],
  ids: CARE_TEAM_IDS,
  baseWhere: `EXISTS (SELECT 1 FROM "${MEMBERS}" WHERE "${MEMBERS}"."PAT_ID" = ct.PAT_ID)`,
  patientColumn: 'ct.PAT_ID',
  practiceColumn: 'ct.PRACTICE_ID',
  lastUpdatedSql: (d) => `(SELECT MAX(${childColumn(d, MEMBERS, 'UPDATED_AT')}) FROM ${quoteIdent(d, MEMBERS)} WHERE ${childColumn(d, MEMBERS, 'PAT_ID')} = ct.PAT_ID)`,
  targets: {
    patient: { kind: 'reference', column: 'ct.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'ct.PAT_ID', to: 'Patient' },
    status: {
      kind: 'token',
      columns: [{
        system: 'http://hl7.org/fhir/care-team-status',
        custom: (code, bag) => {
          const open = anyMember(bag, (c) => `${c('END_DATE')} IS NULL`);
          return code === 'active' ? open : code === 'inactive' ? { sql: `NOT ${(open as { sql: string }).sql}` } : false;
        },
      }],
    },
    role: {
      kind: 'token',
      columns: [{
        system: SYSTEM.snomed,
        custom: (code, bag) => {
          if (code === PATIENT_ROLE) return true;
          const local = roleToDb(code);
          return local ? anyMember(bag, (c) => `${c('ROLE_CODE')} IN (${local.map((l) => bag.bind(l)).join(', ')})`) : false;
        },
      }],
    },
    participant: {
      kind: 'custom',
      type: 'reference',
      targetTypes: ['Patient', 'PractitionerRole', 'RelatedPerson'],
      build: (clause, bag) => or(clause.values.map((v) => (v.kind === 'reference' ? participant(clause.modifier ?? v.value.type, v.value.id, bag) : false))),
    },
  },
  references: (row) => ({
    participant: [
      ...row.members.flatMap((m) => (m.PROV_ID ? [`PractitionerRole/${PRACTITIONER_ROLE_IDS.format(m.PROV_ID)}`] : m.CONTACT_ID ? [`RelatedPerson/${relatedPersonContactId(m.CONTACT_ID)}`] : [])),
      `Patient/${CARE_TEAM_IDS.format(row.PAT_ID)}`,
    ],
  }),
  // The member table has no CREATED_* columns: Provenance from the members' last update, by an interface.
  audit: (row) => {
    const team = toCareTeam(row.PAT_ID, row.members, { baseUrl: '', timeZone: 'UTC', identifierSystems: { mrn: '', ssn: '', npi: '', practice: '' }, report: () => undefined });
    const updated = row.members.reduce((max, m) => (m.UPDATED_AT > max ? m.UPDATED_AT : max), row.members[0]?.UPDATED_AT ?? row.UPDATED_AT);
    return { CREATED_AT: updated, CREATED_BY: null, UPDATED_AT: updated, UPDATED_BY: null, ROW_VER: Number(team?.meta?.versionId ?? 1), patientId: row.PAT_ID, practiceId: row.PRACTICE_ID };
  },
  map: (row, ctx) => {
    const team = toCareTeam(row.PAT_ID, row.members, ctx);
    return team ? (team as unknown as FhirResource) : [];
  },
});

/** CareTeam (US Core 6.1.0). */
export const careTeamResource: ResourceEntry = {
  type: 'CareTeam',
  inPatientCompartment: true,
  sources: [careTeams],
  notSupported: {
    'CareTeam:participant:Practitioner': 'providers are referenced through their PractitionerRole (US Core SHOULD), which references the Practitioner',
  },
};
