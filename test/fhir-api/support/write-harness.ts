/**
 * The set-up the write suites share: the FHIR app on a fresh database of one engine with the two-practice clinic
 * (started before the suite's own `beforeAll`, closed after it), a FHIR JSON write request, and `refused`: a write
 * that must fail with an OperationOutcome and leave every legacy table byte-identical.
 */
import { afterAll, beforeAll, expect } from '@jest/globals';
import request from 'supertest';
import { seedClinic, type Clinic } from './clinic.js';
import { startFhirTestApp, type FhirTestApp } from './fhir-test-app.js';
import { legacySnapshot } from './legacy-snapshot.js';

type R = Record<string, any>;

export interface WriteHarness {
  /** The app and the clinic (set in the harness's `beforeAll`). */
  readonly t: FhirTestApp;
  readonly clinic: Clinic;
  /** `POST` / `PUT` of a FHIR JSON body to `/<base>/<path>` with the token (and If-Match when given). */
  send(method: 'post' | 'put', path: string, token: string, body: unknown, ifMatch?: string, base?: string): request.Test;
  /** Runs a write that must be refused with `status` and an OperationOutcome; checks that no legacy table changed. */
  refused(write: () => PromiseLike<request.Response>, status: number): Promise<R>;
}

/** Registers the app's start and stop for the enclosing `describe`. */
export function writeHarness(engine: 'sqlite' | 'postgres', opts: Omit<NonNullable<Parameters<typeof startFhirTestApp>[0]>, 'engine'> = {}): WriteHarness {
  let t: FhirTestApp | undefined;
  let clinic: Clinic | undefined;
  beforeAll(async () => {
    t = await startFhirTestApp({ ...opts, engine });
    clinic = await seedClinic(t.factory);
  });
  afterAll(async () => t?.close());
  const app = () => {
    if (!t) throw new Error('writeHarness: the app is not started yet (use it inside tests or a later beforeAll)');
    return t;
  };
  return {
    get t() {
      return app();
    },
    get clinic() {
      app();
      return clinic!;
    },
    send(method, path, token, body, ifMatch, base = 'fhir') {
      const r = request(app().server as never)[method](`/${base}/${path}`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/fhir+json');
      return (ifMatch === undefined ? r : r.set('If-Match', ifMatch)).send(JSON.stringify(body));
    },
    async refused(write, status) {
      const before = await legacySnapshot(app().ds);
      const res = await write();
      expect(res.status).toBe(status);
      expect(res.body.resourceType).toBe('OperationOutcome');
      expect(await legacySnapshot(app().ds)).toBe(before);
      return res.body;
    },
  };
}
