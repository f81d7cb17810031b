/**
 * REGRESSION TEST (was a medium finding of this suite, since fixed): revoking an app in the License Management portal ("its tokens were revoked") only suspends
 * them: once the practice approves the app again, every refresh token issued BEFORE the revocation works again
 * and mints new access tokens (iat after the revocation, so the FHIR API's approval check passes too). A stolen
 * refresh token, the reason an administrator revokes an app, survives the revocation; patients never re-consent.
 * Cause: the revoke action (apps/auth/src/portals/license/license.controller.ts `decide`, action 'revoke') calls
 * `store.approvals.revoke` only; the refresh path (`extraTokenClaims` in apps/auth/src/oidc/provider-config.ts)
 * checks that an approval is active NOW and that the grant itself was not revoked, never whether the grant
 * predates the last revocation. Fix: on revoke, revoke every grant of (client, practice) as the Connect portal's
 * delete does (`revokeGrant` for `grantContexts.listByClient`), or refuse grants created before the approval's
 * latest revocation.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addUser } from '../../apps/auth/src/testing/legacy-fixtures.js';
import { APP_REDIRECT, basic, pkce, registerApp, runAuthorization, startAuth, tokenRequest, type AuthHarness } from '../auth/protocol/support/auth-harness.js';
import { ScreenSession, csrfOf } from './support/auth-browser.js';

describe('revoking an app in the License Management portal', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuth();
    await addUser(h.legacy, h.practiceId, 'admin.sec', 'Pw#admin-sec1', { ROLE_CODE: 'ADMIN' });
  });
  afterAll(async () => h?.close());

  it('ends refresh tokens for good: approving the app again does not revive them', async () => {
    const app = await registerApp(h);
    const auth = { authorization: basic(app.clientId, String(app.secret)) };
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: app.clientId, scope: 'launch/patient openid offline_access patient/*.rs', challenge }, { patientId: h.patientId });
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: String(r.code), redirect_uri: APP_REDIRECT, code_verifier: verifier }, auth);
    expect(t.status).toBe(200);

    const admin = new ScreenSession(h.base);
    expect((await admin.submit('/admin', '/admin/signin', { login: 'admin.sec', password: 'Pw#admin-sec1' })).status).toBe(303);
    expect((await admin.post(`/admin/apps/${app.clientId}/revoke`, { _csrf: csrfOf((await admin.get('/admin')).html) })).status).toBe(200);
    const during = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: String(t.body.refresh_token) }, auth);
    expect(`while revoked: ${during.status}`).toBe('while revoked: 400');
    expect((await admin.post(`/admin/apps/${app.clientId}/approve`, { _csrf: csrfOf((await admin.get('/admin')).html) })).status).toBe(200);

    const revived = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: String(t.body.refresh_token) }, auth);
    expect(`after re-approval: ${revived.status}`).toBe('after re-approval: 400');
    expect(revived.body.access_token).toBeUndefined();
  });
});
