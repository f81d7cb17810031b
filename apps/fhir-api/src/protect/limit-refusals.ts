/** The request limiter's refusals (429 `throttled` with `Retry-After`) and its once-only release. */
import { FhirError } from '#facade/fhir';
import type { RequestLimits } from '#facade/config';

function throttled(messageCode: string, diagnostics: string, retryAfterS: number): FhirError {
  return FhirError.of(429, { code: 'throttled', messageCode, diagnostics }, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterS))) });
}

const what = (i: number) => (i === 0 ? 'this app' : 'this practice');
export const rateLimited = (i: number, l: RequestLimits, msBeforeNext: number) =>
  throttled('RATE_LIMITED', `Too many requests for ${what(i)} (${l.perMinute} per minute). Retry after the time in Retry-After.`, msBeforeNext / 1000);
export const concurrencyLimited = (i: number, l: RequestLimits) => throttled('CONCURRENCY_LIMITED', `Too many requests at once for ${what(i)} (${l.concurrent}). Retry shortly.`, 1);

/** `f` run at most once (a release is idempotent). */
export function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    f();
  };
}
