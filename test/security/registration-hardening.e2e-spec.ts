/**
 * Issue 13, registration: `POST /reg` was open and unthrottled (150 apps in 2 s), one app carried 3,000 redirect
 * URIs, and /reg and /connect silently widened the scopes asked for (offline_access, online_access,
 * launch/encounter, profile, launch). Request and answer before/after: test/security/README.md.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { APP_REDIRECT, startAuth, type AuthHarness } from '../auth/protocol/support/auth-harness.js';

const TOKEN = 'initial-access-token-for-tests';

async function reg(h: AuthHarness, body: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${h.base}/reg`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, retryAfter: res.headers.get('retry-after') };
}
const app = (over: Record<string, unknown> = {}) => ({ client_name: 'Reg', redirect_uris: [APP_REDIRECT], token_endpoint_auth_method: 'none', scope: 'patient/*.rs', ...over });

describe('RFC 7591 registration is closed by default', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuth();
  });
  afterAll(async () => h?.close());

  it('refuses POST /reg without AUTH_REGISTRATION_TOKEN configured: 401 invalid_token, nothing stored', async () => {
    const before = (await h.store.clients.listAll()).length;
    const r = await reg(h, app());
    expect(r.status).toBe(401);
    expect(r.body.error).toBe('invalid_token');
    expect(String(r.body.error_description)).toMatch(/Connect portal/);
    expect((await reg(h, app(), 'anything-at-all-1234')).status).toBe(401);
    expect((await h.store.clients.listAll()).length).toBe(before);
  });
});

describe('RFC 7591 registration with the initial access token', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuth('sqlite', { AUTH_REGISTRATION_TOKEN: TOKEN, AUTH_REGISTRATION_PER_HOUR: '12' });
  });
  afterAll(async () => h?.close());

  it('registers exactly the scopes asked for (no offline_access, online_access, launch, launch/encounter or profile added)', async () => {
    const r = await reg(h, app({ scope: 'launch/patient openid patient/Observation.rs' }), TOKEN);
    expect(r.status).toBe(201);
    expect(r.body.scope).toBe('launch/patient openid patient/Observation.rs');
    expect((await h.store.clients.find(String(r.body.client_id)))?.scope).toBe('launch/patient openid patient/Observation.rs');
  });

  it('bounds redirect URIs (count and length), names and contacts; keeps the contacts for the clinics', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => `https://app.example/cb${i}`);
    const cases: [Record<string, unknown>, RegExp][] = [
      [app({ redirect_uris: many }), /redirectUris: at most 10/],
      [app({ redirect_uris: [`https://app.example/${'a'.repeat(2100)}`] }), /at most 2000 characters/],
      [app({ client_name: 'N'.repeat(101) }), /name: required, at most 100/],
      [app({ contacts: ['a@b.example', 'c@d.example', 'e@f.example', 'g@h.example', 'i@j.example', 'k@l.example'] }), /contacts: at most 5/],
      [app({ contacts: ['not an address'] }), /not an e-mail address/],
      [app({ scope: Array.from({ length: 61 }, (_, i) => `patient/T${'x'.repeat(i % 5)}${String.fromCharCode(97 + (i % 26))}.rs`).join(' ') }), /at most 60 scopes/],
    ];
    for (const [body, message] of cases) {
      const r = await reg(h, body, TOKEN);
      expect(`${r.status} ${String(r.body.error_description)}`).toMatch(new RegExp(`^400 .*${message.source}`));
    }
    const ok = await reg(h, app({ contacts: ['dev@app.example'], smart_practice_ids: [h.practiceId] }), TOKEN);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ contacts: ['dev@app.example'], smart_practice_ids: [h.practiceId] });
  });

  it('limits registrations per client IP with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const r = await reg(h, app({ client_name: `Burst ${i}` }), TOKEN);
      statuses.push(r.status);
      if (r.status === 429) retryAfter = r.retryAfter;
    }
    // 12 per hour in this harness; the tests above used 1 + 7 of them (refused requests count too).
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
