import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SignJWT, decodeJwt, exportJWK, generateKeyPair } from 'jose';
import { addPatient } from '../../../apps/auth/src/testing/legacy-fixtures.js';
import { APP_REDIRECT, FHIR, authorize, basic, pkce, registerApp, runAuthorization, startAuth, tokenRequest, type AuthHarness } from './support/auth-harness.js';

const SECRET = 'ehr-launch-secret-for-tests';

describe('EHR launch (launch context API + launch parameter)', () => {
  let h: AuthHarness;
  let app: { clientId: string; secret?: string };
  let visitId: number;

  beforeAll(async () => {
    h = await startAuth();
    app = await registerApp(h, { launchUri: 'http://localhost:9999/launch' });
    const r = await h.legacy.createQueryBuilder().insert().into('VISIT').values({
      PAT_ID: h.patientId, VISIT_TYPE: 'OFFICE', VISIT_STATUS: 'FIN', START_DT: '2024-03-01 10:00:00', DELETED_YN: 'N', CREATED_AT: '2024-03-01 10:00:00', UPDATED_AT: '2024-03-01 10:00:00', ROW_VER: 1,
    }).execute();
    visitId = Number(Object.values(r.identifiers[0])[0]);
  });
  afterAll(async () => h?.close());

  async function createLaunch(body: Record<string, unknown>, secret = SECRET) {
    const res = await fetch(`${h.base}/ehr-launch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it('creates a single-use launch whose context (patient, encounter, banner, style) reaches the token response', async () => {
    const created = await createLaunch({ client_id: app.clientId, user_id: h.userId, patient_id: h.patientId, encounter_id: visitId });
    expect(created.status).toBe(201);
    const launchUrl = new URL(created.body.launch_url as string);
    expect(launchUrl.origin + launchUrl.pathname).toBe('http://localhost:9999/launch');
    expect(launchUrl.searchParams.get('iss')).toBe(`${FHIR}/fhir`);
    const launch = launchUrl.searchParams.get('launch') as string;
    expect(launch).toBe(created.body.launch);

    const { verifier, challenge } = pkce();
    const scope = 'launch openid fhirUser offline_access patient/Patient.rs user/Encounter.rs';
    const r = await runAuthorization(h, { clientId: app.clientId, scope, challenge, launch, aud: launchUrl.searchParams.get('iss') as string });
    expect(r.code).toBeTruthy();
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: r.code as string, redirect_uri: APP_REDIRECT, code_verifier: verifier }, { authorization: basic(app.clientId, app.secret as string) });
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ patient: String(h.patientId), encounter: String(visitId), need_patient_banner: true });
    expect(new Set(String(t.body.scope).split(' '))).toEqual(new Set(scope.split(' ')));
    expect(decodeJwt(t.body.access_token as string)).toMatchObject({ patient: String(h.patientId), encounter: String(visitId) });
    const style = await fetch(t.body.smart_style_url as string);
    expect(style.status).toBe(200);
    expect(style.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await style.json()).toHaveProperty('color_background');

    // Single use: the same launch handle cannot start another authorization.
    const again = await authorize(h, { clientId: app.clientId, scope, launch });
    const url = new URL(again.location, h.base);
    expect(url.searchParams.get('code')).toBeNull();
    expect(url.searchParams.get('error')).toBe('invalid_request');
  });

  it("carries the EHR's own banner and style choices (need_patient_banner false, its smart_style_url) to the token response", async () => {
    const style = 'https://ehr.example.org/styles/dark.json';
    const created = await createLaunch({ client_id: app.clientId, user_id: h.userId, patient_id: h.patientId, need_patient_banner: false, smart_style_url: style });
    expect(created.status).toBe(201);
    const launch = created.body.launch as string;
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: app.clientId, scope: 'launch openid fhirUser patient/Patient.rs', challenge, launch });
    expect(r.code).toBeTruthy();
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: r.code as string, redirect_uri: APP_REDIRECT, code_verifier: verifier }, { authorization: basic(app.clientId, app.secret as string) });
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ patient: String(h.patientId), need_patient_banner: false, smart_style_url: style });
    // A style URL that is not an absolute http(s) URL is refused when the launch is created.
    const bad = await createLaunch({ client_id: app.clientId, user_id: h.userId, patient_id: h.patientId, smart_style_url: 'javascript:alert(1)' });
    expect(bad.status).toBe(400);
  });

  it('refuses a launch created for another user when someone else signs in', async () => {
    const created = await createLaunch({ client_id: app.clientId, user_id: h.userId, patient_id: h.patientId });
    await expect(runAuthorization(h, { clientId: app.clientId, scope: 'launch openid patient/Patient.rs', launch: created.body.launch as string }, { accountId: 'user:999999' }))
      .rejects.toThrow('started by another user');
  });

  it('refuses callers without the secret, and patients or encounters outside the user context', async () => {
    expect((await createLaunch({ client_id: app.clientId, user_id: h.userId, patient_id: h.patientId }, 'wrong-secret-wrong-secret')).status).toBe(401);
    const foreign = await addPatient(h.legacy, h.otherPracticeId);
    const bad = await createLaunch({ client_id: app.clientId, user_id: h.userId, patient_id: foreign, encounter_id: visitId });
    expect(bad.status).toBe(400);
    expect(bad.body.problems).toEqual(expect.arrayContaining([expect.stringMatching(/^patient:/), expect.stringMatching(/^encounter:/)]));
    const noApp = await createLaunch({ client_id: 'nope', user_id: h.userId, patient_id: h.patientId });
    expect(noApp.status).toBe(400);
  });

  it('an EHR launch without the launch scope is refused', async () => {
    const created = await createLaunch({ client_id: app.clientId, user_id: h.userId, patient_id: h.patientId });
    const { location } = await authorize(h, { clientId: app.clientId, scope: 'openid patient/Patient.rs', launch: created.body.launch as string });
    expect(new URL(location, h.base).searchParams.get('code')).toBeNull();
  });

  it('accepts a backend-services access token instead of the shared secret, within that app\'s practice', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
    const ehr = await h.registration.register({ name: 'EHR integration', clientType: 'confidential', authMethod: 'private_key_jwt', backendServices: true, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'ehr' }] }, scope: 'system/*.rs' });
    await h.store.approvals.approve(ehr.client.clientId, h.practiceId, 'test');
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ jti: randomUUID() }).setProtectedHeader({ alg: 'ES384', kid: 'ehr' })
      .setIssuer(ehr.client.clientId).setSubject(ehr.client.clientId).setAudience(`${h.base}/token`).setIssuedAt(now).setExpirationTime(now + 60).sign(privateKey);
    const t = await tokenRequest(h, { grant_type: 'client_credentials', scope: 'system/*.rs', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion });
    expect(t.status).toBe(200);
    const ok = await createLaunch({ client_id: app.clientId, user_id: h.userId, patient_id: h.patientId }, t.body.access_token as string);
    expect(ok.status).toBe(201);
    await h.store.approvals.approve(ehr.client.clientId, h.otherPracticeId, 'test');
    await h.store.approvals.revoke(ehr.client.clientId, h.practiceId, 'test');
    expect((await createLaunch({ client_id: app.clientId, user_id: h.userId, patient_id: h.patientId }, t.body.access_token as string)).status).toBe(401);
  });
});
