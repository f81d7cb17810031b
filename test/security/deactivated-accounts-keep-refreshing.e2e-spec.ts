/**
 * REGRESSION TEST (was a HIGH finding of this suite, since fixed): an account that may no longer sign in keeps its apps' access for the whole refresh-token
 * lifetime (3 months by default): an EHR user set inactive (ACTIVE_YN = 'N', e.g. an employee who left) or locked,
 * and a portal account set inactive, still refresh and get new access tokens; a provider's user/ token reaches every
 * patient of the practice. oidc-provider's refresh_token grant (apps/auth/src/oidc/provider-config.ts:
 * `findAccount` / `extraTokenClaims`) never re-reads the USERS / PORTAL_ACCOUNT row, and the FHIR API cannot know.
 * Fix: on every refresh, re-check the account with the login rules (apps/auth/src/accounts/login-rules.ts
 * `canAttemptLogin`) and, for a proxied chart, that the PORTAL_PROXY row is still current; refuse with
 * invalid_grant (and revoke the grant) otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addPatient, addPortalAccount, addProxy, addUser } from '../../apps/auth/src/testing/legacy-fixtures.js';
import { APP_REDIRECT, FHIR, basic, pkce, registerApp, runAuthorization, startAuth, tokenRequest, type AuthHarness } from '../auth/protocol/support/auth-harness.js';

describe('refresh tokens of accounts that may no longer sign in', () => {
  let h: AuthHarness;
  let app: { clientId: string; secret?: string };
  beforeAll(async () => {
    h = await startAuth();
    app = await registerApp(h);
  });
  afterAll(async () => h?.close());

  const auth = () => ({ authorization: basic(app.clientId, String(app.secret)) });
  async function refreshToken(aud: 'fhir' | 'open', decision: Record<string, unknown>): Promise<string> {
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: app.clientId, scope: 'launch/patient openid offline_access patient/*.rs', challenge, aud: `${FHIR}/${aud}` }, decision);
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: String(r.code), redirect_uri: APP_REDIRECT, code_verifier: verifier }, auth());
    expect(t.status).toBe(200);
    return String(t.body.refresh_token);
  }
  const refresh = (rt: string) => tokenRequest(h, { grant_type: 'refresh_token', refresh_token: rt }, auth());

  it.each([['inactive', { ACTIVE_YN: 'N' }], ['locked', { LOCKED_YN: 'Y' }]] as const)('a %s EHR user cannot refresh', async (_label, change) => {
    const userId = await addUser(h.legacy, h.practiceId, `leaver.${_label}`, 'Pw#leaver-123');
    const rt = await refreshToken('fhir', { accountId: `user:${userId}`, patientId: h.patientId });
    await h.legacy.createQueryBuilder().update('USERS').set(change).where('USER_ID = :id', { id: userId }).execute();
    const res = await refresh(rt);
    expect(res.status).toBe(400);
    expect(res.body.access_token).toBeUndefined();
  });

  it('an inactive portal account cannot refresh', async () => {
    const pat = await addPatient(h.legacy, h.practiceId, { MRN: 'SEC-P1' });
    const portal = await addPortalAccount(h.legacy, pat, 'closed.portal', 'Pw#closed-123');
    const rt = await refreshToken('open', { accountId: `portal:${portal}`, patientId: pat, fhirUser: `Patient/${pat}` });
    await h.legacy.createQueryBuilder().update('PORTAL_ACCOUNT').set({ ACTIVE_YN: 'N' }).where('PORTAL_ID = :id', { id: portal }).execute();
    expect((await refresh(rt)).status).toBe(400);
  });

  it("a portal account whose proxy ended cannot refresh the proxied chart's token", async () => {
    const parent = await addPatient(h.legacy, h.practiceId, { MRN: 'SEC-PAR' });
    const child = await addPatient(h.legacy, h.practiceId, { MRN: 'SEC-CHI', DOB: '2015-01-01' });
    const portal = await addPortalAccount(h.legacy, parent, 'parent.portal', 'Pw#parent-123');
    await addProxy(h.legacy, portal, child, '2020-01-01', null);
    const rt = await refreshToken('open', { accountId: `portal:${portal}`, patientId: child, fhirUser: `Patient/${parent}` });
    await h.legacy.createQueryBuilder().update('PORTAL_PROXY').set({ END_DATE: '2021-01-01' }).where('PORTAL_ID = :id AND PAT_ID = :pat', { id: portal, pat: child }).execute();
    expect((await refresh(rt)).status).toBe(400);
  });
});
