/**
 * Low-cardinality labels of HTTP metrics: the status class, and why a request was refused. Every label has a
 * closed set of values (never an id, a client id, a path or a query value).
 */

/** `2xx`, `4xx` ... */
export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
}

/**
 * Why a request was refused, from its status: `unauthenticated` (401: no, bad, expired or revoked token),
 * `forbidden` (403: scopes), `not_found` (404: unknown id OR an id outside the token's patient/practice; the
 * facade answers both alike on purpose, so the metric cannot tell them apart either), `method_not_allowed`,
 * `not_acceptable`, `too_large` (413), `unsupported_media_type`, `invalid` (400/422: validation),
 * `precondition_failed` (412), `rate_limited` (429), `unavailable` (503), `other_4xx`. Undefined for anything else.
 */
export function rejectionReason(status: number): string | undefined {
  switch (status) {
    case 400:
    case 422:
      return 'invalid';
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 406:
      return 'not_acceptable';
    case 412:
      return 'precondition_failed';
    case 413:
      return 'too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    case 503:
      return 'unavailable';
    default:
      return status >= 400 && status < 500 ? 'other_4xx' : undefined;
  }
}

/** Outcomes of bearer-token checks (`fhir_token_verifications_total{outcome}`). */
export const TOKEN_OUTCOMES = ['valid', 'valid_cached', 'missing', 'malformed', 'signature', 'expired', 'issuer', 'audience', 'revoked', 'claims', 'error'] as const;
export type TokenOutcome = (typeof TOKEN_OUTCOMES)[number];
