/**
 * The answer to a create (201) or update (200): `Location` `[base]/[type]/[id]/_history/[vid]`, `ETag`, `Last-Modified`
 * always; the body per `Prefer: return=` (https://hl7.org/fhir/R4/http.html#prefer): `minimal` none,
 * `OperationOutcome` an informational outcome, `representation` (and the default) the stored resource.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { operationOutcome } from '#facade/fhir';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sendResource, versionedOf } from './fhir-reply.js';

const RETURN = /(?:^|[,;\s])return\s*=\s*"?(minimal|representation|OperationOutcome)"?/i;

/** Sends a written resource; `typeUrl` is `[base]/[type]`. */
export function sendWritten(req: FastifyRequest, reply: FastifyReply, typeUrl: string, resource: FhirResource, status: 200 | 201): void {
  const v = versionedOf(resource);
  reply.header('Location', `${typeUrl}/${resource.id}/_history/${v.version}`);
  if (v.etag) reply.header('ETag', v.etag);
  if (v.lastModified) reply.header('Last-Modified', v.lastModified);
  const prefer = RETURN.exec(String(req.headers.prefer ?? ''))?.[1]?.toLowerCase();
  if (prefer === 'minimal') {
    reply.code(status).send();
    return;
  }
  if (prefer === 'operationoutcome') {
    const verb = status === 201 ? 'created' : 'updated';
    const outcome = operationOutcome({ severity: 'information', code: 'informational', messageCode: `MSG_${verb.toUpperCase()}`, diagnostics: `${resource.resourceType}/${resource.id} ${verb} (version ${v.version})` });
    sendResource(req, reply, status, outcome as unknown as FhirResource);
    return;
  }
  sendResource(req, reply, status, resource);
}
