/**
 * The authorization server's `/metrics`: refused without the bearer secret, and counting requests by endpoint
 * group and status class (never a path value such as a client id).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAuth, type AuthHarness } from './support/auth-harness.js';

const METRICS_TOKEN = 'auth-metrics-secret-0123456789';

describe('auth app /metrics', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuth('sqlite', { METRICS_TOKEN });
  });
  afterAll(async () => h?.close());

  it('refuses without the secret and counts requests per endpoint group', async () => {
    expect((await fetch(`${h.base}/metrics`)).status).toBe(401);
    expect((await fetch(`${h.base}/metrics`, { headers: { authorization: 'Bearer wrong-secret-0123456789' } })).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await fetch(`${h.base}/.well-known/openid-configuration`)).status).toBe(200);
    expect((await fetch(`${h.base}/jwks`)).status).toBe(200);
    const token = await fetch(`${h.base}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=secret-client-name-xyz' });
    expect(token.status).toBeGreaterThanOrEqual(400);
    await fetch(`${h.base}/no-such-client-xyz/page`);

    const res = await fetch(`${h.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    const count = (labels: string) => text.split('\n').find((l) => l.startsWith(`http_server_request_duration_count{${labels}}`))?.split(' ')[1];
    expect(count('fhir_interaction="discovery",fhir_resource_type="-",http_status_class="2xx"')).toBe('2');
    expect(count('fhir_interaction="jwks",fhir_resource_type="-",http_status_class="2xx"')).toBe('1');
    expect(count('fhir_interaction="token",fhir_resource_type="-",http_status_class="4xx"')).toBe('1');
    expect(count('fhir_interaction="other",fhir_resource_type="-",http_status_class="4xx"')).toBe('1');
    expect(text).toMatch(/^http_server_rejected_requests_total\{reason="(unauthenticated|invalid)"\} \d+$/m);
    expect(text).not.toContain('secret-client-name-xyz');
    expect(text).not.toContain('no-such-client-xyz');
  });
});
