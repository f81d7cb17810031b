/**
 * A stored trail row as a FHIR R4 `AuditEvent` in the shape of IHE Basic Audit Log Patterns (BALP 1.1): type
 * `rest`, subtype the FHIR interaction, action, recorded, outcome; agents = the client app (Source Role ID, with
 * the client's network address), the user or patient/proxy behind the token (requestor, `policy` = the token id),
 * the server (Destination Role ID); source = this server (type 4, application server); entities = the patient
 * (role Patient, at most one per event), each resource touched (role Domain Resource), the practice, and for a
 * search the query entity with the parameter NAMES only (no `entity.query`: a query string carries PHI values).
 * The BALP StructureDefinitions are not in the repository (not in /work/shared either), so the events claim no
 * BALP `meta.profile`; tests validate them against base R4 AuditEvent.
 */
import { ref } from '#facade/mappers';
import type { PhiAuditRow } from '#facade/facade-store';
import type { FhirResource } from '../engine/registry/resource-definition.js';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const ENTITY_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-entity-type';
const OBJECT_ROLE = 'http://terminology.hl7.org/CodeSystem/object-role';
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
/** Where client ids come from (the OAuth `client_id` of RFC 6749). */
export const CLIENT_ID_SYSTEM = 'urn:ietf:rfc:6749#client_id';

/** The restful-interaction code of an interaction (`export` is the `$export` operation). */
function subtypeOf(row: PhiAuditRow) {
  const code = row.interaction === 'export' ? 'operation' : row.interaction === 'unknown' ? undefined : row.interaction;
  const subtype: Array<{ system: string; code: string }> = code ? [{ system: 'http://hl7.org/fhir/restful-interaction', code }] : [];
  if (row.operation) subtype.push({ system: 'urn:ietf:rfc:3986', code: row.operation });
  return subtype;
}

function userAgent(row: PhiAuditRow) {
  if (!row.subject && !row.fhirUser) return undefined;
  return {
    type: { coding: [{ system: PARTICIPATION, code: 'IRCP', display: 'information recipient' }] },
    who: {
      ...(row.fhirUser ? { reference: row.fhirUser } : {}),
      ...(row.subject ? { identifier: { value: row.subject } } : {}),
    },
    requestor: true,
    // A write's EHR user (CREATED_BY/UPDATED_BY), when the token's actor was stamped as another (service) user.
    ...(row.recordedUser !== null && row.recordedUser !== undefined ? { altId: `USERS.USER_ID ${row.recordedUser}` } : {}),
    ...(row.tokenId && !/\s/.test(row.tokenId) ? { policy: [row.tokenId] } : {}),
  };
}

/** The AuditEvent of one row; `serverUrl` names this server (the FHIR base). */
export function toBalpAuditEvent(row: PhiAuditRow, serverUrl: string): FhirResource {
  const entities: Record<string, unknown>[] = [];
  if (row.patientId) {
    entities.push({ what: { reference: `Patient/${row.patientId}` }, type: { system: ENTITY_TYPE, code: '1', display: 'Person' }, role: { system: OBJECT_ROLE, code: '1', display: 'Patient' } });
  }
  for (const e of JSON.parse(row.entities) as string[]) {
    entities.push({ what: { reference: e }, type: { system: ENTITY_TYPE, code: '2', display: 'System Object' }, role: { system: OBJECT_ROLE, code: '4', display: 'Domain Resource' } });
  }
  if (row.queryParams !== null) {
    entities.push({
      type: { system: ENTITY_TYPE, code: '2', display: 'System Object' },
      role: { system: OBJECT_ROLE, code: '24', display: 'Query' },
      description: `${row.resourceType ?? ''}${row.operation ? `/${row.operation}` : ''} search`,
      detail: [{ type: 'parameter-names', valueString: row.queryParams }],
    });
  }
  const practice = ref.practice(row.practiceId);
  if (practice) entities.push({ what: practice, type: { system: ENTITY_TYPE, code: '3', display: 'Organization' } });
  const user = userAgent(row);
  return {
    resourceType: 'AuditEvent',
    id: String(row.seq),
    type: { system: DCM, code: 'rest', display: 'Restful Operation' },
    subtype: subtypeOf(row),
    action: row.action,
    recorded: new Date(row.recorded).toISOString(),
    outcome: String(row.outcome),
    outcomeDesc: `HTTP ${row.status}`,
    agent: [
      {
        type: { coding: [{ system: DCM, code: '110153', display: 'Source Role ID' }] },
        who: row.clientId ? { identifier: { system: CLIENT_ID_SYSTEM, value: row.clientId } } : { display: 'unauthenticated client' },
        requestor: !user,
        ...(row.sourceIp ? { network: { address: row.sourceIp, type: '2' } } : {}),
      },
      ...(user ? [user] : []),
      {
        type: { coding: [{ system: DCM, code: '110152', display: 'Destination Role ID' }] },
        who: { display: serverUrl },
        requestor: false,
        network: { address: serverUrl, type: '5' },
      },
    ],
    source: {
      site: serverUrl,
      observer: { display: `FHIR API ${serverUrl}` },
      type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }],
    },
    entity: [...entities, { type: { system: ENTITY_TYPE, code: '2', display: 'System Object' }, role: { system: OBJECT_ROLE, code: '3', display: 'Report' }, what: { identifier: { value: row.requestId } }, description: 'request id' }],
  } as unknown as FhirResource;
}
