/**
 * REGRESSION TEST (was a low finding of this suite, since fixed): the introspection endpoint (apps/auth/src/oidc/token-endpoints.controller.ts, `introspect`)
 * answers for ANY token to ANY authenticated caller: another app's client credentials, or merely any valid access
 * token presented as a bearer. For an opaque refresh token it reveals that it is active, its scope, client_id and
 * `sub` (the account) and the SMART context; for access tokens it confirms validity (a token-testing oracle).
 * Revocation, by contrast, correctly checks `client_id === caller.clientId`.
 * Fix: answer `{"active":false}` unless the caller is the token's own client or a registered resource server
 * (e.g. a dedicated "introspection" client flag), as oidc-provider's introspectionAllowedPolicy does by default.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { APP_REDIRECT, basic, pkce, registerApp, runAuthorization, startAuth, tokenRequest, type AuthHarness } from '../auth/protocol/support/auth-harness.js';

describe('introspection by a client that does not own the token', () => {
  let h: AuthHarness;
  let app: { clientId: string; secret?: string };
  let other: { clientId: string; secret?: string };
  beforeAll(async () => {
    h = await startAuth();
    app = await registerApp(h);
    other = await registerApp(h, { name: 'Other' });
  });
  afterAll(async () => h?.close());

  it("reveals nothing about another client's tokens", async () => {
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: app.clientId, scope: 'launch/patient openid offline_access patient/*.rs', challenge }, { patientId: h.patientId });
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: String(r.code), redirect_uri: APP_REDIRECT, code_verifier: verifier }, { authorization: basic(app.clientId, String(app.secret)) });
    const ask = async (token: string, authorization: string) => {
      const res = await fetch(`${h.base}/token/introspection`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization }, body: new URLSearchParams({ token }) });
      return res.json();
    };
    expect(await ask(String(t.body.refresh_token), basic(other.clientId, String(other.secret)))).toEqual({ active: false });
    expect(await ask(String(t.body.access_token), basic(other.clientId, String(other.secret)))).toEqual({ active: false });
  });
});
