/**
 * Group membership as the export consumes it: a Group id resolved to a restriction of the patient key (a PATIENT
 * column equality the engine ANDs to every compartment query). Until the `Group` resource type is registered
 * (issue 11, Group branch), this is the one place that knows the read-only groups of the legacy EHR:
 * - `practice-<PRACTICE_ID>`: the practice's patient panel (PATIENT.PRACTICE_ID);
 * - `pcp-<PROV_ID>`: a provider's PCP panel (PATIENT.PCP_PROV_ID), within the caller's practice(s).
 * Charts merged into another one are not members. A group of another practice is unknown to the caller (404, never 403).
 */
import { notFound } from '#facade/fhir';
import type { AccessScope, ExportRestriction } from '../engine/search/source-conditions.js';

/** Resolves Group ids to patient restrictions. */
export interface GroupMembers {
  /**
   * The restriction selecting the group's members, within the caller's access.
   * @throws FhirError 404 when the group is unknown or outside the caller's practice(s).
   */
  restrictionOf(groupId: string, access: AccessScope): ExportRestriction['patientWhere'];
}

/** The practice and PCP panels of the legacy EHR (ids `practice-<n>`, `pcp-<n>`). */
export class LegacyGroupMembers implements GroupMembers {
  restrictionOf(groupId: string, access: AccessScope): ExportRestriction['patientWhere'] {
    const m = /^(practice|pcp)-([1-9][0-9]{0,9})$/.exec(groupId);
    if (!m) throw notFound('Group', groupId);
    const value = Number(m[2]);
    if (m[1] === 'practice') {
      const practices = access.practiceId !== undefined ? [access.practiceId] : access.practiceIds;
      if (practices !== undefined && !practices.includes(value)) throw notFound('Group', groupId);
      return { column: 'PRACTICE_ID', value };
    }
    // A PCP panel: the practice confinement of the caller's access keeps it to the caller's practice(s).
    return { column: 'PCP_PROV_ID', value };
  }
}
