/** Why a token is refused, without jose: modules that only tell these errors apart (request-auth) import this file. */

/** Why a bearer token was refused; becomes a 401 with `WWW-Authenticate: Bearer error="invalid_token"`. */
export class InvalidTokenError extends Error {
  constructor(
    /** Stable code: `malformed`, `signature`, `expired`, `issuer`, `audience`, `revoked`, `claims`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/**
 * The revocation feed could not be read for longer than `maxStaleMs` (the facade store is unreachable): no token is
 * accepted until a poll succeeds again (fail closed; the FHIR API answers 503 with Retry-After).
 */
export class RevocationsUnavailableError extends Error {
  constructor() {
    super('Access tokens cannot be checked right now: the revocation list is out of date');
    this.name = 'RevocationsUnavailableError';
  }
}
