/**
 * The set-up every write suite shares (issue 10): the FHIR app on a fresh database of one engine with the
 * two-practice clinic (started before the suite's own `beforeAll`, closed after it), a user token of practice A with
 * the suite's scopes, FHIR JSON writes and reads, the legacy row of a key, and `refused`: a write that must fail with
 * an OperationOutcome and leave every legacy table byte-identical.
 */
import { afterAll, beforeAll, expect } from '@jest/globals';
import request from 'supertest';
import { seedClinic, type Clinic } from './clinic.js';
import { startFhirTestApp, type FhirTestApp } from './fhir-test-app.js';
import { legacySnapshot } from './legacy-snapshot.js';

type R = Record<string, any>;

export interface WriteHarness {
  /** The app, the clinic and the token (set in the harness's `beforeAll`; reading them earlier throws). */
  readonly t: FhirTestApp;
  readonly clinic: Clinic;
  /** A user token of practice A (`user:1`, the clinic's provider) with the suite's scopes. */
  readonly token: string;
  /** `POST|PUT /<base>/<path>` (base `fhir` unless given) with a FHIR JSON body, the token (default: `token`), If-Match and other headers. */
  send(method: 'post' | 'put', path: string, body: unknown, opts?: { token?: string; ifMatch?: string; headers?: Record<string, string>; base?: string }): request.Test;
  /** `GET /fhir/<path>` (default Accept). */
  get(path: string, opts?: { token?: string; accept?: string }): request.Test;
  /** The legacy row `table.pk = key`. */
  row(table: string, pk: string, key: number): Promise<R>;
  /** Runs a write that must be refused with `status` and an OperationOutcome; checks that no legacy table changed. */
  refused(write: () => PromiseLike<request.Response>, status: number): Promise<R>;
}

/** Registers the app's start (beforeAll) and stop (afterAll) for the enclosing `describe`, for one engine. */
export function useWriteHarness(engine: 'sqlite' | 'postgres', scope: string, opts: Omit<NonNullable<Parameters<typeof startFhirTestApp>[0]>, 'engine'> = {}): WriteHarness {
  let started: { t: FhirTestApp; clinic: Clinic; token: string } | undefined;
  beforeAll(async () => {
    const t = await startFhirTestApp({ ...opts, engine });
    try {
      const clinic = await seedClinic(t.factory);
      started = { t, clinic, token: await t.mint({ scope, practice: clinic.practiceA }) };
    } catch (e) {
      await t.close();
      throw e;
    }
  });
  afterAll(async () => started?.t.close());
  const app = () => {
    if (!started) throw new Error('useWriteHarness: the app is not started yet (use it inside tests or a later beforeAll)');
    return started;
  };
  return {
    get t() {
      return app().t;
    },
    get clinic() {
      return app().clinic;
    },
    get token() {
      return app().token;
    },
    send(method, path, body, o = {}) {
      let r = request(app().t.server as never)[method](`/${o.base ?? 'fhir'}/${path}`).set('Authorization', `Bearer ${o.token ?? app().token}`).set('Content-Type', 'application/fhir+json');
      if (o.ifMatch !== undefined) r = r.set('If-Match', o.ifMatch);
      for (const [k, v] of Object.entries(o.headers ?? {})) r = r.set(k, v);
      return r.send(JSON.stringify(body));
    },
    get(path, o = {}) {
      const r = request(app().t.server as never).get(`/fhir/${path}`).set('Authorization', `Bearer ${o.token ?? app().token}`);
      return o.accept ? r.set('Accept', o.accept) : r;
    },
    async row(table, pk, key) {
      return (await app().t.ds.getRepository(table).findOneByOrFail({ [pk]: key })) as R;
    },
    async refused(write, status) {
      const before = await legacySnapshot(app().t.ds);
      const res = await write();
      expect(res.status).toBe(status);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(await legacySnapshot(app().t.ds)).toBe(before);
      return res.body as R;
    },
  };
}
