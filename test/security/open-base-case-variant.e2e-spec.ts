/**
 * REGRESSION TEST (was a low finding of this suite, since fixed): `/OPEN/...` (any case variant of the base) is routed by Express's case-insensitive router to the
 * FHIR controller, but `baseOf()` in apps/fhir-api/src/http/fhir.controller.ts only recognises the lower-case
 * `/open/` prefix, so the request is treated as `/fhir`. A user/ token (no patient in context) is then served on a
 * path of the patient-app base, which the product rule forbids ("/open accepts only tokens with a patient in
 * context"); proxies, rate limits or audit rules keyed on `/open` are bypassed. No data beyond what the token may
 * read on /fhir is exposed (the audience is still checked against /fhir).
 * Fix: `app.set('case sensitive routing', true)` (or a case-insensitive baseOf that also checks the audience).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAttackBed, type AttackBed } from './support/fhir-attack.js';

describe('the /open base cannot be reached by a user/ token through a case variant', () => {
  let b: AttackBed;
  beforeAll(async () => {
    b = await startAttackBed();
  });
  afterAll(async () => b?.close());

  it('refuses /OPEN and /Open for a token without a patient in context', async () => {
    const user = await b.t.mint({ scope: 'user/*.rs', practice: b.c.practiceA });
    for (const path of [`/OPEN/Patient/${b.c.amy}`, `/Open/Patient?name=shaw`, `/oPeN/Observation?patient=${b.c.amy}`]) {
      const res = await b.get(user, path);
      expect(res.status).not.toBe(200);
    }
  });
});
