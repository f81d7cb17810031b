import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { APP_REDIRECT, authorize, pkce, registerApp, runAuthorization, startAuth, tokenRequest, type AuthHarness } from './support/auth-harness.js';

/**
 * What the discovery documents promise, checked against an explicit list taken from SMART App Launch 2.2
 * (conformance.md) rather than from our own builder, plus the OIDC and PKCE behaviours that back those promises.
 */
describe('discovery promises and the behaviour behind them', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuth();
  });
  afterAll(async () => h?.close());

  it('advertises the SMART 2.2 capabilities, grant types, client auth methods, algorithms and scopes we implement', async () => {
    const smart = (await (await fetch(`${h.base}/.well-known/smart-configuration`)).json()) as Record<string, string[] | string>;
    expect([...(smart.capabilities as string[])].sort()).toEqual([
      'authorize-post', 'client-confidential-asymmetric', 'client-confidential-symmetric', 'client-public',
      'context-banner', 'context-ehr-encounter', 'context-ehr-patient', 'context-standalone-patient', 'context-style',
      'launch-ehr', 'launch-standalone', 'permission-offline', 'permission-online', 'permission-patient',
      'permission-user', 'permission-v1', 'permission-v2', 'sso-openid-connect',
    ]);
    expect(smart.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'client_credentials', 'refresh_token']));
    expect(smart.code_challenge_methods_supported).toEqual(['S256']);
    expect(smart.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_basic', 'private_key_jwt']));
    expect(smart.token_endpoint_auth_signing_alg_values_supported).toEqual(expect.arrayContaining(['RS384', 'ES384']));
    expect(smart.scopes_supported).toEqual(expect.arrayContaining([
      'openid', 'fhirUser', 'launch', 'launch/patient', 'launch/encounter', 'offline_access', 'online_access',
      'patient/*.rs', 'user/*.rs', 'system/*.rs', 'patient/*.read',
    ]));
    expect(smart.issuer).toBe(h.base);
    expect(String(smart.jwks_uri)).toBe(`${h.base}/jwks`);
    for (const key of ['authorization_endpoint', 'token_endpoint', 'introspection_endpoint', 'revocation_endpoint', 'registration_endpoint', 'management_endpoint']) {
      expect(String(smart[key])).toMatch(new RegExp(`^${h.base}/`));
    }
  });

  it('does not advertise authorize-post where POST authorize is switched off, and refuses the POST there', async () => {
    const off = await startAuth('sqlite', { AUTH_AUTHORIZE_POST: 'false' });
    try {
      const smart = (await (await fetch(`${off.base}/.well-known/smart-configuration`)).json()) as { capabilities: string[] };
      expect(smart.capabilities).not.toContain('authorize-post');
      expect(smart.capabilities).toContain('launch-standalone');
      const { clientId } = await registerApp(off);
      const posted = await authorize(off, { clientId, scope: 'openid launch/patient patient/*.rs', method: 'POST' });
      expect(posted.location).not.toMatch(/\/interaction\//);
      const got = await authorize(off, { clientId, scope: 'openid launch/patient patient/*.rs' });
      expect(got.location).toMatch(/\/interaction\//);
    } finally {
      await off.close();
    }
  });

  it('a public client gets no code without PKCE, nor with the plain method', async () => {
    const { clientId } = await registerApp(h, { clientType: 'public', authMethod: 'none' });
    const none = await authorize(h, { clientId, scope: 'openid patient/*.rs launch/patient', challenge: null });
    expect(none.location.startsWith(APP_REDIRECT)).toBe(true);
    expect(new URL(none.location).searchParams.get('error')).toBe('invalid_request');
    expect(new URL(none.location).searchParams.get('code')).toBeNull();
    const plain = await authorize(h, { clientId, scope: 'openid patient/*.rs launch/patient', challenge: null, extra: { code_challenge: 'x'.repeat(43), code_challenge_method: 'plain' } });
    expect(new URL(plain.location).searchParams.get('code')).toBeNull();
    expect(new URL(plain.location).searchParams.get('error')).toBe('invalid_request');
  });

  it('a public client completes the flow with S256 and its client_id, and the id_token carries the nonce', async () => {
    const { clientId } = await registerApp(h, { clientType: 'public', authMethod: 'none' });
    const { verifier, challenge } = pkce();
    const nonce = 'n-' + Math.random().toString(36).slice(2);
    const r = await runAuthorization(h, { clientId, scope: 'openid fhirUser launch/patient patient/*.rs', challenge, extra: { nonce } }, { patientId: h.patientId });
    expect(r.error).toBeUndefined();
    const t = await tokenRequest(h, { grant_type: 'authorization_code', client_id: clientId, code: r.code as string, redirect_uri: APP_REDIRECT, code_verifier: verifier });
    expect(t.status).toBe(200);
    const idToken = decodeJwt(String(t.body.id_token));
    expect(idToken.nonce).toBe(nonce);
    expect(idToken.aud).toBe(clientId);
    expect(String(idToken.fhirUser)).toMatch(/\/Practitioner\/\d+$/);
  });
});
