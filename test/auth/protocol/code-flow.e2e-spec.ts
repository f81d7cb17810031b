import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { addPortalAccount } from '../../../apps/auth/src/testing/legacy-fixtures.js';
import { FHIR, basic, pkce, registerApp, runAuthorization, startAuth, tokenRequest, type AuthHarness } from './support/auth-harness.js';

describe('authorization code flow (confidential symmetric client, SMART 2)', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuth();
  });
  afterAll(async () => h?.close());

  it('serves OpenID and SMART discovery with S256 only and RS256 keys', async () => {
    const oidc = await (await fetch(`${h.base}/.well-known/openid-configuration`)).json() as Record<string, unknown>;
    expect(oidc.issuer).toBe(h.base);
    expect(oidc.code_challenge_methods_supported).toEqual(['S256']);
    expect(oidc.id_token_signing_alg_values_supported).toContain('RS256');
    const smartRes = await fetch(`${h.base}/.well-known/smart-configuration`, { headers: { Accept: 'text/html' } });
    expect(smartRes.headers.get('content-type')).toMatch(/^application\/json/);
    expect(smartRes.headers.get('access-control-allow-origin')).toBe('*');
    const smart = await smartRes.json() as Record<string, unknown>;
    expect(smart.token_endpoint).toBe(oidc.token_endpoint);
    expect(smart.authorization_endpoint).toBe(oidc.authorization_endpoint);
    expect(smart.introspection_endpoint).toBe(oidc.introspection_endpoint);
    expect(smart.revocation_endpoint).toBe(oidc.revocation_endpoint);
    expect(smart.code_challenge_methods_supported).toEqual(['S256']);
    const jwks = await (await fetch(`${h.base}/jwks`)).json() as { keys: { kty: string; d?: string }[] };
    expect(jwks.keys.some((k) => k.kty === 'RSA')).toBe(true);
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
  });

  it('issues a JWT access token for the FHIR base with the launch context, an RS256 id_token with fhirUser, and a refresh token', async () => {
    const { clientId, secret } = await registerApp(h);
    const { verifier, challenge } = pkce();
    const scope = 'launch/patient openid fhirUser offline_access patient/*.rs';
    const r = await runAuthorization(h, { clientId, scope, challenge }, { patientId: h.patientId });
    expect(r.error).toBeUndefined();
    expect(r.redirect.searchParams.get('state')).toBe(r.state);
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: r.code as string, redirect_uri: 'http://localhost:9999/callback', code_verifier: verifier }, { authorization: basic(clientId, secret as string) });
    expect(t.status).toBe(200);
    expect(t.headers.get('cache-control')).toBe('no-store');
    expect(t.headers.get('pragma')).toBe('no-cache');
    expect(t.body.token_type).toBe('Bearer');
    expect(new Set(String(t.body.scope).split(' '))).toEqual(new Set(scope.split(' ')));
    expect(t.body.patient).toBe(String(h.patientId));
    expect(t.body.need_patient_banner).toBe(true);
    expect(t.body.smart_style_url).toBe(`${h.base}/smart-style.json`);
    expect(typeof t.body.refresh_token).toBe('string');
    expect(Number(t.body.expires_in)).toBeLessThanOrEqual(3600);

    const keys = createRemoteJWKSet(new URL(`${h.base}/jwks`));
    const at = await jwtVerify(t.body.access_token as string, keys, { issuer: h.base, audience: `${FHIR}/fhir`, typ: 'at+jwt' });
    expect(at.protectedHeader.alg).toBe('RS256');
    expect(at.payload).toMatchObject({
      client_id: clientId, sub: `user:${h.userId}`, patient: String(h.patientId), practice: h.practiceId,
      fhirUser: `${FHIR}/fhir/Practitioner/${h.providerId}`,
    });
    expect(typeof at.payload.jti).toBe('string');
    expect(typeof at.payload.grant).toBe('string');
    expect(new Set(String(at.payload.scope).split(' '))).toEqual(new Set(scope.split(' ')));

    const id = await jwtVerify(t.body.id_token as string, keys, { issuer: h.base, audience: clientId });
    expect(id.protectedHeader.alg).toBe('RS256');
    expect(id.payload.fhirUser).toBe(`${FHIR}/fhir/Practitioner/${h.providerId}`);
    expect(decodeJwt(t.body.id_token as string).sub).toBe(`user:${h.userId}`);
  });

  it('issues a patient-API (/open) token to a portal account with Patient fhirUser, and online_access refresh', async () => {
    const { clientId, secret } = await registerApp(h);
    const portalId = await addPortalAccount(h.legacy, h.patientId, 'code.flow.portal', 'Pw#code-flow-1');
    const portalAccount = `portal:${portalId}` as const;
    const { verifier, challenge } = pkce();
    const scope = 'launch/patient openid fhirUser online_access patient/*.rs';
    const r = await runAuthorization(h, { clientId, scope, challenge, aud: `${FHIR}/open` }, {
      accountId: portalAccount, fhirUser: `Patient/${h.patientId}`, patientId: h.patientId,
    });
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: r.code as string, redirect_uri: 'http://localhost:9999/callback', code_verifier: verifier }, { authorization: basic(clientId, secret as string) });
    expect(t.status).toBe(200);
    expect(t.body.refresh_token).toBeTruthy();
    const at = decodeJwt(t.body.access_token as string);
    expect(at).toMatchObject({ aud: `${FHIR}/open`, sub: portalAccount, patient: String(h.patientId), fhirUser: `${FHIR}/open/Patient/${h.patientId}` });
    expect(decodeJwt(t.body.id_token as string).fhirUser).toBe(`${FHIR}/open/Patient/${h.patientId}`);
  });

  it('a public client revokes its own refresh token with its client_id', async () => {
    const pub = await registerApp(h, { clientType: 'public', authMethod: 'none' });
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: pub.clientId, scope: 'launch/patient offline_access patient/*.rs', challenge }, { patientId: h.patientId });
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: r.code as string, redirect_uri: 'http://localhost:9999/callback', code_verifier: verifier, client_id: pub.clientId });
    const rev = await fetch(`${h.base}/token/revocation`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: t.body.refresh_token as string, client_id: pub.clientId }) });
    expect(rev.status).toBe(200);
    const again = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: t.body.refresh_token as string, client_id: pub.clientId });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
  });

  it('returns v1 scopes as requested (SMART 1 apps under SMART 2) and drops scopes the app is not registered for', async () => {
    const { clientId, secret } = await registerApp(h, { scope: 'patient/*.read' });
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId, scope: 'launch/patient openid patient/Observation.read patient/Observation.write', challenge }, { patientId: h.patientId });
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: r.code as string, redirect_uri: 'http://localhost:9999/callback', code_verifier: verifier }, { authorization: basic(clientId, secret as string) });
    expect(t.status).toBe(200);
    expect(new Set(String(t.body.scope).split(' '))).toEqual(new Set(['launch/patient', 'openid', 'patient/Observation.read']));
  });
});
