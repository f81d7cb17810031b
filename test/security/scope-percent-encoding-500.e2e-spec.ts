/**
 * REGRESSION TEST (was a low finding of this suite, since fixed): a granular scope with a malformed percent-escape (`patient/Observation.rs?category=%E0`, which the
 * auth server's grammar in apps/auth/src/oidc/smart-scopes.ts accepts) makes `decodeURIComponent` throw a URIError
 * in `parseResourceScope()` (libs/security/src/scopes/smart-scope.ts), called by `authenticate()` in
 * apps/fhir-api/src/service/request-auth.ts outside its try: EVERY request with that token is a 500
 * INTERNAL_ERROR instead of a 401/403 (no data leaks; availability and log noise).
 * Fix: catch the URIError in parseResourceScope and treat the scope as malformed (grants nothing); the auth
 * server should refuse such scopes too.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAttackBed, type AttackBed } from './support/fhir-attack.js';

describe('a malformed percent-escape in a scope', () => {
  let b: AttackBed;
  beforeAll(async () => {
    b = await startAttackBed();
  });
  afterAll(async () => b?.close());

  it('is refused or ignored, never a 500', async () => {
    const tok = await b.t.mint({ scope: 'patient/Observation.rs?category=%E0 patient/Patient.rs', patient: String(b.c.amy) });
    const obs = await b.get(tok, `/fhir/Observation?patient=${b.c.amy}`);
    expect(obs.status).toBeLessThan(500);
    expect((await b.get(tok, `/fhir/Patient/${b.c.amy}`)).status).toBe(200);
  });
});
