import type { LegacyCareTeamMember } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { dataAbsentConcept } from '../common/data-absent-reason.js';
import type { CodeableConcept, Coding, FhirResource, Reference } from '../common/fhir-types.js';
import { compact } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { parseRowKey, rowKeyId } from '../common/row-id.js';
import { SYSTEM } from '../common/systems.js';
import { toDate } from '../common/time.js';

export type CareTeam = FhirResource & { resourceType: 'CareTeam' };

/** US Core 6.1.0 CareTeam profile. */
export const CARE_TEAM_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-careteam|6.1.0';

/** CareTeam id: `<PAT_ID>` (the EHR keeps one care team per patient: the CARE_TEAM_MEMBER rows of the chart). */
export const careTeamId = (patId: number): string => rowKeyId(patId);
/** The PAT_ID of a CareTeam id, or `undefined` for an id this facade never produces. */
export const parseCareTeamId = (id: string): number | undefined => parseRowKey(id);

/**
 * RelatedPerson id of a PAT_CONTACT row: `contact-<CONTACT_ID>`, the pattern of the RelatedPerson contact source
 * (CARE_TEAM_MEMBER links contacts only; PORTAL_PROXY grants, `proxy-<PORTAL_ID>-<PAT_ID>`, are never members).
 */
export const relatedPersonContactId = (contactId: number): string => `contact-${rowKeyId(contactId)}`;

const sct = (code: string, display: string): Coding => ({ system: SYSTEM.snomed, code, display });

/**
 * CARE_TEAM_MEMBER.ROLE_CODE -> participant.role (SNOMED CT, value set Care Team Member Function
 * 2.16.840.1.113762.1.4.1099.30, extensible).
 */
export const CARE_TEAM_ROLE: Record<string, Coding> = {
  PCP: sct('453231000124104', 'Primary care provider'),
  SPEC: sct('69280009', 'Specialized physician'),
  NURSE: sct('106292003', 'Professional nurse'),
  CM: sct('768730001', 'Case manager'),
  CAREGVR: sct('133932002', 'Caregiver'),
  PHARM: sct('46255001', 'Pharmacist'),
  SW: sct('106328005', 'Social worker'),
};
const PATIENT_ROLE = sct('116154003', 'Patient');

function role(coding: Coding | undefined): CodeableConcept[] {
  return [coding ? { coding: [coding], text: coding.display } : dataAbsentConcept('unknown')];
}

function member(row: LegacyCareTeamMember, ctx: MapperContext): Reference | undefined {
  // A provider is referenced through their PractitionerRole (US Core: SHOULD, it carries location and contact).
  if (row.PROV_ID) return { reference: `PractitionerRole/${rowKeyId(row.PROV_ID)}` };
  if (row.CONTACT_ID) return { reference: `RelatedPerson/${relatedPersonContactId(row.CONTACT_ID)}` };
  ctx.report({ column: 'CARE_TEAM_MEMBER.PROV_ID', code: 'NULL', message: 'Care team member with neither PROV_ID nor CONTACT_ID: left out' });
  return undefined;
}

/**
 * Version of a care team made of several rows: a 32-bit FNV-1a hash of every member's CTM_ID and ROW_VER, so it
 * changes when any member row is edited, added or removed (the table has no DELETED_YN: rows are removed).
 */
function teamVersion(rows: LegacyCareTeamMember[]): { ROW_VER: number; UPDATED_AT: string } {
  let hash = 0x811c9dc5;
  for (const ch of rows.map((r) => `${r.CTM_ID}:${r.ROW_VER}`).join(',')) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const updated = rows.reduce((max, r) => (r.UPDATED_AT > max ? r.UPDATED_AT : max), rows[0].UPDATED_AT);
  return { ROW_VER: hash, UPDATED_AT: updated };
}

/**
 * The CARE_TEAM_MEMBER rows of one patient -> their US Core 6.1.0 CareTeam, or `undefined` when the patient has
 * none. Providers are PractitionerRole members, family caregivers (CONTACT_ID) RelatedPerson members, and the
 * patient is a member of their own team (role Patient, as in the US Core example); ROLE_CODE is the SNOMED CT
 * role, START/END_DATE the member's period. The team is `active` while some member has no END_DATE, else
 * `inactive`. `meta.versionId` changes whenever any member row is edited, added or removed.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-careteam.html
 */
export function toCareTeam(patId: number, rows: LegacyCareTeamMember[], ctx: MapperContext): CareTeam | undefined {
  const members = rows.filter((r) => r.PAT_ID === patId).sort((a, b) => a.CTM_ID - b.CTM_ID);
  if (members.length === 0) return undefined;
  const participant = members
    .map((r) => {
      const who = member(r, ctx);
      return who
        ? { role: role(lookupCode(CARE_TEAM_ROLE, r.ROLE_CODE, 'CARE_TEAM_MEMBER.ROLE_CODE', ctx)), member: who, period: { start: toDate(r.START_DATE), end: toDate(r.END_DATE) } }
        : undefined;
    })
    .filter((p) => p !== undefined);
  return compact<CareTeam>({
    resourceType: 'CareTeam',
    id: careTeamId(patId),
    meta: buildMeta(teamVersion(members), CARE_TEAM_PROFILE, ctx),
    status: members.some((r) => !r.END_DATE) ? 'active' : 'inactive',
    name: 'Care team',
    subject: ref.patient(patId),
    participant: [...participant, { role: role(PATIENT_ROLE), member: ref.patient(patId) }],
  });
}
