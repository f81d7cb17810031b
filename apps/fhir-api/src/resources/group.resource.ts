/**
 * Group (base R4, not a US Core profile): the patient panels the Bulk export offers (`Group/[id]/$export`). One
 * Group per practice (PRACTICE + its PATIENT rows: `practice-<PRACTICE_ID>`) and one per provider's primary-care
 * panel (PROVIDER + the PATIENT rows naming them as PCP: `pcp-<PROV_ID>`); membership is `group-membership.ts`.
 * Members are child rows (seven PATIENT columns each; PATIENT has no index on PRACTICE_ID or PCP_PROV_ID, so a
 * page of Groups scans PATIENT once per child statement). Practice data outside the patient compartment: only
 * user/ and system/ scopes of a practice reach it, confined to that practice (`practiceOnly`).
 */
import { PatientTable, PracticeTable, ProviderTable } from '#facade/legacy-db';
import { GROUP_KIND_SYSTEM, GROUP_MEMBER_COLUMNS, toPcpGroup, toPracticeGroup } from '#facade/mappers';
import { PATIENT_IDS } from '#facade/mappers/src/patient/patient.ids.js';
import { PCP_GROUP_IDS, PRACTICE_GROUP_IDS } from '#facade/mappers/src/group/group.ids.js';
import type { SearchClause } from '#facade/fhir';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import type { Cond, ParamBag } from '../engine/sql/sql-fragment.js';
import { hasMemberCondition } from './group-membership.js';

const GROUP_TYPE = 'http://hl7.org/fhir/group-type';

/** `member=Patient/<id>` (or a bare id): Groups having one of these charts as a member. */
function memberSearch(owner: { practiceId: string; provId?: string }) {
  return (clause: SearchClause, bag: ParamBag): Cond => {
    const keys = clause.values.flatMap((v) => {
      if (v.kind !== 'reference') return [];
      const type = clause.modifier ?? v.value.type;
      if (type !== undefined && type !== 'Patient') return [];
      const key = PATIENT_IDS.parse(v.value.id)?.key;
      return key === undefined ? [] : [key];
    });
    return hasMemberCondition([...new Set(keys)], bag, owner);
  };
}

const panelTargets = (code: string) =>
  ({
    type: { kind: 'token', columns: [{ system: GROUP_TYPE, constant: ['person'] }] },
    actual: { kind: 'token', columns: [{ constant: ['true'] }] },
    code: { kind: 'token', columns: [{ system: GROUP_KIND_SYSTEM, constant: [code] }] },
  }) as const;

const members = { members: { table: PatientTable, fk: 'PRACTICE_ID' as const, columns: GROUP_MEMBER_COLUMNS } };

const practicePanels = sourceOf(PracticeTable, { children: members })({
  key: 'practice-panel',
  alias: 'o',
  profiles: [],
  ids: PRACTICE_GROUP_IDS,
  practiceColumn: 'o.PRACTICE_ID',
  targets: {
    ...panelTargets('practice-panel'),
    'managing-entity': { kind: 'reference', column: 'o.PRACTICE_ID', to: { type: 'Organization', source: 'practice' } },
    member: { kind: 'custom', type: 'reference', targetTypes: ['Patient'], build: memberSearch({ practiceId: 'o.PRACTICE_ID' }) },
  },
  audit: false,
  map: (row, ctx) => toPracticeGroup(row, row.members, ctx) as unknown as FhirResource,
});

const pcpPanels = sourceOf(ProviderTable, { children: { members: { table: PatientTable, fk: 'PCP_PROV_ID', columns: GROUP_MEMBER_COLUMNS } } })({
  key: 'pcp-panel',
  alias: 'pr',
  profiles: [],
  ids: PCP_GROUP_IDS,
  practiceColumn: 'pr.PRACTICE_ID',
  targets: {
    ...panelTargets('pcp-panel'),
    'managing-entity': { kind: 'reference', column: 'pr.PROV_ID', to: 'Practitioner' },
    member: { kind: 'custom', type: 'reference', targetTypes: ['Patient'], build: memberSearch({ practiceId: 'pr.PRACTICE_ID', provId: 'pr.PROV_ID' }) },
  },
  audit: false,
  map: (row, ctx) => toPcpGroup(row, row.members, ctx) as unknown as FhirResource,
});

/** Group (base R4): practice and primary-care panels, read and search (`_id`, type, actual, code, managing-entity, member). */
export const groupResource: ResourceEntry = { type: 'Group', inPatientCompartment: false, practiceOnly: true, sources: [practicePanels, pcpPanels] };
