/**
 * REGRESSION TEST (was a MEDIUM finding of issue 13, since fixed): FHIR answers carrying PHI had no
 * `Cache-Control: no-store` (a shared or browser cache could keep a chart). Fix: the FHIR server's request
 * dispatcher (apps/fhir-api/src/http/front/install.ts) sets `no-store`, `Pragma: no-cache` and `nosniff` on every
 * answer (libs/config/src/http-server.ts `setNoStoreHeaders`).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAttackBed, type AttackBed } from './support/fhir-attack.js';

describe('FHIR answers are never cached', () => {
  let b: AttackBed;
  beforeAll(async () => {
    b = await startAttackBed();
  });
  afterAll(async () => b?.close());

  it('reads, searches and errors carry no-store, no-cache and nosniff', async () => {
    const token = await b.t.mint({ scope: 'patient/*.rs', patient: String(b.c.amy), practice: b.c.practiceA });
    const answers = [
      await b.get(token, `/fhir/Patient/${b.c.amy}`),
      await b.get(token, `/fhir/Observation?patient=${b.c.amy}`),
      await b.get('not-a-token', `/fhir/Patient/${b.c.amy}`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 401]);
    for (const r of answers) {
      expect([r.headers['cache-control'], r.headers.pragma, r.headers['x-content-type-options']]).toEqual(['no-store', 'no-cache', 'nosniff']);
    }
  });
});
