/**
 * Issue 12: closing the app (what SIGTERM does in main.ts) under load: every request answered with data has its
 * events stored (the answer waited for their commit; the outbox drains before the store closes) and the chain
 * verifies afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { openFacadeStore } from '#facade/facade-store';
import { seedClinic, type Clinic } from './support/clinic.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

describe('audit trail at shutdown', () => {
  let t: FhirTestApp;
  let c: Clinic;
  beforeAll(async () => {
    t = await startFhirTestApp();
    c = await seedClinic(t.factory);
  });
  afterAll(async () => t?.close());

  it('stores the events of every answered request when the app closes under load', async () => {
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as { port: number }).port;
    const token = await t.mint({ scope: 'user/*.rs', practice: c.practiceA, sub: `user:${c.user}` });
    const fire = (i: number) =>
      fetch(`http://127.0.0.1:${port}/fhir/Patient?_count=10`, { headers: { authorization: `Bearer ${token}`, 'x-request-id': `term-${i}` } }).then(async (r) => ({ i, status: r.status, body: await r.text() }));
    const first = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => fire(i)));
    const inFlight = Array.from({ length: 30 }, (_, i) => fire(100 + i));
    await new Promise((r) => setTimeout(r, 2));
    await Promise.all([t.app.close(), Promise.allSettled(inFlight)]);
    const answered = [...first, ...(await Promise.allSettled(inFlight))].flatMap((s) => (s.status === 'fulfilled' && s.value.status === 200 ? [s.value.i] : []));
    expect(answered.length).toBeGreaterThanOrEqual(30);

    const path = (t.config.facadeDb as { path: string }).path;
    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT request_id AS id, COUNT(*) AS n FROM phi_audit_events GROUP BY request_id').all() as { id: string; n: number }[];
    db.close();
    const events = new Map(rows.map((r) => [r.id, r.n]));
    // Amy and Bob of practice A: two patients, two events per answered search.
    expect(answered.filter((i) => events.get(`term-${i}`) !== 2)).toEqual([]);
    const store = await openFacadeStore(t.config.facadeDb);
    try {
      expect(await store.phiAudit.verify()).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  });
});
