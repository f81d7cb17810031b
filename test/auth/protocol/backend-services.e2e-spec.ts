import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify, createRemoteJWKSet, type CryptoKey } from 'jose';
import { FHIR, startAuth, tokenRequest, type AuthHarness } from './support/auth-harness.js';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

describe('SMART Backend Services (client_credentials + private_key_jwt)', () => {
  let h: AuthHarness;
  const clients: Record<'RS384' | 'ES384', { clientId: string; key: CryptoKey; kid: string }> = {} as never;

  beforeAll(async () => {
    h = await startAuth();
    for (const alg of ['RS384', 'ES384'] as const) {
      const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
      const kid = randomUUID();
      const jwk = { ...(await exportJWK(publicKey)), kid, alg };
      const out = await h.registration.register({ name: `Bulk ${alg}`, clientType: 'confidential', authMethod: 'private_key_jwt', backendServices: true, jwks: { keys: [jwk] }, scope: 'system/*.rs system/Patient.read' });
      await h.store.approvals.approve(out.client.clientId, h.practiceId, 'test');
      clients[alg] = { clientId: out.client.clientId, key: privateKey, kid };
    }
  });
  afterAll(async () => h?.close());

  async function assertion(alg: 'RS384' | 'ES384', over: { exp?: number; jti?: string; sub?: string; aud?: string } = {}) {
    const c = clients[alg];
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ jti: over.jti ?? randomUUID() })
      .setProtectedHeader({ alg, kid: c.kid, typ: 'JWT' })
      .setIssuer(c.clientId).setSubject(over.sub ?? c.clientId).setAudience(over.aud ?? `${h.base}/token`)
      .setIssuedAt(now).setExpirationTime(over.exp ?? now + 300)
      .sign(c.key);
  }
  const request = (client_assertion: string, scope = 'system/*.rs', extra: Record<string, string> = {}) =>
    tokenRequest(h, { grant_type: 'client_credentials', scope, client_assertion_type: ASSERTION_TYPE, client_assertion, ...extra });

  it.each(['RS384', 'ES384'] as const)('issues a short-lived system token without refresh token for an %s assertion', async (alg) => {
    const t = await request(await assertion(alg));
    expect(t.status).toBe(200);
    expect(t.body.token_type).toBe('Bearer');
    expect(Number(t.body.expires_in)).toBeLessThanOrEqual(300);
    expect(t.body.scope).toBe('system/*.rs');
    expect(t.body.refresh_token).toBeUndefined();
    const at = await jwtVerify(t.body.access_token as string, createRemoteJWKSet(new URL(`${h.base}/jwks`)), { issuer: h.base, audience: `${FHIR}/fhir` });
    expect(at.payload).toMatchObject({ client_id: clients[alg].clientId, sub: clients[alg].clientId, scope: 'system/*.rs', practice: h.practiceId });
  });

  it('refuses a replayed assertion jti', async () => {
    const a = await assertion('RS384');
    expect((await request(a)).status).toBe(200);
    const replay = await request(a);
    expect(replay.status).toBe(401);
    expect(replay.body.error).toBe('invalid_client');
  });

  it('refuses an assertion that expires more than 5 minutes ahead', async () => {
    const t = await request(await assertion('ES384', { exp: Math.floor(Date.now() / 1000) + 600 }));
    expect(t.status).toBe(401);
    expect(t.body.error).toBe('invalid_client');
  });

  it('refuses an assertion whose sub is not the client', async () => {
    const t = await request(await assertion('RS384', { sub: 'someone-else' }));
    expect(t.status).toBe(401);
  });

  it('refuses a bad client_assertion_type', async () => {
    const t = await request(await assertion('RS384'), 'system/*.rs', { client_assertion_type: 'urn:bogus' });
    expect([400, 401]).toContain(t.status);
  });

  it('refuses scopes the app is not registered for', async () => {
    const t = await request(await assertion('RS384'), 'system/Observation.cud');
    expect(t.status).toBe(400);
    expect(t.body.error).toBe('invalid_scope');
  });

  it('refuses an app no practice approved', async () => {
    await h.store.approvals.revoke(clients.ES384.clientId, h.practiceId, 'admin');
    const t = await request(await assertion('ES384'));
    expect(t.status).toBe(400);
    expect(t.body.error).toBe('unauthorized_client');
    await h.store.approvals.approve(clients.ES384.clientId, h.practiceId, 'admin');
  });

  it('binds a backend token to every approving practice (practices claim) and to none that did not approve', async () => {
    await h.store.approvals.approve(clients.RS384.clientId, h.otherPracticeId, 'admin');
    try {
      const t = await request(await assertion('RS384'));
      expect(t.status).toBe(200);
      const at = await jwtVerify(t.body.access_token as string, createRemoteJWKSet(new URL(`${h.base}/jwks`)), { issuer: h.base, audience: `${FHIR}/fhir` });
      expect(at.payload.practice).toBeUndefined();
      expect(at.payload.practices).toEqual([h.practiceId, h.otherPracticeId].sort((a, b) => a - b));
    } finally {
      await h.store.approvals.revoke(clients.RS384.clientId, h.otherPracticeId, 'admin');
    }
    const single = await request(await assertion('RS384'));
    const payload = (await jwtVerify(single.body.access_token as string, createRemoteJWKSet(new URL(`${h.base}/jwks`)), { issuer: h.base })).payload;
    expect(payload).toMatchObject({ practice: h.practiceId });
    expect(payload.practices).toBeUndefined();
  });

  it('refuses a grant type other than client_credentials for a backend app', async () => {
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: 'x', code_verifier: 'a'.repeat(43), redirect_uri: 'http://localhost/cb', client_assertion_type: ASSERTION_TYPE, client_assertion: await assertion('RS384') });
    expect(t.status).toBe(400);
    expect(t.body.error_description).toMatch(/grant type is not allowed for this client/);
  });

  it('introspects with private_key_jwt client authentication (assertion single use across endpoints)', async () => {
    const t = await request(await assertion('ES384'));
    const a = await assertion('ES384', { aud: `${h.base}/token/introspection` });
    const introspect = (client_assertion: string) => fetch(`${h.base}/token/introspection`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: t.body.access_token as string, client_assertion_type: ASSERTION_TYPE, client_assertion }),
    });
    const first = await introspect(a);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ active: true, client_id: clients.ES384.clientId, scope: 'system/*.rs' });
    expect((await introspect(a)).status).toBe(401);
    // Another client, properly authenticated, learns nothing about this client's token.
    const foreign = await introspect(await assertion('RS384', { aud: `${h.base}/token/introspection` }));
    expect(foreign.status).toBe(200);
    expect(await foreign.json()).toEqual({ active: false });
  });
});
