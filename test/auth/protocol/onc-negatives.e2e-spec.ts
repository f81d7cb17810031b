import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { APP_REDIRECT, FHIR, authorize, basic, pkce, registerApp, runAuthorization, startAuth, tokenRequest, type AuthHarness } from './support/auth-harness.js';

/** The ONC (g10) negative cases and SMART 2 request rules. */
describe('authorization and token endpoint refusals', () => {
  let h: AuthHarness;
  let app: { clientId: string; secret?: string };
  const scope = 'launch/patient openid fhirUser offline_access patient/*.rs';

  beforeAll(async () => {
    h = await startAuth();
    app = await registerApp(h);
  });
  afterAll(async () => h?.close());

  const exchange = (code: string, verifier: string | undefined, auth = basic(app.clientId, app.secret as string)) => {
    const form: Record<string, string> = { grant_type: 'authorization_code', code, redirect_uri: APP_REDIRECT };
    if (verifier !== undefined) form.code_verifier = verifier;
    return tokenRequest(h, form, { authorization: auth });
  };

  it('an unknown aud yields an error redirect and no code', async () => {
    const { location } = await authorize(h, { clientId: app.clientId, scope, aud: 'https://evil.example/fhir' });
    const url = new URL(location, h.base);
    expect(url.origin + url.pathname).toBe(APP_REDIRECT);
    expect(url.searchParams.get('code')).toBeNull();
    expect(['invalid_request', 'invalid_target']).toContain(url.searchParams.get('error'));
  });

  it('a missing aud yields an error redirect and no code', async () => {
    const { location } = await authorize(h, { clientId: app.clientId, scope, extra: { aud: '' } });
    const url = new URL(location, h.base);
    expect(url.searchParams.get('code')).toBeNull();
    expect(url.searchParams.get('error')).toBeTruthy();
  });

  it('PKCE is required for a confidential client too', async () => {
    const { location } = await authorize(h, { clientId: app.clientId, scope, challenge: null });
    const url = new URL(location, h.base);
    expect(url.searchParams.get('code')).toBeNull();
    expect(url.searchParams.get('error')).toBe('invalid_request');
  });

  it('plain PKCE is refused', async () => {
    const { location } = await authorize(h, { clientId: app.clientId, scope, extra: { code_challenge_method: 'plain' } });
    expect(new URL(location, h.base).searchParams.get('code')).toBeNull();
  });

  it.each([
    ['missing', (_v: string, _c: string) => undefined],
    ['blank', () => ''],
    ['wrong', () => pkce().verifier],
    ['equal to the challenge', (_v: string, c: string) => c],
  ])('a %s code_verifier is refused with 400 invalid_grant', async (_label, pick) => {
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: app.clientId, scope, challenge }, { patientId: h.patientId });
    const t = await exchange(r.code as string, pick(verifier, challenge));
    expect([400, 401]).toContain(t.status);
    expect(t.body.access_token).toBeUndefined();
    expect(['invalid_grant', 'invalid_request']).toContain(t.body.error);
  });

  it('a bad code is refused with 400 invalid_grant', async () => {
    const t = await exchange('not-a-code', pkce().verifier);
    expect(t.status).toBe(400);
    expect(t.body.error).toBe('invalid_grant');
  });

  it('a bad client secret or unknown client is refused with 401 invalid_client', async () => {
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: app.clientId, scope, challenge }, { patientId: h.patientId });
    const wrongSecret = await exchange(r.code as string, verifier, basic(app.clientId, 'wrong-secret'));
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.error).toBe('invalid_client');
    const unknown = await exchange(r.code as string, verifier, basic('no-such-client', 'x'));
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe('invalid_client');
  });

  it('a code is single use', async () => {
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: app.clientId, scope, challenge }, { patientId: h.patientId });
    expect((await exchange(r.code as string, verifier)).status).toBe(200);
    const again = await exchange(r.code as string, verifier);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
  });

  it('a bogus refresh token is refused with 400 invalid_grant', async () => {
    const t = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: 'bogus' }, { authorization: basic(app.clientId, app.secret as string) });
    expect(t.status).toBe(400);
    expect(t.body.error).toBe('invalid_grant');
  });

  it('an unsupported grant type is refused with 400', async () => {
    const t = await tokenRequest(h, { grant_type: 'not_a_grant_type' }, { authorization: basic(app.clientId, app.secret as string) });
    expect(t.status).toBe(400);
    expect(t.body.error).toBe('unsupported_grant_type');
  });

  it('an app not approved by the practice cannot complete consent (no code)', async () => {
    const other = await registerApp(h, {}, false);
    await expect(runAuthorization(h, { clientId: other.clientId, scope }, { patientId: h.patientId })).rejects.toThrow('not approved');
  });

  it('a patient/ scope without a patient in context cannot be granted', async () => {
    await expect(runAuthorization(h, { clientId: app.clientId, scope })).rejects.toThrow('patient');
  });

  it('an EHR user cannot authorize for the patient API, nor a portal account for the provider API', async () => {
    await expect(runAuthorization(h, { clientId: app.clientId, scope, aud: `${FHIR}/open` }, { patientId: h.patientId })).rejects.toThrow('this kind of account');
    await expect(runAuthorization(h, { clientId: app.clientId, scope }, { accountId: 'portal:1', patientId: h.patientId })).rejects.toThrow('this kind of account');
  });

  it('POST to the authorization endpoint works like GET', async () => {
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: app.clientId, scope, challenge, method: 'POST' }, { patientId: h.patientId });
    expect(r.code).toBeTruthy();
    expect((await exchange(r.code as string, verifier)).status).toBe(200);
  });

  it('a public client exchanges its code with PKCE only and gets CORS for its redirect origin', async () => {
    const pub = await registerApp(h, { clientType: 'public', authMethod: 'none' });
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: pub.clientId, scope, challenge }, { patientId: h.patientId });
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: r.code as string, redirect_uri: APP_REDIRECT, code_verifier: verifier, client_id: pub.clientId }, { origin: 'http://localhost:9999' });
    expect(t.status).toBe(200);
    expect(t.headers.get('access-control-allow-origin')).toBe('http://localhost:9999');
    expect(decodeJwt(t.body.access_token as string).aud).toBe(`${FHIR}/fhir`);
    expect(t.body.refresh_token).toBeTruthy();
  });
});
