/** Test helpers of the request limiter's specs (kept out of dist/ by tsconfig.build.json's `testing/` exclusion). */
import { FhirError } from '#facade/fhir';
import type { RequestLimiter, Release, LimitSubject } from '../request-limiter.js';

/** Limits small enough for a spec to reach: 5 / 8 per minute, 2 / 3 at once (app / practice). */
export const specDefaults = { enabled: true, app: { perMinute: 5, concurrent: 2 }, practice: { perMinute: 8, concurrent: 3 } };

/** admit may answer synchronously or with a promise; either way a refusal is a FhirError. */
export async function admit(l: RequestLimiter, s: LimitSubject): Promise<Release | FhirError> {
  try {
    return await l.admit(s);
  } catch (e) {
    if (e instanceof FhirError) return e;
    throw e;
  }
}
