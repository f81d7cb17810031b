import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import request from 'supertest';
import { authRuntimeOf, createAuthApp, type AuthApp } from '../../../apps/auth/src/bootstrap.js';
import { JsonLogger } from '#facade/observability';
import { APP_REDIRECT, basic, pkce, registerApp, runAuthorization, startAuth, tokenRequest, type AuthHarness } from './support/auth-harness.js';

/** Two instances on one facade store (behind a load balancer): keys, cookies, tokens and grants are shared. */
describe.each(['sqlite', 'postgres'] as const)('a second auth instance on the same %s facade store', (engine) => {
  let h: AuthHarness;
  let second: AuthApp;

  beforeAll(async () => {
    h = await startAuth(engine);
    second = await createAuthApp(h.config, { store: h.store, legacy: h.legacy, logger: new JsonLogger('auth', 'error', () => undefined) });
    await second.init();
  });
  afterAll(async () => {
    await second?.close();
    await h?.close();
  });

  it('publishes the same signing keys (created once, persisted)', async () => {
    const a = await (await fetch(`${h.base}/jwks`)).json();
    const b = (await request(second.getHttpServer()).get('/jwks')).body;
    expect(b).toEqual(a);
  });

  it('refreshes and introspects tokens the first instance issued', async () => {
    const app = await registerApp(h);
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: app.clientId, scope: 'launch/patient openid offline_access patient/*.rs', challenge }, { patientId: h.patientId });
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: r.code as string, redirect_uri: APP_REDIRECT, code_verifier: verifier }, { authorization: basic(app.clientId, app.secret as string) });
    expect(t.status).toBe(200);
    const refreshed = await request(second.getHttpServer()).post('/token').set('authorization', basic(app.clientId, app.secret as string))
      .type('form').send({ grant_type: 'refresh_token', refresh_token: t.body.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(refreshed.body.access_token).grant).toBe(decodeJwt(t.body.access_token as string).grant);
    expect(decodeProtectedHeader(refreshed.body.access_token).kid).toBe(decodeProtectedHeader(t.body.access_token as string).kid);
    const intro = await request(second.getHttpServer()).post('/token/introspection').set('authorization', basic(app.clientId, app.secret as string))
      .type('form').send({ token: t.body.access_token });
    expect(intro.body).toMatchObject({ active: true, patient: String(h.patientId) });
  });

  it('publishes a rotated key on every instance at once, keeps the old one, and a restarted instance signs with the new one', async () => {
    const before = (await (await fetch(`${h.base}/jwks`)).json()) as { keys: { kid: string }[] };
    const newKid = await authRuntimeOf(second).oidc.keys.rotate();
    const after = (await (await fetch(`${h.base}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(after.keys.map((k) => k.kid)).toEqual([newKid, ...before.keys.map((k) => k.kid)]);
    const restarted = await createAuthApp(h.config, { store: h.store, legacy: h.legacy, logger: new JsonLogger('auth', 'error', () => undefined) });
    await restarted.init();
    try {
      const app = await registerApp(h);
      const { verifier, challenge } = pkce();
      const r = await runAuthorization(h, { clientId: app.clientId, scope: 'launch/patient patient/*.rs', challenge }, { patientId: h.patientId });
      const t = await request(restarted.getHttpServer()).post('/token').set('authorization', basic(app.clientId, app.secret as string))
        .type('form').send({ grant_type: 'authorization_code', code: r.code, redirect_uri: APP_REDIRECT, code_verifier: verifier });
      expect(t.status).toBe(200);
      expect(decodeProtectedHeader(t.body.access_token).kid).toBe(newKid);
      // An instance not restarted yet still signs with the old key, which stays published: its tokens stay valid.
      const { verifier: v2, challenge: c2 } = pkce();
      const r2 = await runAuthorization(h, { clientId: app.clientId, scope: 'launch/patient patient/*.rs', challenge: c2 }, { patientId: h.patientId });
      const oldInstance = await tokenRequest(h, { grant_type: 'authorization_code', code: r2.code as string, redirect_uri: APP_REDIRECT, code_verifier: v2 }, { authorization: basic(app.clientId, app.secret as string) });
      expect(decodeProtectedHeader(oldInstance.body.access_token as string).kid).toBe(before.keys[0].kid);
      const intro = await request(restarted.getHttpServer()).post('/token/introspection').set('authorization', basic(app.clientId, app.secret as string))
        .type('form').send({ token: oldInstance.body.access_token });
      expect(intro.body.active).toBe(true);
    } finally {
      await restarted.close();
    }
  });
});
