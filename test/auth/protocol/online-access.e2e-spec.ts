/**
 * SMART `permission-online` against `permission-offline`: an `online_access` refresh token lives only as long as
 * the user's sign-in session at the authorization server, an `offline_access` one outlives it. The session is
 * ended the way a user ends it: OpenID Connect RP-initiated logout (`/session/end`, confirmed with its form).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addPortalAccount } from '../../../apps/auth/src/testing/legacy-fixtures.js';
import { FHIR, basic, pkce, registerApp, runAuthorization, startAuth, tokenRequest, type AuthHarness } from './support/auth-harness.js';
import type { CookieJar } from './support/cookie-jar.js';

describe('online_access refresh tokens end with the session; offline_access ones do not', () => {
  let h: AuthHarness;
  let portalAccount: `portal:${number}`;
  beforeAll(async () => {
    h = await startAuth();
    portalAccount = `portal:${await addPortalAccount(h.legacy, h.patientId, 'online.portal', 'Pw#online-acc1')}`;
  });
  afterAll(async () => h?.close());

  /** Signs in on /open with the given access scope; returns the tokens and the browser's cookie jar. */
  async function signedIn(access: 'online_access' | 'offline_access') {
    const app = await registerApp(h);
    const { verifier, challenge } = pkce();
    const scope = `launch/patient openid fhirUser ${access} patient/*.rs`;
    const r = await runAuthorization(h, { clientId: app.clientId, scope, challenge, aud: `${FHIR}/open` }, {
      accountId: portalAccount, fhirUser: `Patient/${h.patientId}`, patientId: h.patientId,
    });
    const auth = { authorization: basic(app.clientId, app.secret as string) };
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: r.code as string, redirect_uri: 'http://localhost:9999/callback', code_verifier: verifier }, auth);
    expect(t.status).toBe(200);
    expect(t.body.refresh_token).toBeTruthy();
    return { app, auth, jar: r.jar, refresh: t.body.refresh_token as string, idToken: t.body.id_token as string };
  }

  /** Ends the browser's session at the authorization server (logout page, then its confirmation form). */
  async function logout(jar: CookieJar, clientId: string, idToken: string): Promise<void> {
    const page = await fetch(`${h.base}/session/end?${new URLSearchParams({ client_id: clientId, id_token_hint: idToken })}`, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(page);
    const html = await page.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(xsrf).toBeTruthy();
    const confirm = await fetch(`${h.base}/session/end/confirm`, {
      method: 'POST', redirect: 'manual', headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }),
    });
    jar.store(confirm);
    expect([302, 303]).toContain(confirm.status);
  }

  it('an online_access refresh token works while signed in and stops after logout', async () => {
    const s = await signedIn('online_access');
    const first = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: s.refresh }, s.auth);
    expect(first.status).toBe(200);
    const next = (first.body.refresh_token as string | undefined) ?? s.refresh;
    await logout(s.jar, s.app.clientId, s.idToken);
    const after = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: next }, s.auth);
    expect(after.status).toBe(400);
    expect(after.body.error).toBe('invalid_grant');
  });

  it('an offline_access refresh token keeps working after the same logout', async () => {
    const s = await signedIn('offline_access');
    await logout(s.jar, s.app.clientId, s.idToken);
    const after = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: s.refresh }, s.auth);
    expect(after.status).toBe(200);
    expect(after.body.access_token).toBeTruthy();
  });
});
