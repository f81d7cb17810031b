import { describe, expect, it } from '@jest/globals';
import {
  FhirError,
  conflict,
  forbidden,
  gone,
  internal,
  invalid,
  isFhirError,
  methodNotAllowed,
  notAcceptable,
  notFound,
  notSupported,
  preconditionFailed,
  throttled,
  tooCostly,
  unauthorized,
  unavailable,
  unsupportedMediaType,
} from './fhir-error.js';
import { HL7_MESSAGE_SYSTEM, LOCAL_MESSAGE_SYSTEM, operationOutcome } from './operation-outcome.js';

describe('FhirError factories', () => {
  it.each([
    [notFound('Patient', '42'), 404, 'not-found', 'MSG_NO_EXIST', /Patient\/42/],
    [notFound('Spaceship'), 404, 'not-found', 'MSG_UNKNOWN_TYPE', /Spaceship/],
    [gone('Patient', '42'), 410, 'deleted', 'MSG_DELETED_ID', /deleted/],
    [invalid('bad id'), 400, 'invalid', 'MSG_BAD_SYNTAX', /bad id/],
    [notSupported('no chaining'), 400, 'not-supported', 'MSG_PARAM_UNKNOWN', /no chaining/],
    [forbidden(), 403, 'forbidden', 'AUTH_FORBIDDEN', /not permit/],
    [unauthorized(), 401, 'login', 'MSG_AUTH_REQUIRED', /Authentication/],
    [conflict('version'), 409, 'conflict', 'MSG_VERSION_AWARE_CONFLICT', /version/],
    [preconditionFailed('If-Match'), 412, 'conflict', 'PRECONDITION_FAILED', /If-Match/],
    [tooCostly('unbounded'), 422, 'too-costly', 'SEARCH_TOO_COSTLY', /unbounded/],
    [throttled(), 429, 'throttled', 'THROTTLED', /Too many/],
    [notAcceptable('text/csv'), 406, 'not-supported', 'FORMAT_NOT_ACCEPTABLE', /text\/csv/],
    [unsupportedMediaType('text/csv'), 415, 'not-supported', 'FORMAT_UNSUPPORTED_MEDIA_TYPE', /text\/csv/],
    [methodNotAllowed('no delete'), 405, 'not-supported', 'MSG_OP_NOT_ALLOWED', /no delete/],
    [internal('c-123'), 500, 'exception', 'INTERNAL_ERROR', /correlation id c-123/],
    [unavailable('c-9'), 503, 'transient', 'SERVICE_UNAVAILABLE', /c-9/],
  ])('%#: status %i, issue code %s, message code %s', (error, status, code, messageCode, text) => {
    expect(error).toBeInstanceOf(FhirError);
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(status);
    expect(error.messageCode).toBe(messageCode);
    expect(error.outcome.resourceType).toBe('OperationOutcome');
    const [issue] = error.outcome.issue;
    expect(issue.severity).toBe('error');
    expect(issue.code).toBe(code);
    expect(issue.diagnostics).toMatch(text);
    expect(issue.details?.coding?.[0]).toEqual({
      system: messageCode.startsWith('MSG_') ? HL7_MESSAGE_SYSTEM : LOCAL_MESSAGE_SYSTEM,
      code: messageCode,
    });
    expect(error.message).toBe(issue.diagnostics);
  });

  it('lets callers override the message code, add an expression and response headers', () => {
    const e = invalid('birthDate is in the future', {
      messageCode: 'PATIENT_BIRTHDATE_FUTURE',
      expression: 'Patient.birthDate',
      headers: { 'X-A': 'b' },
    });
    expect(e.outcome.issue[0].expression).toEqual(['Patient.birthDate']);
    expect(e.messageCode).toBe('PATIENT_BIRTHDATE_FUTURE');
    expect(e.headers).toEqual({ 'X-A': 'b' });
  });

  it('sets WWW-Authenticate on 401 and keeps caller headers', () => {
    expect(unauthorized().headers).toEqual({ 'WWW-Authenticate': 'Bearer' });
    expect(unauthorized('expired', { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } }).headers).toEqual({
      'WWW-Authenticate': 'Bearer error="invalid_token"',
    });
  });

  it('does not carry the cause of an internal error into the outcome', () => {
    const e = internal('abc');
    expect(JSON.stringify(e.outcome)).not.toMatch(/stack|SELECT|at /);
  });

  it('builds one outcome from several issues', () => {
    const e = FhirError.of(400, [
      { code: 'invalid', diagnostics: 'a', expression: 'x' },
      { code: 'not-supported', severity: 'warning', diagnostics: 'b' },
    ]);
    expect(e.outcome.issue).toEqual([
      { severity: 'error', code: 'invalid', diagnostics: 'a', expression: ['x'] },
      { severity: 'warning', code: 'not-supported', diagnostics: 'b' },
    ]);
    expect(e.messageCode).toBe('UNSPECIFIED');
  });

  it('recognises FhirError-shaped objects', () => {
    expect(isFhirError(notFound('Patient', '1'))).toBe(true);
    expect(isFhirError({ status: 404, outcome: { resourceType: 'OperationOutcome', issue: [] } })).toBe(true);
    expect(isFhirError(new Error('x'))).toBe(false);
    expect(isFhirError(null)).toBe(false);
  });

  it('refuses an OperationOutcome without issues', () => {
    expect(() => operationOutcome([])).toThrow(RangeError);
  });
});
