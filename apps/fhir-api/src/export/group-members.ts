/**
 * Group membership as the export consumes it: a Group id resolved to a restriction of the exported patients. The
 * rule is the Group type's own (`resources/group-membership.ts`, `groupMembershipCondition`): the export selects
 * exactly the members `Group/<id>` lists, so the two cannot disagree (test/fhir-api/group.e2e-spec.ts compares them,
 * including a chart of another practice naming the panel's provider as PCP).
 * - `practice-<PRACTICE_ID>`: the practice's charts; `pcp-<PROV_ID>`: the provider's PCP panel within the
 *   provider's own practice; charts merged into another one are not members.
 * Whether the caller may see the Group at all is the kick-off's read of `Group/<id>` with the caller's access
 * (a group of another practice is 404, never 403): `BulkExportService` does it before the job is created.
 */
import { notFound } from '#facade/fhir';
import type { AccessScope, ExportRestriction } from '../engine/search/source-conditions.js';
import { groupMembershipCondition, parseGroupId } from '../resources/group-membership.js';

/** Resolves Group ids to patient restrictions. */
export interface GroupMembers {
  /**
   * The restriction selecting the group's members (the caller's practice confinement still applies beside it).
   * @throws FhirError 404 when the id names no group of this facade, or a practice panel outside the caller's practice(s).
   */
  restrictionOf(groupId: string, access: AccessScope): NonNullable<ExportRestriction['members']>;
}

/** The practice and PCP panels of the legacy EHR (ids `practice-<n>`, `pcp-<n>`), by the Group type's membership rule. */
export class LegacyGroupMembers implements GroupMembers {
  restrictionOf(groupId: string, access: AccessScope): NonNullable<ExportRestriction['members']> {
    const panel = parseGroupId(groupId);
    if (!panel) throw notFound('Group', groupId);
    if (panel.kind === 'practice') {
      const practices = access.practiceId !== undefined ? [access.practiceId] : access.practiceIds;
      if (practices !== undefined && !practices.includes(panel.practiceId)) throw notFound('Group', groupId);
    }
    return (patient, bag) => groupMembershipCondition(panel, patient, bag);
  }
}
