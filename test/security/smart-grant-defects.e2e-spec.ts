/**
 * Issue 13, SMART / (g)(10) defects at the token endpoint, each found with fhirclient or by hand against a
 * running server (request and answer before/after in test/security/README.md):
 * - a replayed authorization code revoked the grant at the auth server only: the FHIR API kept accepting the
 *   first exchange's access token;
 * - a public client's refresh without client_id (fhirclient's default) was refused with 400;
 * - a refresh asking for a narrower scope that the grant covers (SMART subset rule) was refused invalid_scope.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { AccessTokenVerifier, InvalidTokenError } from '#facade/security';
import { APP_REDIRECT, FHIR, basic, pkce, registerApp, runAuthorization, startAuth, tokenRequest, type AuthHarness } from '../auth/protocol/support/auth-harness.js';

const CONTEXT = 'launch/patient openid fhirUser offline_access';

describe('SMART grant defects (issue 13)', () => {
  let h: AuthHarness;
  let confidential: { clientId: string; secret?: string };
  let pub: { clientId: string };
  let verifier: AccessTokenVerifier;

  beforeAll(async () => {
    h = await startAuth();
    confidential = await registerApp(h, { scope: `${CONTEXT} patient/*.rs patient/*.read` });
    pub = await registerApp(h, { name: 'Public App', clientType: 'public', authMethod: 'none', scope: `${CONTEXT} patient/*.rs patient/*.read` });
    verifier = new AccessTokenVerifier({ issuer: h.base, revocations: h.store.revocations });
  });
  afterAll(async () => h?.close());

  const auth = () => ({ authorization: basic(confidential.clientId, confidential.secret as string) });
  async function codeFor(clientId: string, scope: string) {
    const { verifier: v, challenge } = pkce();
    const r = await runAuthorization(h, { clientId, scope, challenge }, { patientId: h.patientId });
    expect(r.code).toBeTruthy();
    return { code: r.code as string, v };
  }
  const outcome = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof InvalidTokenError ? e.code : String(e)));

  it("a replayed authorization code ends the first exchange's access token at the FHIR API too (revocation feed)", async () => {
    const { code, v } = await codeFor(confidential.clientId, `${CONTEXT} patient/*.rs`);
    const first = await tokenRequest(h, { grant_type: 'authorization_code', code, redirect_uri: APP_REDIRECT, code_verifier: v }, auth());
    expect(first.status).toBe(200);
    const at = String(first.body.access_token);
    await verifier.pollRevocations();
    expect(await outcome(verifier.verify(at, `${FHIR}/fhir`))).toBe('accepted');
    const replay = await tokenRequest(h, { grant_type: 'authorization_code', code, redirect_uri: APP_REDIRECT, code_verifier: v }, auth());
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
    await verifier.pollRevocations();
    expect(await outcome(verifier.verify(at, `${FHIR}/fhir`))).toBe('revoked');
  });

  it("a replayed rotated refresh token ends the grant's access tokens at the FHIR API too", async () => {
    const { code, v } = await codeFor(pub.clientId, `${CONTEXT} patient/*.rs`);
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code, redirect_uri: APP_REDIRECT, code_verifier: v, client_id: pub.clientId });
    const next = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: String(t.body.refresh_token), client_id: pub.clientId });
    expect(next.status).toBe(200);
    const replay = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: String(t.body.refresh_token), client_id: pub.clientId });
    expect(replay.status).toBe(400);
    await verifier.pollRevocations();
    expect(await outcome(verifier.verify(String(next.body.access_token), `${FHIR}/fhir`))).toBe('revoked');
  });

  it("a public client's refresh without client_id is bound to the token's own client (fhirclient's default request)", async () => {
    const { code, v } = await codeFor(pub.clientId, `${CONTEXT} patient/*.rs`);
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code, redirect_uri: APP_REDIRECT, code_verifier: v, client_id: pub.clientId });
    expect(t.status).toBe(200);
    const refreshed = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: String(t.body.refresh_token) });
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(String(refreshed.body.access_token))).toMatchObject({ client_id: pub.clientId, patient: String(h.patientId) });
    expect(refreshed.body.patient).toBe(String(h.patientId));
    // Naming another client is still a mismatch, and a confidential client still has to authenticate.
    const asOther = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: String(refreshed.body.refresh_token), client_id: confidential.clientId });
    expect(asOther.status).toBeGreaterThanOrEqual(400);
    expect(asOther.body.access_token).toBeUndefined();
    const c = await codeFor(confidential.clientId, `${CONTEXT} patient/*.rs`);
    const ct = await tokenRequest(h, { grant_type: 'authorization_code', code: c.code, redirect_uri: APP_REDIRECT, code_verifier: c.v }, auth());
    const anonymous = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: String(ct.body.refresh_token) });
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.access_token).toBeUndefined();
  });

  it.each([
    ['v2 type under a v2 wildcard', `${CONTEXT} patient/*.rs`, 'patient/Observation.rs'],
    ['v1 type under a v1 wildcard', `${CONTEXT} patient/*.read`, 'patient/Observation.read'],
    ['search only under read+search', `${CONTEXT} patient/*.rs`, 'patient/Condition.s'],
    ['a category under the type', `${CONTEXT} patient/Observation.rs`, 'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory'],
    ['two types and a context scope', `${CONTEXT} patient/*.rs`, 'launch/patient patient/Patient.rs patient/Observation.rs'],
  ])('a refresh narrows to any scope the grant covers: %s', async (_label, granted, narrower) => {
    const { code, v } = await codeFor(confidential.clientId, granted);
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code, redirect_uri: APP_REDIRECT, code_verifier: v }, auth());
    expect(t.status).toBe(200);
    const r = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: String(t.body.refresh_token), scope: narrower }, auth());
    expect(r.body.error).toBeUndefined();
    expect(r.status).toBe(200);
    expect(new Set(String(decodeJwt(String(r.body.access_token)).scope).split(' '))).toEqual(new Set(narrower.split(' ')));
    // A later refresh without scope gets the grant's scopes, never anything wider.
    const back = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: String(r.body.refresh_token ?? t.body.refresh_token) }, auth());
    expect(back.status).toBe(200);
    const scopes = String(decodeJwt(String(back.body.access_token)).scope).split(' ');
    expect(scopes).toEqual(expect.arrayContaining(granted.split(' ').filter((s) => s.includes('/') && !s.startsWith('launch'))));
  });

  it.each([
    ['more permissions', `${CONTEXT} patient/*.rs`, 'patient/Observation.cruds'],
    ['another context', `${CONTEXT} patient/*.rs`, 'user/Observation.rs'],
    ['the type of a category grant', `${CONTEXT} patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory`, 'patient/Observation.rs'],
    ['a context scope not granted', 'launch/patient openid patient/*.rs offline_access', 'fhirUser patient/Patient.rs'],
  ])('a refresh still never widens: %s', async (_label, granted, wider) => {
    const { code, v } = await codeFor(confidential.clientId, granted);
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code, redirect_uri: APP_REDIRECT, code_verifier: v }, auth());
    expect(t.status).toBe(200);
    const r = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: String(t.body.refresh_token), scope: wider }, auth());
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid_scope');
  });

  it('a patient-facing app keeps refresh tokens of at least 3 months even under an approval stored with 30 s', async () => {
    const short = await registerApp(h, { name: 'Short', scope: `${CONTEXT} patient/*.rs` });
    await h.store.approvals.setLifetimes(short.clientId, h.practiceId, { refreshTokenTtl: 30 });
    const { verifier: v, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: short.clientId, scope: `${CONTEXT} patient/*.rs`, challenge }, { patientId: h.patientId });
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: String(r.code), redirect_uri: APP_REDIRECT, code_verifier: v }, { authorization: basic(short.clientId, short.secret as string) });
    const res = await fetch(`${h.base}/token/introspection`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(short.clientId, short.secret as string) }, body: new URLSearchParams({ token: String(t.body.refresh_token) }) });
    const intro = (await res.json()) as { exp: number; iat: number; active: boolean };
    expect(intro.active).toBe(true);
    expect(intro.exp - intro.iat).toBeGreaterThanOrEqual(92 * 86400);
  });
});
