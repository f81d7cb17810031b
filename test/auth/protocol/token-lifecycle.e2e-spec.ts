import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { APP_REDIRECT, basic, pkce, registerApp, runAuthorization, startAuth, tokenRequest, type AuthHarness } from './support/auth-harness.js';

async function post(h: AuthHarness, path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) });
  const text = await res.text();
  return { status: res.status, text, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe.each(['sqlite', 'postgres'] as const)('token lifecycle with the facade store on %s', (engine) => {
  let h: AuthHarness;
  let app: { clientId: string; secret?: string };
  const scope = 'launch/patient openid fhirUser offline_access patient/Patient.rs patient/Observation.rs';

  beforeAll(async () => {
    h = await startAuth(engine);
    app = await registerApp(h);
  });
  afterAll(async () => h?.close());

  const auth = () => ({ authorization: basic(app.clientId, app.secret as string) });
  async function tokens(s = scope, decision = {}) {
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: app.clientId, scope: s, challenge }, { patientId: h.patientId, ...decision });
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: r.code as string, redirect_uri: APP_REDIRECT, code_verifier: verifier }, auth());
    expect(t.status).toBe(200);
    return t.body as Record<string, string>;
  }

  it('refreshes without scope (same scopes) and with a narrower scope, never wider', async () => {
    const t = await tokens();
    const same = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: t.refresh_token }, auth());
    expect(same.status).toBe(200);
    expect(new Set(String(same.body.scope).split(' '))).toEqual(new Set(t.scope.split(' ')));
    expect(same.body.patient).toBe(String(h.patientId));
    expect(same.headers.get('cache-control')).toBe('no-store');
    const rt = (same.body.refresh_token as string | undefined) ?? t.refresh_token;
    const withScope = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: rt, scope: t.scope }, auth());
    expect(withScope.status).toBe(200);
    expect(new Set(String(withScope.body.scope).split(' '))).toEqual(new Set(t.scope.split(' ')));
    const rt2 = (withScope.body.refresh_token as string | undefined) ?? rt;
    const narrower = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: rt2, scope: 'patient/Patient.rs' }, auth());
    expect(narrower.status).toBe(200);
    expect(decodeJwt(narrower.body.access_token as string).scope).toBe('patient/Patient.rs');
    const rt3 = (narrower.body.refresh_token as string | undefined) ?? rt2;
    const wider = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: rt3, scope: 'patient/Patient.rs patient/Condition.rs' }, auth());
    expect(wider.status).toBe(400);
    expect(wider.body.error).toBe('invalid_scope');
  });

  it('introspects an active token with client auth and with a bearer token; a bogus token is exactly {"active":false}', async () => {
    const t = await tokens();
    const viaBasic = await post(h, '/token/introspection', { token: t.access_token }, auth());
    expect(viaBasic.status).toBe(200);
    expect(viaBasic.body).toMatchObject({ active: true, client_id: app.clientId, patient: String(h.patientId), sub: `user:${h.userId}`, iss: h.base });
    expect(new Set(String(viaBasic.body.scope).split(' '))).toEqual(new Set(t.scope.split(' ')));
    expect(Number(viaBasic.body.exp)).toBeGreaterThan(Date.now() / 1000);
    const viaBearer = await post(h, '/token/introspection', { token: t.access_token }, { authorization: `Bearer ${t.access_token}` });
    expect(viaBearer.body.active).toBe(true);
    const bogus = await post(h, '/token/introspection', { token: 'bogus' }, auth());
    expect(bogus.status).toBe(200);
    expect(bogus.text).toBe('{"active":false}');
    const refresh = await post(h, '/token/introspection', { token: t.refresh_token }, auth());
    expect(refresh.body).toMatchObject({ active: true, client_id: app.clientId, token_type: 'refresh_token' });
    const anonymous = await post(h, '/token/introspection', { token: t.access_token });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toBe('invalid_client');
  });

  it('a revoked access token becomes inactive and lands in the revocation feed; a revoked refresh token cannot refresh', async () => {
    const since = Date.now() - 1;
    const t = await tokens();
    const jti = decodeJwt(t.access_token).jti as string;
    expect((await post(h, '/token/revocation', { token: t.access_token }, auth())).status).toBe(200);
    expect((await post(h, '/token/introspection', { token: t.access_token }, auth())).text).toBe('{"active":false}');
    expect((await h.store.revocations.revokedSince(since)).jtis).toContain(jti);

    expect((await post(h, '/token/revocation', { token: t.refresh_token }, auth())).status).toBe(200);
    const refreshed = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: t.refresh_token }, auth());
    expect(refreshed.status).toBe(400);
    expect(refreshed.body.error).toBe('invalid_grant');
    expect((await h.store.revocations.revokedSince(since)).grants).toContain(decodeJwt(t.access_token).grant);
  });

  it('revoking the practice approval ends the tokens: inactive at introspection, no refresh, in the feed', async () => {
    const other = await registerApp(h);
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: other.clientId, scope, challenge }, { patientId: h.patientId });
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: r.code as string, redirect_uri: APP_REDIRECT, code_verifier: verifier }, { authorization: basic(other.clientId, other.secret as string) });
    expect(t.status).toBe(200);
    const since = Date.now() - 1;
    await h.store.approvals.revoke(other.clientId, h.practiceId, 'admin');
    expect((await post(h, '/token/introspection', { token: t.body.access_token as string }, auth())).text).toBe('{"active":false}');
    const refreshed = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: t.body.refresh_token as string }, { authorization: basic(other.clientId, other.secret as string) });
    expect(refreshed.status).toBe(400);
    expect(refreshed.body.access_token).toBeUndefined();
    expect((await h.store.revocations.revokedSince(since)).approvals).toEqual([expect.objectContaining({ clientId: other.clientId, practiceId: h.practiceId })]);
  });

  it('uses the per-app lifetimes the practice set', async () => {
    const other = await registerApp(h);
    await h.store.approvals.setLifetimes(other.clientId, h.practiceId, { accessTokenTtl: 600, refreshTokenTtl: 200 * 86400 });
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: other.clientId, scope, challenge }, { patientId: h.patientId });
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: r.code as string, redirect_uri: APP_REDIRECT, code_verifier: verifier }, { authorization: basic(other.clientId, other.secret as string) });
    expect(t.body.expires_in).toBe(600);
    const intro = await post(h, '/token/introspection', { token: t.body.refresh_token as string }, { authorization: basic(other.clientId, other.secret as string) });
    const lifetime = Number(intro.body.exp) - Number(intro.body.iat);
    expect(lifetime).toBe(200 * 86400);
    // The grant behind it lives as long, so the refresh token is not cut short by a default grant lifetime.
    const grant = await h.store.dataSource.getRepository<{ expiresAt: number }>('oidc_records').findOneByOrFail({ model: 'Grant', id: decodeJwt(t.body.access_token as string).grant } as never);
    expect(Number(grant.expiresAt) - Date.now()).toBeGreaterThan(199 * 86400 * 1000);
  });

  it('default refresh tokens live at least 3 months', async () => {
    const t = await tokens();
    const intro = await post(h, '/token/introspection', { token: t.refresh_token }, auth());
    expect(Number(intro.body.exp) - Number(intro.body.iat)).toBeGreaterThanOrEqual(92 * 86400);
  });

  it('grants exactly the granular scopes chosen at consent instead of the requested resource-level ones', async () => {
    const granular = 'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory';
    const t = await tokens('launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs', {
      grantedScopes: ['launch/patient', 'openid', 'fhirUser', 'patient/Patient.rs', granular],
    });
    expect(new Set(t.scope.split(' '))).toEqual(new Set(['launch/patient', 'openid', 'fhirUser', 'patient/Patient.rs', granular]));
    expect(t.refresh_token).toBeUndefined();
  });
});
