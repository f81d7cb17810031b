/**
 * Attacks on chart selection and on the patient's connected-apps page: a provider or a portal account posting a
 * chart id it may not open (another practice, a stranger, an ended proxy), a picked chart carried over to another
 * authorization, and one portal account revoking another's app. Every assertion is the SAFE behaviour.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { addPatient, addPortalAccount, addProxy } from '../../apps/auth/src/testing/legacy-fixtures.js';
import { APP_REDIRECT, FHIR, authorize, basic, pkce, registerApp, runAuthorization, startAuth, tokenRequest, type AuthHarness } from '../auth/protocol/support/auth-harness.js';
import { ACTIVE_MARKUP, ScreenSession, csrfOf } from './support/auth-browser.js';

describe('chart selection and connected-apps attacks', () => {
  let h: AuthHarness;
  let app: { clientId: string; secret?: string };
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    h = await startAuth();
    app = await registerApp(h, { scope: 'launch/patient openid fhirUser offline_access patient/*.rs user/*.rs' });
    ids.far = await addPatient(h.legacy, h.otherPracticeId, { MRN: 'SEC-FAR', LAST_NAME: 'Faraway' });
    ids.stranger = await addPatient(h.legacy, h.practiceId, { MRN: 'SEC-STR', LAST_NAME: 'Stranger' });
    ids.maria = await addPatient(h.legacy, h.practiceId, { MRN: 'SEC-MAR', LAST_NAME: 'Lopez', FIRST_NAME: 'Maria' });
    ids.kid = await addPatient(h.legacy, h.practiceId, { MRN: 'SEC-KID', LAST_NAME: 'Lopez', FIRST_NAME: 'Teo', DOB: '2016-03-04' });
    ids.ex = await addPatient(h.legacy, h.practiceId, { MRN: 'SEC-EX', LAST_NAME: 'Lopez', FIRST_NAME: 'Ex' });
    ids.portal = await addPortalAccount(h.legacy, ids.maria, 'maria.sec', 'Pw#maria-sec1');
    await addProxy(h.legacy, ids.portal, ids.kid, '2020-01-01', null);
    await addProxy(h.legacy, ids.portal, ids.ex, '2010-01-01', '2012-01-01');
    ids.otherPortal = await addPortalAccount(h.legacy, ids.stranger, 'stranger.sec', 'Pw#stranger-sec1');
  });
  afterAll(async () => h?.close());

  /** Authorizes and signs in through the screens; returns the session on the next interaction step. */
  async function signedIn(aud: 'fhir' | 'open', login: string, password: string) {
    const { location, jar } = await authorize(h, { clientId: app.clientId, scope: 'launch/patient openid fhirUser patient/*.rs', aud: `${FHIR}/${aud}` });
    const s = new ScreenSession(h.base, jar);
    const path = new URL(location, h.base).pathname;
    const page = await s.get(path);
    const res = await s.post(`${path}/login`, { _csrf: csrfOf(page.html), login, password });
    expect(res.status).toBe(303);
    let next = res.location;
    for (let i = 0; i < 4 && !next.includes('/interaction/'); i++) next = (await s.get(next)).location;
    const uidPath = new URL(next, h.base).pathname;
    return { s, path: uidPath, step: await s.get(uidPath) };
  }

  it("a provider cannot pick a chart of another practice, and a pick does not carry over to another authorization", async () => {
    const { s, path } = await signedIn('fhir', 'dr.test', 'Passw0rd!x');
    // The practice-scoped search does not find the other practice's chart; its pick form carries the CSRF token.
    const farSearch = (await s.get(`${path}?name=Faraway`)).html;
    expect(farSearch).not.toContain('SEC-FAR');
    expect(farSearch).not.toContain(`value="${ids.far}"`);
    const step = await s.get(`${path}?name=Stranger`);
    expect(step.html).toContain('SEC-STR');
    const refused = await s.post(`${path}/patient`, { _csrf: csrfOf(step.html), patient: String(ids.far) });
    expect(refused.status).toBe(403);
    expect(refused.html).not.toContain('SEC-FAR');
    for (const bad of ['0', '-1', `${ids.far}.0`, `${h.patientId} OR 1=1`, '']) {
      expect((await s.post(`${path}/patient`, { _csrf: csrfOf(step.html), patient: bad })).status).toBeGreaterThanOrEqual(400);
    }
    const ok = await s.post(`${path}/patient`, { _csrf: csrfOf(step.html), patient: String(ids.stranger) });
    expect(ok.status).toBe(303);
    const consent = await s.get(path);
    expect(consent.html).toContain('Stranger');
    // A second authorization in the same browser starts at the picker again.
    const second = await authorize(h, { clientId: app.clientId, scope: 'launch/patient openid fhirUser patient/*.rs' }, s.jar);
    const secondStep = await s.get(second.location);
    expect(secondStep.html).not.toContain('SEC-STR');
    expect(secondStep.html).toContain('name="name"');
    // Picking without the CSRF token is refused.
    expect((await s.post(`${path}/patient`, { patient: String(ids.stranger) })).status).toBe(400);
  });

  it('a portal account can pick only its own chart and its current proxies', async () => {
    const { s, path, step } = await signedIn('open', 'maria.sec', 'Pw#maria-sec1');
    expect(step.html).toContain(`value="${ids.kid}"`);
    expect(step.html).not.toContain(`value="${ids.ex}"`);
    for (const patient of [ids.stranger, ids.far, ids.ex]) {
      const res = await s.post(`${path}/patient`, { _csrf: csrfOf(step.html), patient: String(patient) });
      expect(`${patient} -> ${res.status}`).toBe(`${patient} -> 403`);
    }
    expect((await s.post(`${path}/patient`, { _csrf: csrfOf(step.html), patient: String(ids.kid) })).status).toBe(303);
  });

  it("one portal account cannot revoke another's connected app", async () => {
    const { verifier, challenge } = pkce();
    const r = await runAuthorization(h, { clientId: app.clientId, scope: 'launch/patient openid patient/*.rs offline_access', aud: `${FHIR}/open`, challenge },
      { accountId: `portal:${ids.portal}`, patientId: ids.maria, fhirUser: `Patient/${ids.maria}` });
    const t = await tokenRequest(h, { grant_type: 'authorization_code', code: String(r.code), redirect_uri: APP_REDIRECT, code_verifier: verifier }, { authorization: basic(app.clientId, String(app.secret)) });
    expect(t.status).toBe(200);
    const grantId = String(decodeJwt(String(t.body.access_token)).grant);
    const mallory = new ScreenSession(h.base);
    expect((await mallory.submit('/portal/patient', '/portal/patient/signin', { login: 'stranger.sec', password: 'Pw#stranger-sec1' })).status).toBe(303);
    const page = await mallory.get('/portal/patient');
    expect(page.html).not.toContain(grantId);
    const res = await mallory.post(`/portal/patient/grants/${encodeURIComponent(grantId)}/revoke`, { _csrf: csrfOf(page.html) });
    expect(res.status).toBe(404);
    const refreshed = await tokenRequest(h, { grant_type: 'refresh_token', refresh_token: String(t.body.refresh_token) }, { authorization: basic(app.clientId, String(app.secret)) });
    expect(refreshed.status).toBe(200);
    // An app with a hostile name holding access is listed escaped on Maria's page.
    const evil = await registerApp(h, { name: '<script>alert(1)</script>', scope: 'launch/patient openid patient/*.rs' });
    const e = pkce();
    const er = await runAuthorization(h, { clientId: evil.clientId, scope: 'launch/patient openid patient/*.rs', aud: `${FHIR}/open`, challenge: e.challenge },
      { accountId: `portal:${ids.portal}`, patientId: ids.maria, fhirUser: `Patient/${ids.maria}` });
    expect((await tokenRequest(h, { grant_type: 'authorization_code', code: String(er.code), redirect_uri: APP_REDIRECT, code_verifier: e.verifier }, { authorization: basic(evil.clientId, String(evil.secret)) })).status).toBe(200);
    // Maria herself can revoke, but not without the CSRF token.
    const maria = new ScreenSession(h.base);
    expect((await maria.submit('/portal/patient', '/portal/patient/signin', { login: 'maria.sec', password: 'Pw#maria-sec1' })).status).toBe(303);
    expect((await maria.post(`/portal/patient/grants/${encodeURIComponent(grantId)}/revoke`, {})).status).toBe(400);
    const own = await maria.get('/portal/patient');
    expect(own.html).not.toMatch(ACTIVE_MARKUP);
    expect(own.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect((await maria.post(`/portal/patient/grants/${encodeURIComponent(grantId)}/revoke`, { _csrf: csrfOf(own.html) })).status).toBe(200);
  });
});
