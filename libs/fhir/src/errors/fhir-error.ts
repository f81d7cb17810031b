/**
 * The one error type of the FHIR facade: an HTTP status plus the OperationOutcome to send. The exception filter
 * of the app writes `error.outcome` with `error.status`; nothing else about the error reaches the client.
 */
import { operationOutcome, type IssueCode, type IssueInput, type OperationOutcome } from './operation-outcome.js';

/** Options shared by the factory helpers. */
export interface FhirErrorOptions {
  /** Stable message code overriding the factory's default. */
  messageCode?: string;
  /** FHIRPath expression(s) or parameter name(s) the issue is about. */
  expression?: string | string[];
  /** Extra response headers the filter should set (e.g. `WWW-Authenticate`, `Retry-After`). */
  headers?: Record<string, string>;
}

/** An error with an HTTP status and an OperationOutcome (https://hl7.org/fhir/R4/http.html#ops). */
export class FhirError extends Error {
  override readonly name = 'FhirError';
  /** The stable message code of the first issue (e.g. `MSG_NO_EXIST`). */
  readonly messageCode: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    readonly status: number,
    readonly outcome: OperationOutcome,
    headers: Record<string, string> = {},
  ) {
    super(outcome.issue[0]?.diagnostics ?? `FHIR error ${status}`);
    this.messageCode = outcome.issue[0]?.details?.coding?.[0]?.code ?? 'UNSPECIFIED';
    this.headers = headers;
  }

  /** An error from issue inputs (one OperationOutcome with all of them). */
  static of(status: number, issues: IssueInput | readonly IssueInput[], headers?: Record<string, string>): FhirError {
    return new FhirError(status, operationOutcome(issues), headers);
  }
}

/** True for a {@link FhirError}, also across module copies (checks the shape, not only the prototype). */
export function isFhirError(value: unknown): value is FhirError {
  if (value instanceof FhirError) return true;
  const v = value as Partial<FhirError> | null;
  return !!v && typeof v === 'object' && typeof v.status === 'number' && v.outcome?.resourceType === 'OperationOutcome';
}

function make(status: number, code: IssueCode, defaultMessageCode: string, diagnostics: string, opts: FhirErrorOptions = {}): FhirError {
  return FhirError.of(
    status,
    { code, messageCode: opts.messageCode ?? defaultMessageCode, diagnostics, expression: opts.expression },
    opts.headers,
  );
}

/** 404 `not-found`, `MSG_NO_EXIST`: the resource does not exist (or is not visible to the caller). */
export function notFound(resourceType: string, id?: string, opts?: FhirErrorOptions): FhirError {
  const what = id === undefined ? `Resource type ${resourceType}` : `Resource ${resourceType}/${id}`;
  return make(404, 'not-found', id === undefined ? 'MSG_UNKNOWN_TYPE' : 'MSG_NO_EXIST', `${what} is not known`, opts);
}

/** 410 `deleted`, `MSG_DELETED_ID`: the resource existed and was deleted. */
export function gone(resourceType: string, id: string, opts?: FhirErrorOptions): FhirError {
  return make(410, 'deleted', 'MSG_DELETED_ID', `Resource ${resourceType}/${id} has been deleted`, opts);
}

/** 400 `invalid` (`MSG_BAD_SYNTAX` unless a specific code is given): a malformed request or value. */
export function invalid(diagnostics: string, opts?: FhirErrorOptions): FhirError {
  return make(400, 'invalid', 'MSG_BAD_SYNTAX', diagnostics, opts);
}

/** 400 `not-supported` (`MSG_PARAM_UNKNOWN` unless given): a valid FHIR feature this server does not offer. */
export function notSupported(diagnostics: string, opts?: FhirErrorOptions & { status?: number }): FhirError {
  return make(opts?.status ?? 400, 'not-supported', 'MSG_PARAM_UNKNOWN', diagnostics, opts);
}

/** 403 `forbidden`: authenticated, but the token's scopes or compartment do not allow this. */
export function forbidden(diagnostics = 'The access token does not permit this request', opts?: FhirErrorOptions): FhirError {
  return make(403, 'forbidden', 'AUTH_FORBIDDEN', diagnostics, opts);
}

/** 401 `login`, `MSG_AUTH_REQUIRED`: no or invalid access token. Set `WWW-Authenticate` via `opts.headers`. */
export function unauthorized(diagnostics = 'Authentication is required', opts?: FhirErrorOptions): FhirError {
  return make(401, 'login', 'MSG_AUTH_REQUIRED', diagnostics, {
    ...opts,
    headers: { 'WWW-Authenticate': 'Bearer', ...opts?.headers },
  });
}

/** 409 `conflict`: the request conflicts with the current state of the resource. */
export function conflict(diagnostics: string, opts?: FhirErrorOptions): FhirError {
  return make(409, 'conflict', 'MSG_VERSION_AWARE_CONFLICT', diagnostics, opts);
}

/** 412 `conflict`: an `If-Match` / conditional precondition failed. */
export function preconditionFailed(diagnostics: string, opts?: FhirErrorOptions): FhirError {
  return make(412, 'conflict', 'PRECONDITION_FAILED', diagnostics, opts);
}

/** 422 (or given status) `too-costly`: the request would need too many resources (e.g. an unbounded search). */
export function tooCostly(diagnostics: string, opts?: FhirErrorOptions & { status?: number }): FhirError {
  return make(opts?.status ?? 422, 'too-costly', 'SEARCH_TOO_COSTLY', diagnostics, opts);
}

/** 429 `throttled`: rate limit reached; pass `Retry-After` via `opts.headers`. */
export function throttled(diagnostics = 'Too many requests', opts?: FhirErrorOptions): FhirError {
  return make(429, 'throttled', 'THROTTLED', diagnostics, opts);
}

/** 406 `not-supported`: no acceptable representation for the `Accept` header / `_format`. */
export function notAcceptable(diagnostics: string, opts?: FhirErrorOptions): FhirError {
  return make(406, 'not-supported', 'FORMAT_NOT_ACCEPTABLE', diagnostics, opts);
}

/** 415 `not-supported`: a request body in a media type the server cannot read. */
export function unsupportedMediaType(diagnostics: string, opts?: FhirErrorOptions): FhirError {
  return make(415, 'not-supported', 'FORMAT_UNSUPPORTED_MEDIA_TYPE', diagnostics, opts);
}

/** 405 `not-supported`: the interaction is not offered for this resource type. */
export function methodNotAllowed(diagnostics: string, opts?: FhirErrorOptions): FhirError {
  return make(405, 'not-supported', 'MSG_OP_NOT_ALLOWED', diagnostics, opts);
}

/**
 * 500 `exception` with a generic text and the correlation id, so that support can find the logged stack.
 * Never put the underlying error's message here: it may contain SQL or patient data.
 */
export function internal(correlationId: string, opts?: FhirErrorOptions): FhirError {
  return make(500, 'exception', 'INTERNAL_ERROR', `An unexpected error occurred (correlation id ${correlationId})`, opts);
}

/** 503 `transient`: a dependency (database, cache) is unavailable; the client may retry. */
export function unavailable(correlationId: string, opts?: FhirErrorOptions): FhirError {
  return make(503, 'transient', 'SERVICE_UNAVAILABLE', `The service is temporarily unavailable (correlation id ${correlationId})`, opts);
}
