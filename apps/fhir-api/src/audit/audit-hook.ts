/**
 * The HTTP end of the PHI access trail: the controller notes what an answer carries (`noteAudited`), and one
 * Fastify `onSend` hook turns every FHIR request below `/fhir` and `/open` (allowed or refused; not the public
 * metadata and SMART discovery documents, not preflights) into its events (audit-facts.ts) and holds the answer
 * until the outbox has committed them. When the trail cannot take them the answer becomes a 503 OperationOutcome:
 * no PHI leaves unaudited.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JsonLogger } from '#facade/observability';
import type { Caller } from '../service/request-auth.js';
import type { PhiAuditFacts } from '#facade/facade-store';
import { auditFactsOf, isAuditedPath, pathSegments, type AuditedResource } from './audit-facts.js';
import type { AuditTrail } from './audit-trail.js';
import type { BinaryPatients } from './binary-patients.js';
import type { PatientPractices } from './patient-practices.js';

const noted = new WeakMap<object, readonly AuditedResource[]>();
const recordedUsers = new WeakMap<object, number | null>();
/** Marks a request whose events were handed over (an error answer re-entering onSend is not recorded twice). */
const AUDITED: readonly AuditedResource[] = Object.freeze([]);

/** Records what the answer to `req` carries (a resource, a Bundle's entries, the written resource). */
export function noteAudited(req: object, resources: readonly AuditedResource[], write?: { recordedUser?: number | null }): void {
  noted.set(req, resources);
  if (write?.recordedUser !== undefined) recordedUsers.set(req, write.recordedUser);
}

/** A Bundle's entry resources (matches and includes). */
export function bundleResources(bundle: { entry?: Array<{ resource?: AuditedResource }> }): AuditedResource[] {
  return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}

const PATIENT_PARAMS = ['patient', 'subject', 'beneficiary'];

function patientParamOf(req: FastifyRequest): string | undefined {
  for (const params of [req.query, req.body]) {
    if (!(params instanceof URLSearchParams)) continue;
    for (const name of PATIENT_PARAMS) {
      const v = params.get(name);
      if (v) return v.split(',')[0];
    }
  }
  return undefined;
}

function paramNamesOf(req: FastifyRequest): string[] {
  const names: string[] = [];
  const add = (params: unknown) => {
    if (params instanceof URLSearchParams) for (const k of params.keys()) names.push(k);
  };
  add(req.query);
  add(req.body);
  return names;
}

const UNAVAILABLE = JSON.stringify({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code: 'transient', diagnostics: 'The audit trail is unavailable; the request was not answered. Retry later.' }],
});

/**
 * Adds the hook to the app's Fastify instance (before `app.init()`). A callback hook, not an async one: a read
 * whose look-ups are cached costs one outbox callback, no promise; the answer is released by the batch's commit.
 */
export function registerAuditHook(fastify: FastifyInstance, trail: AuditTrail, practices: PatientPractices, logger: JsonLogger, binaries?: BinaryPatients): void {
  fastify.addHook('onSend', (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: Error | null, payload?: unknown) => void) => {
    const resources = noted.get(req);
    const path = resources === AUDITED || req.method === 'OPTIONS' ? undefined : pathSegments(req.url);
    if (!isAuditedPath(path)) return done(null, payload);
    const caller = (req as FastifyRequest & { user?: Caller }).user;
    let facts: PhiAuditFacts[] = [];
    let answered = false;
    const refuse = (e: unknown): void => {
      if (answered) return;
      answered = true;
      logger.error('audit_unavailable', { error: e instanceof Error ? e.message : String(e), events: facts.length });
      for (const h of ['etag', 'last-modified', 'location', 'content-location', 'content-security-policy']) reply.removeHeader(h);
      reply.code(503).header('retry-after', '5').header('content-type', 'application/fhir+json; charset=utf-8');
      done(null, UNAVAILABLE);
    };
    const committed = (e?: Error): void => {
      if (e) return refuse(e);
      answered = true;
      done(null, payload);
    };
    const hand = (): void => {
      try {
        const pending = practices.assign(caller, facts);
        if (pending) pending.then(() => trail.outbox.submit(facts, committed), refuse);
        else trail.outbox.submit(facts, committed);
      } catch (e) {
        refuse(e);
      }
    };
    try {
      facts = auditFactsOf({
        method: req.method,
        url: req.url,
        path,
        paramNames: paramNamesOf(req),
        patientParam: patientParamOf(req),
        status: reply.statusCode,
        requestId: String(req.id),
        sourceIp: req.ip ?? null,
        caller,
        resources: resources ?? [],
        recordedUser: recordedUsers.get(req),
      });
      noted.set(req, AUDITED);
      const pending = binaries?.assign(req.url, facts);
      if (pending) pending.then(hand, refuse);
      else hand();
    } catch (e) {
      refuse(e);
    }
  });
}
