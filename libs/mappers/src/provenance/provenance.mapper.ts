import type { LegacyUsers } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import type { CodeableConcept, Provenance, Reference } from '../common/fhir-types.js';
import { compact } from '../common/flags.js';
import { PROFILE, SYSTEM } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import { ref } from '../common/references.js';
import { fhirId } from '../ids.js';

/** The audit columns of a legacy row (every clinical table has them). */
export interface AuditColumns {
  CREATED_AT: string;
  CREATED_BY: number | null;
  UPDATED_AT: string;
  UPDATED_BY: number | null;
  ROW_VER: number;
}

/** What `toProvenance` needs. */
export interface ProvenanceMapperInput {
  /** The resource the Provenance is about (type and FHIR id, e.g. `{ resourceType: 'Condition', id: '42' }`). */
  target: { resourceType: string; id: string };
  /** The target row's audit columns. */
  audit: AuditColumns;
  /** The USERS rows of CREATED_BY and UPDATED_BY (pre-fetched by USER_ID; missing or NULL = interface/import). */
  users: LegacyUsers[];
  /** PRACTICE_ID that owns the target (the patient's practice): author when no provider user is known. */
  practiceId: number;
}

const AUTHOR: CodeableConcept = {
  coding: [{ system: SYSTEM.provenanceParticipantType, code: 'author', display: 'Author' }],
};
const TRANSMITTER: CodeableConcept = {
  coding: [{ system: SYSTEM.usCoreProvenanceParticipantType, code: 'transmitter', display: 'Transmitter' }],
};

function authorOf(userId: number | null, users: LegacyUsers[], practice: Reference) {
  const user = userId === null ? undefined : users.find((u) => u.USER_ID === userId);
  const practitioner = user ? ref.practitioner(user.PROV_ID) : undefined;
  // A provider user authors as themselves on behalf of the practice; anyone else (nurse, front desk,
  // interface) is represented by the practice (provenance-1: no onBehalfOf when `who` is an Organization).
  return practitioner ? { type: AUTHOR, who: practitioner, onBehalfOf: practice } : { type: AUTHOR, who: practice };
}

/**
 * A row's audit columns -> US Core 6.1.0 Provenance (`<TargetType>-<id>`): target, recorded = UPDATED_AT,
 * author = the creating user's provider (Practitioner, on behalf of the practice) or the practice
 * (Organization); a second author when a different user made the last update; transmitter = the practice,
 * whose facade sends the data.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-provenance.html
 */
export function toProvenance(input: ProvenanceMapperInput, ctx: MapperContext): Provenance {
  const practice = ref.practice(input.practiceId) as Reference;
  const { audit } = input;
  const agents = [authorOf(audit.CREATED_BY, input.users, practice)];
  if (audit.UPDATED_BY !== null && audit.UPDATED_BY !== audit.CREATED_BY) {
    const updater = authorOf(audit.UPDATED_BY, input.users, practice);
    if (updater.who.reference !== agents[0].who.reference) agents.push(updater);
  }
  return compact<Provenance>({
    resourceType: 'Provenance',
    id: fhirId.provenance(input.target.resourceType, input.target.id),
    meta: { versionId: String(audit.ROW_VER), lastUpdated: toInstant(audit.UPDATED_AT, ctx), profile: [PROFILE.provenance] },
    target: [{ reference: `${input.target.resourceType}/${input.target.id}` }],
    occurredPeriod: { start: toInstant(audit.CREATED_AT, ctx), end: toInstant(audit.UPDATED_AT, ctx) },
    recorded: toInstant(audit.UPDATED_AT, ctx),
    agent: [...agents, { type: TRANSMITTER, who: practice }],
  });
}
