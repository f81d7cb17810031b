/**
 * The set-up every write suite shares (issue 10): the app on a fresh database of one engine, the seeded clinic, a
 * user token of practice A with the suite's scopes, FHIR JSON writes and reads, the legacy row of a key, and
 * `refused`: a write that must fail with an OperationOutcome and leave every legacy table byte-identical.
 */
import { afterAll, beforeAll, expect } from '@jest/globals';
import request from 'supertest';
import { seedClinic, type Clinic } from './clinic.js';
import { startFhirTestApp, type FhirTestApp } from './fhir-test-app.js';
import { legacySnapshot } from './legacy-snapshot.js';

type R = Record<string, any>;

export interface WriteHarness {
  t: FhirTestApp;
  clinic: Clinic;
  /** A user token of practice A (`user:1`, the clinic's provider) with the suite's scopes. */
  token: string;
  /** `POST|PUT /fhir/<path>` with a FHIR JSON body (and If-Match / other headers). */
  send(method: 'post' | 'put', path: string, body: unknown, opts?: { token?: string; ifMatch?: string; headers?: Record<string, string> }): request.Test;
  /** `GET /fhir/<path>` (default Accept). */
  get(path: string, opts?: { token?: string; accept?: string }): request.Test;
  /** The legacy row `table.pk = key`. */
  row(table: string, pk: string, key: number): Promise<R>;
  /** Runs a write that must be refused with `status` and an OperationOutcome; checks no table changed. */
  refused(write: () => PromiseLike<request.Response>, status: number): Promise<R>;
}

/** Registers beforeAll/afterAll for one engine; the returned harness is filled in before the first test. */
export function useWriteHarness(engine: 'sqlite' | 'postgres', scope: string, opts: Parameters<typeof startFhirTestApp>[0] = {}): WriteHarness {
  const h = {
    send(method, path, body, o = {}) {
      let r = request(h.t.server as never)[method](`/fhir/${path}`).set('Authorization', `Bearer ${o.token ?? h.token}`).set('Content-Type', 'application/fhir+json');
      if (o.ifMatch !== undefined) r = r.set('If-Match', o.ifMatch);
      for (const [k, v] of Object.entries(o.headers ?? {})) r = r.set(k, v);
      return r.send(JSON.stringify(body));
    },
    get(path, o = {}) {
      const r = request(h.t.server as never).get(`/fhir/${path}`).set('Authorization', `Bearer ${o.token ?? h.token}`);
      return o.accept ? r.set('Accept', o.accept) : r;
    },
    async row(table, pk, key) {
      return (await h.t.ds.getRepository(table).findOneByOrFail({ [pk]: key })) as R;
    },
    async refused(write, status) {
      const before = await legacySnapshot(h.t.ds);
      const res = await write();
      expect(res.status).toBe(status);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(await legacySnapshot(h.t.ds)).toBe(before);
      return res.body as R;
    },
  } as WriteHarness;
  beforeAll(async () => {
    h.t = await startFhirTestApp({ ...opts, engine });
    h.clinic = await seedClinic(h.t.factory);
    h.token = await h.t.mint({ scope, practice: h.clinic.practiceA });
  });
  afterAll(async () => h.t?.close());
  return h;
}
