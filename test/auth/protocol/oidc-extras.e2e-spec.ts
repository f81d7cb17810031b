import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, decodeJwt, exportJWK, generateKeyPair } from 'jose';
import { authRuntimeOf } from '../../../apps/auth/src/bootstrap.js';
import { APP_REDIRECT, authorize, basic, pkce, registerApp, runAuthorization, startAuth, tokenRequest, type AuthHarness } from './support/auth-harness.js';

describe('OpenID Connect details, grant per launch, CORS, jwks_uri clients', () => {
  let h: AuthHarness;
  let app: { clientId: string; secret?: string };
  let jwksServer: Server;
  let jwksUrl: string;
  const jwks: { keys: unknown[] } = { keys: [] };

  beforeAll(async () => {
    h = await startAuth('sqlite', { AUTH_ALLOW_PRIVATE_JWKS_URI: 'true' });
    app = await registerApp(h);
    jwksServer = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(jwksServer.address() as { port: number }).port}/jwks.json`;
  });
  afterAll(async () => {
    await new Promise((resolve) => jwksServer?.close(resolve));
    await h?.close();
  });

  async function codeTokens(scope: string) {
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: app.clientId, scope, challenge }, { patientId: h.patientId });
    return tokenRequest(h, { grant_type: 'authorization_code', code: r.code as string, redirect_uri: APP_REDIRECT, code_verifier: verifier }, { authorization: basic(app.clientId, app.secret as string) });
  }

  it('userinfo answers for the JWT access token with fhirUser and profile claims', async () => {
    const t = await codeTokens('openid fhirUser profile launch/patient patient/Patient.rs');
    expect(decodeJwt(t.body.id_token as string)).toMatchObject({ name: 'Dana Carter' });
    const res = await fetch(`${h.base}/me`, { headers: { authorization: `Bearer ${t.body.access_token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sub: `user:${h.userId}`, fhirUser: `http://fhir.test/fhir/Practitioner/${h.providerId}`, name: 'Dana Carter' });
    const anonymous = await fetch(`${h.base}/me`);
    expect(anonymous.status).toBe(401);
    const oidc = await (await fetch(`${h.base}/.well-known/openid-configuration`)).json() as Record<string, unknown>;
    expect(oidc.userinfo_endpoint).toBe(`${h.base}/me`);
  });

  it('userinfo refuses a token without openid', async () => {
    const t = await codeTokens('launch/patient patient/Patient.rs');
    const res = await fetch(`${h.base}/me`, { headers: { authorization: `Bearer ${t.body.access_token}` } });
    expect(res.status).toBe(403);
  });

  it('asks for consent again on a second launch in the same browser session (no silent grant reuse)', async () => {
    const first = await authorize(h, { clientId: app.clientId, scope: 'openid patient/Patient.rs launch/patient' });
    const provider = authRuntimeOf(h.app).oidc.provider;
    let uid = /\/interaction\/([^/?]+)/.exec(first.location)?.[1] as string;
    let next = await h.interactions.finishLogin(uid, `user:${h.userId}`);
    let res = await fetch(new URL(next, h.base), { redirect: 'manual', headers: { cookie: first.jar.header() } });
    first.jar.store(res);
    uid = /\/interaction\/([^/?]+)/.exec(res.headers.get('location') ?? '')?.[1] as string;
    next = await h.interactions.finishConsent(uid, { accountId: `user:${h.userId}`, practiceId: h.practiceId, grantedScopes: ['openid', 'patient/Patient.rs', 'launch/patient'], patientId: h.patientId });
    res = await fetch(new URL(next, h.base), { redirect: 'manual', headers: { cookie: first.jar.header() } });
    first.jar.store(res);
    expect(res.headers.get('location')).toMatch(/^http:\/\/localhost:9999\/callback\?code=/);

    const second = await authorize(h, { clientId: app.clientId, scope: 'openid patient/Patient.rs launch/patient' }, first.jar);
    const secondUid = /\/interaction\/([^/?]+)/.exec(second.location)?.[1] as string;
    expect(secondUid).toBeTruthy();
    const interaction = await provider.Interaction.find(secondUid);
    expect(interaction?.prompt.name).toBe('consent');
  });

  it('discovery and JWKS are open to any origin (CORS)', async () => {
    for (const path of ['/.well-known/openid-configuration', '/jwks']) {
      const res = await fetch(`${h.base}${path}`, { headers: { origin: 'https://anywhere.example' } });
      expect(['*', 'https://anywhere.example']).toContain(res.headers.get('access-control-allow-origin'));
    }
  });

  it('authenticates a private_key_jwt client whose keys are published at a jwks_uri', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
    const kid = randomUUID();
    jwks.keys.push({ ...(await exportJWK(publicKey)), kid, alg: 'ES384' });
    const out = await h.registration.register({ name: 'Asymmetric', clientType: 'confidential', authMethod: 'private_key_jwt', jwksUri: jwksUrl.replace('127.0.0.1', 'localhost'), redirectUris: [APP_REDIRECT], scope: 'launch/patient patient/*.rs' });
    await h.store.approvals.approve(out.client.clientId, h.practiceId, 'test');
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: out.client.clientId, scope: 'launch/patient patient/Patient.rs', challenge }, { patientId: h.patientId });
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ jti: randomUUID() }).setProtectedHeader({ alg: 'ES384', kid, typ: 'JWT' })
      .setIssuer(out.client.clientId).setSubject(out.client.clientId).setAudience(`${h.base}/token`).setIssuedAt(now).setExpirationTime(now + 300).sign(privateKey);
    const t = await tokenRequest(h, {
      grant_type: 'authorization_code', code: r.code as string, redirect_uri: APP_REDIRECT, code_verifier: verifier,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion,
    });
    expect(t.status).toBe(200);
    expect(t.body.patient).toBe(String(h.patientId));
  });
});
