import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccessTokenVerifier, InvalidTokenError } from '#facade/security';
import { APP_REDIRECT, FHIR, basic, pkce, registerApp, runAuthorization, startAuth, tokenRequest, type AuthHarness } from './support/auth-harness.js';

/**
 * The contract with the FHIR API: its verifier (libs/security) accepts our access tokens for the right base only,
 * and stops accepting them once the revocation feed (facade store) reports the token, grant or approval revoked.
 */
describe('access tokens against the FHIR API verifier and the revocation feed', () => {
  let h: AuthHarness;
  let app: { clientId: string; secret?: string };
  let verifier: AccessTokenVerifier;

  beforeAll(async () => {
    h = await startAuth();
    app = await registerApp(h);
    verifier = new AccessTokenVerifier({ issuer: h.base, revocations: h.store.revocations });
  });
  afterAll(async () => h?.close());

  async function issue() {
    const { verifier: v, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: app.clientId, scope: 'launch/patient openid fhirUser offline_access patient/*.rs', challenge }, { patientId: h.patientId });
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: r.code as string, redirect_uri: APP_REDIRECT, code_verifier: v }, { authorization: basic(app.clientId, app.secret as string) });
    return t.body as Record<string, string>;
  }
  const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof InvalidTokenError ? e.code : String(e)));

  it('accepts the token for /fhir with the claims the FHIR API needs, and refuses it for /open', async () => {
    const t = await issue();
    const claims = await verifier.verify(t.access_token, `${FHIR}/fhir`);
    expect(claims).toMatchObject({ client_id: app.clientId, patient: String(h.patientId), practice: h.practiceId });
    expect(await code(verifier.verify(t.access_token, `${FHIR}/open`))).toBe('audience');
  });

  it('a revoked access token stops at the next poll', async () => {
    const t = await issue();
    await verifier.pollRevocations();
    expect(await code(verifier.verify(t.access_token, `${FHIR}/fhir`))).toBe('accepted');
    await fetch(`${h.base}/token/revocation`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(app.clientId, app.secret as string) }, body: new URLSearchParams({ token: t.access_token }) });
    await verifier.pollRevocations();
    expect(await code(verifier.verify(t.access_token, `${FHIR}/fhir`))).toBe('revoked');
  });

  it('revoking the refresh token ends the access tokens of its grant', async () => {
    const t = await issue();
    await fetch(`${h.base}/token/revocation`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(app.clientId, app.secret as string) }, body: new URLSearchParams({ token: t.refresh_token }) });
    await verifier.pollRevocations();
    expect(await code(verifier.verify(t.access_token, `${FHIR}/fhir`))).toBe('revoked');
  });

  it('revoking the practice approval ends the app\'s tokens for that practice', async () => {
    const t = await issue();
    await h.store.approvals.revoke(app.clientId, h.practiceId, 'admin');
    await verifier.pollRevocations();
    expect(await code(verifier.verify(t.access_token, `${FHIR}/fhir`))).toBe('revoked');
    await h.store.approvals.approve(app.clientId, h.practiceId, 'admin');
  });
});
