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

/**
 * What the controller noted on a request: own symbol-keyed properties of the request object rather than WeakMaps
 * (a WeakMap entry per request is an ephemeron the garbage collector walks at every scavenge until it dies).
 */
const NOTED = Symbol('auditNoted');
const RECORDED_USER = Symbol('auditRecordedUser');
type Noted = { [NOTED]?: readonly AuditedResource[]; [RECORDED_USER]?: number | null };
/** Marks a request whose events were handed over (an error answer re-entering onSend is not recorded twice). */
const AUDITED: readonly AuditedResource[] = Object.freeze([]);

/** Records what the answer to `req` carries (a resource, a Bundle's entries, the written resource). */
export function noteAudited(req: object, resources: readonly AuditedResource[], write?: { recordedUser?: number | null }): void {
  (req as Noted)[NOTED] = resources;
  if (write?.recordedUser !== undefined) (req as Noted)[RECORDED_USER] = write.recordedUser;
}

/** A Bundle's entry resources (matches and includes). A loop: `flatMap` made an array per entry (~8 µs a page of 50). */
export function bundleResources(bundle: { entry?: Array<{ resource?: AuditedResource }> }): AuditedResource[] {
  const out: AuditedResource[] = [];
  for (const e of bundle.entry ?? []) if (e.resource) out.push(e.resource);
  return out;
}

const PATIENT_PARAMS = ['patient', 'subject', 'beneficiary'];

/**
 * The search parameter names of the query string and a POST _search form, in order, and the first value of the
 * first patient parameter (`patient`, else `subject`, else `beneficiary`; the query string before the form).
 */
function paramsOf(req: FastifyRequest): { names: string[]; patient: string | undefined } {
  const names: string[] = [];
  let patient: string | undefined;
  for (const params of [req.query, req.body]) {
    if (!(params instanceof URLSearchParams)) continue;
    for (const k of params.keys()) names.push(k);
    if (patient !== undefined) continue;
    for (const name of PATIENT_PARAMS) {
      const v = params.get(name);
      if (v) {
        patient = v.split(',')[0];
        break;
      }
    }
  }
  return { names, patient };
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
    const resources = (req as Noted)[NOTED];
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
      const params = paramsOf(req);
      facts = auditFactsOf({
        method: req.method,
        url: req.url,
        path,
        paramNames: params.names,
        patientParam: params.patient,
        status: reply.statusCode,
        requestId: String(req.id),
        sourceIp: req.ip ?? null,
        caller,
        resources: resources ?? [],
        recordedUser: (req as Noted)[RECORDED_USER],
      });
      (req as Noted)[NOTED] = AUDITED;
      const pending = binaries?.assign(req.url, facts);
      if (pending) pending.then(hand, refuse);
      else hand();
    } catch (e) {
      refuse(e);
    }
  });
}
