import { describe, expect, it } from '@jest/globals';
import { JsonLogger, accessLogPath, logAccess, requestContext, requestIdFrom } from './logger.js';

describe('access logging', () => {
  it('shows the path without query and hides an odd last segment', () => {
    expect(accessLogPath('/fhir/Patient/123')).toBe('/fhir/Patient/123');
    expect(accessLogPath('/fhir/Patient/_search')).toBe('/fhir/Patient/…');
    expect(accessLogPath('/fhir/Patient/Jane%20Doe')).toBe('/fhir/Patient/…');
  });

  it('writes one line with the request id of the context', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('svc', 'info', (l) => lines.push(l));
    requestContext.run({ requestId: 'r-1' }, () => logAccess(logger, 'GET', '/fhir/Patient/1', 200, performance.now()));
    expect(JSON.parse(lines[0])).toMatchObject({ event: 'http_request', requestId: 'r-1', method: 'GET', path: '/fhir/Patient/1', status: 200 });
  });

  it('keeps a well-formed X-Request-Id and replaces any other', () => {
    expect(requestIdFrom('abc-1.2_3')).toBe('abc-1.2_3');
    expect(requestIdFrom('bad id!')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
