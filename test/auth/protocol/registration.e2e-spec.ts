import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair } from 'jose';
import { verifySecret } from '#facade/facade-store';
import { APP_REDIRECT, startAuth, type AuthHarness } from './support/auth-harness.js';

describe('RFC 7591 dynamic registration', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuth('sqlite', { AUTH_OPEN_REGISTRATION: 'true', AUTH_REGISTRATION_PER_HOUR: '100' });
  });
  afterAll(async () => h?.close());

  const register = async (body: unknown) => {
    const res = await fetch(`${h.base}/reg`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
  };

  it('registers a confidential symmetric app, shows the secret once and stores only its hash', async () => {
    const r = await register({ client_name: 'Chart Viewer', redirect_uris: [APP_REDIRECT], scope: 'patient/*.rs launch/patient', token_endpoint_auth_method: 'client_secret_basic' });
    expect(r.status).toBe(201);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.body).toMatchObject({ client_name: 'Chart Viewer', token_endpoint_auth_method: 'client_secret_basic', redirect_uris: [APP_REDIRECT], client_secret_expires_at: 0 });
    const stored = await h.store.clients.find(r.body.client_id as string);
    expect(stored?.secretHash).not.toContain(r.body.client_secret as string);
    expect(await verifySecret(r.body.client_secret as string, stored?.secretHash)).toBe(true);
    // Exactly what was asked (issue 13: registration used to add openid, fhirUser, offline_access, launch...).
    expect(stored?.scope).toBe('patient/*.rs launch/patient');
    expect(r.body.scope).toBe('patient/*.rs launch/patient');
  });

  it('registers a backend-services app with an inline JWKS', async () => {
    const { publicKey } = await generateKeyPair('ES384', { extractable: true });
    const r = await register({ client_name: 'Bulk', grant_types: ['client_credentials'], token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1' }] }, scope: 'system/*.rs' });
    expect(r.status).toBe(201);
    expect(r.body.client_secret).toBeUndefined();
    expect(r.body.grant_types).toEqual(['client_credentials']);
  });

  it.each([
    [{ client_name: 'X', redirect_uris: ['http://evil.example/cb'], scope: 'patient/*.rs' }, /https/],
    [{ client_name: 'X', redirect_uris: [APP_REDIRECT], scope: 'patient/*.rs bogus' }, /bogus/],
    [{ client_name: 'X', redirect_uris: [APP_REDIRECT], scope: 'system/*.rs' }, /backend apps only/],
    [{ client_name: 'X', redirect_uris: [APP_REDIRECT], scope: 'patient/*.rs', token_endpoint_auth_method: 'client_secret_post' }, /not supported/],
    [{ client_name: 'X', grant_types: ['client_credentials'], token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [{ kty: 'RSA', n: 'x', e: 'AQAB', d: 'secret' }] }, scope: 'system/*.rs' }, /private key/],
    [{ client_name: 'X', redirect_uris: [APP_REDIRECT], scope: 'patient/*.rs', token_endpoint_auth_method: 'private_key_jwt' }, /exactly one/],
    [{ client_name: 'X', grant_types: ['client_credentials'], token_endpoint_auth_method: 'private_key_jwt', jwks_uri: 'https://192.168.0.10/jwks', scope: 'system/*.rs' }, /public https URL/],
    ['not an object', /JSON object/],
  ])('refuses invalid metadata %#', async (body, message) => {
    const r = await register(body);
    expect(r.status).toBe(400);
    expect(['invalid_client_metadata', 'invalid_redirect_uri']).toContain(r.body.error);
    expect(String(r.body.error_description)).toMatch(message);
  });
});

describe('malformed request bodies', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuth();
  });
  afterAll(async () => h?.close());

  it('answers 400 with an OAuth-style error and no stack trace', async () => {
    const res = await fetch(`${h.base}/reg`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"client_name":' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'invalid_request', error_description: 'malformed request body' });
    expect(text).not.toMatch(/at \w+ \(/);
  });
});

describe('protected registration (AUTH_REGISTRATION_TOKEN)', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuth('sqlite', { AUTH_REGISTRATION_TOKEN: 'initial-access-token-123' });
  });
  afterAll(async () => h?.close());

  it('refuses registration without the initial access token and accepts it with', async () => {
    const body = JSON.stringify({ client_name: 'X', redirect_uris: [APP_REDIRECT], scope: 'patient/*.rs', token_endpoint_auth_method: 'none' });
    const headers = { 'content-type': 'application/json' };
    expect((await fetch(`${h.base}/reg`, { method: 'POST', headers, body })).status).toBe(401);
    expect((await fetch(`${h.base}/reg`, { method: 'POST', headers: { ...headers, authorization: 'Bearer wrong' }, body })).status).toBe(401);
    const ok = await fetch(`${h.base}/reg`, { method: 'POST', headers: { ...headers, authorization: 'Bearer initial-access-token-123' }, body });
    expect(ok.status).toBe(201);
  });
});
