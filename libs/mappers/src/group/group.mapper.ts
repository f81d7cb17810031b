import type { LegacyPatient, LegacyPractice, LegacyProvider } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import type { CodeableConcept, FhirResource, Reference } from '../common/fhir-types.js';
import { compact, isYes, text } from '../common/flags.js';
import { ref } from '../common/references.js';
import { toInstant } from '../common/time.js';
import { fhirId } from '../ids.js';
import { PCP_GROUP_IDS, PRACTICE_GROUP_IDS } from './group.ids.js';

export type Group = FhirResource & { resourceType: 'Group' };

/** The PATIENT columns a panel needs per member (the registry loads only these). */
export const GROUP_MEMBER_COLUMNS = ['PAT_ID', 'PRACTICE_ID', 'PCP_PROV_ID', 'INACTIVE_YN', 'MERGED_INTO_PAT_ID', 'ROW_VER', 'UPDATED_AT'] as const;
/** One member candidate: a PATIENT row narrowed to {@link GROUP_MEMBER_COLUMNS}. */
export type GroupMemberRow = Pick<LegacyPatient, (typeof GROUP_MEMBER_COLUMNS)[number]>;

/** Local code system of the panel kinds (Group.code). */
export const GROUP_KIND_SYSTEM = 'urn:ehr-facade:group-kind';

const kind = (code: 'practice-panel' | 'pcp-panel', display: string): CodeableConcept => ({ coding: [{ system: GROUP_KIND_SYSTEM, code, display }], text: display });

/**
 * Whether a PATIENT row belongs to a panel whose owner is `practiceId` (and PCP `provId`): a chart of that practice
 * (with that PCP) that was not merged into another chart. The JavaScript twin of the SQL membership predicate
 * (`apps/fhir-api/src/resources/group-membership.ts`); its spec checks both agree.
 */
export function isPanelMember(row: GroupMemberRow, practiceId: number, provId?: number): boolean {
  return row.PRACTICE_ID === practiceId && (provId === undefined || row.PCP_PROV_ID === provId) && row.MERGED_INTO_PAT_ID == null;
}

/**
 * Version of a panel: a 32-bit FNV-1a hash over the owner row's ROW_VER and every member's PAT_ID and ROW_VER, so
 * it changes when the owner row or any member chart is edited, joins or leaves; lastUpdated is the latest of them.
 */
function panelVersion(owner: { ROW_VER: number; UPDATED_AT: string }, members: readonly GroupMemberRow[]): { versionId: string; updated: string } {
  let hash = 0x811c9dc5;
  const mix = (n: number) => {
    for (let b = 0; b < 4; b++) {
      hash ^= (n >>> (b * 8)) & 0xff;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  };
  mix(owner.ROW_VER);
  let updated = owner.UPDATED_AT;
  for (const m of members) {
    mix(m.PAT_ID);
    mix(m.ROW_VER);
    if (m.UPDATED_AT > updated) updated = m.UPDATED_AT;
  }
  return { versionId: String(hash), updated };
}

function panel(
  id: string,
  owner: { ROW_VER: number; UPDATED_AT: string; ACTIVE_YN: string },
  members: readonly GroupMemberRow[],
  rest: { code: CodeableConcept; name: string; managingEntity: Reference | undefined },
  ctx: MapperContext,
): Group {
  const listed = [...members].sort((a, b) => a.PAT_ID - b.PAT_ID);
  const { versionId, updated } = panelVersion(owner, listed);
  return compact<Group>({
    resourceType: 'Group',
    id,
    meta: { versionId, lastUpdated: toInstant(updated, ctx) },
    active: isYes(owner.ACTIVE_YN),
    type: 'person',
    actual: true,
    ...rest,
    quantity: listed.length,
    member: listed.map((m) => ({ entity: ref.patient(m.PAT_ID), ...(isYes(m.INACTIVE_YN) ? { inactive: true } : {}) })),
  });
}

/**
 * PRACTICE + its PATIENT rows -> the practice's patient panel (`practice-<PRACTICE_ID>`), a base R4 Group: type
 * person, actual, code `practice-panel`, name = the practice name, managingEntity the practice Organization,
 * quantity and one member per chart of the practice that was not merged into another chart (inactive charts are
 * members with `inactive: true`). Every member is listed: `_summary=true` / `_elements` leave them out.
 * @see https://hl7.org/fhir/R4/group.html
 */
export function toPracticeGroup(practice: LegacyPractice, patients: readonly GroupMemberRow[], ctx: MapperContext): Group {
  return panel(
    PRACTICE_GROUP_IDS.format(practice.PRACTICE_ID),
    practice,
    patients.filter((p) => isPanelMember(p, practice.PRACTICE_ID)),
    { code: kind('practice-panel', 'Practice patient panel'), name: practice.PRACTICE_NAME.trim(), managingEntity: ref.practice(practice.PRACTICE_ID) },
    ctx,
  );
}

/** `Last, First [Credential]` of a provider. */
export function providerPanelName(p: Pick<LegacyProvider, 'LAST_NAME' | 'FIRST_NAME' | 'CREDENTIAL'>): string {
  const credential = text(p.CREDENTIAL);
  return `${p.LAST_NAME.trim()}, ${p.FIRST_NAME.trim()}${credential ? ` ${credential}` : ''}`;
}

/**
 * PROVIDER + the PATIENT rows naming them as PCP -> the provider's primary-care panel (`pcp-<PROV_ID>`): as the
 * practice panel, code `pcp-panel`, name `Last, First Credential`, managingEntity the Practitioner; members are the
 * charts of the provider's own practice only (a PCP of another practice does not open a chart to this panel).
 */
export function toPcpGroup(provider: LegacyProvider, patients: readonly GroupMemberRow[], ctx: MapperContext): Group {
  return panel(
    PCP_GROUP_IDS.format(provider.PROV_ID),
    provider,
    patients.filter((p) => isPanelMember(p, provider.PRACTICE_ID, provider.PROV_ID)),
    {
      code: kind('pcp-panel', 'Primary care provider panel'),
      name: providerPanelName(provider),
      managingEntity: { reference: `Practitioner/${fhirId.practitioner(provider.PROV_ID)}` },
    },
    ctx,
  );
}
