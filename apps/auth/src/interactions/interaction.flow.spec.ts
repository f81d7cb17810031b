import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { addPatient, addPortalAccount, addPractice, addProvider, addProxy, addUser } from '../testing/legacy-fixtures.js';
import { CLIENT_ID, csrfFrom, pkcePair, REDIRECT_URI, startInteractionKit, type InteractionKit } from '../testing/interaction-test-kit.js';

const LAB = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';

describe('interaction screens driving a real oidc-provider authorization', () => {
  let kit: InteractionKit;
  let ids: Record<string, number>;

  beforeAll(async () => {
    kit = await startInteractionKit();
    const ds = kit.legacy.ds;
    const p1 = await addPractice(ds);
    const p2 = await addPractice(ds, { PRACTICE_NAME: 'Elsewhere Clinic' });
    const prov = await addProvider(ds, p1);
    ids = {
      p1, p2, prov,
      user: await addUser(ds, p1, 'dr.carter', 'Pw#dr-carter1', { PROV_ID: prov }),
      maria: await addPatient(ds, p1, { LAST_NAME: 'Lopez', FIRST_NAME: 'Maria', MRN: 'M-1' }),
      teo: await addPatient(ds, p1, { LAST_NAME: 'Lopez', FIRST_NAME: 'Teo', DOB: '2016-03-04', MRN: 'M-2' }),
      far: await addPatient(ds, p2, { LAST_NAME: 'Lopez', FIRST_NAME: 'Ana', MRN: 'X-9' }),
    };
    ids.portal = await addPortalAccount(ds, ids.maria, 'maria.l', 'Pw#maria-1');
    await addProxy(ds, ids.portal, ids.teo, '2020-01-01', null, 'MTH');
    await kit.store.approvals.approve(CLIENT_ID, p1, 'user:1');
  });
  afterAll(async () => kit.close());

  let agent: ReturnType<typeof request.agent>;
  beforeEach(() => {
    agent = request.agent(kit.app.getHttpServer());
  });

  async function authorize(scope: string, aud: string): Promise<{ uid: string; verifier: string }> {
    const { verifier, challenge } = pkcePair();
    const res = await agent.get('/oidc/auth').query({ prompt: 'consent',
      client_id: CLIENT_ID, response_type: 'code', redirect_uri: REDIRECT_URI, scope, state: 'st-123', aud,
      code_challenge: challenge, code_challenge_method: 'S256',
    });
    expect(res.status).toBe(303);
    const uid = /\/interaction\/([^/?]+)/.exec(res.headers.location)![1];
    return { uid, verifier };
  }

  /** Follows redirects through the provider until an interaction page or the app's redirect. */
  async function follow(location: string): Promise<{ location: string; uid: string }> {
    let loc = location;
    for (let i = 0; i < 5 && !loc.startsWith(REDIRECT_URI) && !/\/interaction\/[^/]+$/.test(new URL(loc, 'http://x').pathname); i++) {
      const r = await agent.get(new URL(loc, 'http://x').pathname + new URL(loc, 'http://x').search);
      loc = r.headers.location;
    }
    return { location: loc, uid: /\/interaction\/([^/?]+)/.exec(loc)?.[1] ?? '' };
  }

  async function login(uid: string, login: string, password: string) {
    const page = await agent.get(`/interaction/${uid}`);
    return agent.post(`/interaction/${uid}/login`).type('form').send({ _csrf: csrfFrom(page.text), login, password });
  }

  async function tokenFor(location: string, verifier: string) {
    const code = new URL(location).searchParams.get('code');
    expect(code).toBeTruthy();
    const res = await agent.post('/oidc/token').type('form').send({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: CLIENT_ID, code_verifier: verifier });
    expect(res.status).toBe(200);
    return res.body as { scope: string; access_token: string };
  }

  it('provider standalone: EHR sign-in, patient picker within the practice, narrowed consent, saved grant context', async () => {
    const scope = 'openid fhirUser launch/patient offline_access patient/Patient.rs patient/Observation.rs patient/Condition.rs';
    const first = await authorize(scope, kit.config.fhirBases.provider);
    const verifier = first.verifier;
    const loginPage = await agent.get(`/interaction/${first.uid}`);
    expect(loginPage.text).toContain('Sign in with your EHR account');
    expect(loginPage.text).toContain('Test Health App');
    expect(loginPage.headers['content-security-policy']).toContain("frame-ancestors 'none'");

    const bad = await agent.post(`/interaction/${first.uid}/login`).type('form').send({ _csrf: 'forged', login: 'dr.carter', password: 'Pw#dr-carter1' });
    expect(bad.text).toContain('Your form expired');
    const loggedIn = await login(first.uid, 'DR.CARTER', 'Pw#dr-carter1');
    expect(loggedIn.status).toBe(303);
    const { uid } = await follow(loggedIn.headers.location);
    expect(uid).toBeTruthy();

    const picker = await agent.get(`/interaction/${uid}`).query({ name: 'lopez' });
    expect(picker.text).toContain('Choose a patient');
    expect(picker.text).toContain('Maria Lopez');
    expect(picker.text).not.toContain('Ana Lopez'); // other practice
    const foreign = await agent.post(`/interaction/${uid}/patient`).type('form').send({ _csrf: csrfFrom(picker.text), patient: ids.far });
    expect(foreign.status).toBe(403);
    const picked = await agent.post(`/interaction/${uid}/patient`).type('form').send({ _csrf: csrfFrom(picker.text), patient: ids.maria });
    expect(picked.status).toBe(303);

    const consent = await agent.get(`/interaction/${uid}`);
    expect(consent.text).toContain('Allow access');
    expect(consent.text).toContain('MRN M-1');
    const form = new URLSearchParams({ _csrf: csrfFrom(consent.text), decision: 'allow' });
    const idx = (s: string) => scope.split(' ').indexOf(s);
    form.append(`keep_${idx('patient/Patient.rs')}`, 'on');
    form.append(`keep_${idx('patient/Observation.rs')}`, 'on');
    form.append(`narrow_${idx('patient/Observation.rs')}`, 'categories');
    form.append(`cat_${idx('patient/Observation.rs')}`, LAB);
    // Condition left unticked: not granted.
    const done = await agent.post(`/interaction/${uid}/consent`).type('form').send(form.toString());
    expect(done.status).toBe(303);
    const back = await follow(done.headers.location);
    expect(back.location).toMatch(new RegExp(`^${REDIRECT_URI}\\?code=`));
    const token = await tokenFor(back.location, verifier);
    const granted = token.scope.split(' ');
    expect(granted).toEqual(expect.arrayContaining(['patient/Patient.rs', `patient/Observation.rs?category=${LAB}`]));
    expect(granted).not.toContain('patient/Condition.rs');
    expect(granted).not.toContain('patient/Observation.rs');

    const [saved] = await kit.store.grantContexts.listByClient(CLIENT_ID);
    expect(saved.context).toMatchObject({ accountId: `user:${ids.user}`, practiceId: ids.p1, patientId: ids.maria, fhirUser: `Practitioner/${ids.prov}`, audience: kit.config.fhirBases.provider, needPatientBanner: true });
    expect(saved.context.grantedScopes).toEqual(['openid', 'fhirUser', 'launch/patient', 'offline_access', 'patient/Patient.rs', `patient/Observation.rs?category=${LAB}`]);
  });

  it('patient standalone on /open: portal sign-in, proxy chart picker, offline notice, deny ends with access_denied', async () => {
    const first = await authorize('openid fhirUser launch/patient offline_access patient/*.rs', kit.config.fhirBases.patient);
    expect((await agent.get(`/interaction/${first.uid}`)).text).toContain('Sign in to your patient portal');
    const ehrUserOnPortal = await login(first.uid, 'dr.carter', 'Pw#dr-carter1');
    expect(ehrUserOnPortal.text).toContain('The user name or password is incorrect');
    const ok = await login(first.uid, 'Maria.L', 'Pw#maria-1');
    const { uid } = await follow(ok.headers.location);
    const picker = await agent.get(`/interaction/${uid}`);
    expect(picker.text).toContain('Whose record should this app use?');
    expect(picker.text).toContain('Your own record');
    expect(picker.text).toContain('Proxy access · as mother');
    await agent.post(`/interaction/${uid}/patient`).type('form').send({ _csrf: csrfFrom(picker.text), patient: ids.teo });
    const consent = await agent.get(`/interaction/${uid}`);
    expect(consent.text).toContain('Teo Lopez');
    expect(consent.text).toContain('keep access when you are not using it');
    const denied = await agent.post(`/interaction/${uid}/consent`).type('form').send({ _csrf: csrfFrom(consent.text), decision: 'deny' });
    const back = await follow(denied.headers.location);
    expect(new URL(back.location).searchParams.get('error')).toBe('access_denied');
  });

  it('refuses an app the practice has not approved', async () => {
    await kit.store.approvals.revoke(CLIENT_ID, ids.p1, 'user:1');
    try {
      const first = await authorize('openid fhirUser user/Patient.rs', kit.config.fhirBases.provider);
      const ok = await login(first.uid, 'dr.carter', 'Pw#dr-carter1');
      const { uid } = await follow(ok.headers.location);
      const page = await agent.get(`/interaction/${uid}`);
      expect(page.status).toBe(403);
      expect(page.text).toContain('This app is not approved');
      // Also before the patient picker: no chart search for an unapproved app.
      const second = await authorize('openid launch/patient patient/Patient.rs', kit.config.fhirBases.provider);
      const picker = await agent.get(`/interaction/${second.uid}`).query({ name: 'lopez' }); // already signed in: straight to the picker step
      expect(picker.status).toBe(403);
      expect(picker.text).not.toContain('Maria Lopez');
    } finally {
      await kit.store.approvals.approve(CLIENT_ID, ids.p1, 'user:1');
    }
  });

  it('cancel needs the form token: a forged abort is refused, the login page Cancel returns access_denied', async () => {
    const first = await authorize('openid user/Patient.rs', kit.config.fhirBases.provider);
    expect((await agent.post(`/interaction/${first.uid}/abort`).type('form').send({})).status).toBe(400);
    const page = await agent.get(`/interaction/${first.uid}`);
    const cancelled = await agent.post(`/interaction/${first.uid}/abort`).type('form').send({ _csrf: csrfFrom(page.text) });
    const back = await follow(cancelled.headers.location);
    expect(new URL(back.location).searchParams.get('error')).toBe('access_denied');
  });

  it('the patient pickers have a Cancel that returns access_denied to the app (provider and portal)', async () => {
    for (const [aud, loginName, password] of [[kit.config.fhirBases.provider, 'dr.carter', 'Pw#dr-carter1'], [kit.config.fhirBases.patient, 'maria.l', 'Pw#maria-1']]) {
      const first = await authorize('openid launch/patient patient/Patient.rs', aud);
      const { uid } = await follow((await login(first.uid, loginName, password)).headers.location);
      const picker = await agent.get(`/interaction/${uid}`);
      expect(picker.text).toMatch(/Choose a patient|Whose record/);
      expect(picker.text).toContain(`action="/interaction/${uid}/abort"`);
      expect(picker.text).toContain('Cancel and return to the app');
      const cancelled = await agent.post(`/interaction/${uid}/abort`).type('form').send({ _csrf: csrfFrom(picker.text) });
      const back = await follow(cancelled.headers.location);
      expect(new URL(back.location).searchParams.get('error')).toBe('access_denied');
      agent = request.agent(kit.app.getHttpServer());
    }
  });

  it('the "Different user" page (EHR launch for another user) offers a way back: access_denied to the app', async () => {
    const launch = await kit.store.launches.create({
      clientId: CLIENT_ID, accountId: 'user:999999', practiceId: ids.p1, patientId: ids.maria, encounterId: null, needPatientBanner: true,
      smartStyleUrl: null, audience: kit.config.fhirBases.provider,
    } as never, 300);
    const { verifier, challenge } = pkcePair();
    const res = await agent.get('/oidc/auth').query({ prompt: 'consent', client_id: CLIENT_ID, response_type: 'code', redirect_uri: REDIRECT_URI, scope: 'launch openid patient/Patient.rs',
      state: 'st-123', aud: kit.config.fhirBases.provider, launch: launch.id, code_challenge: challenge, code_challenge_method: 'S256' });
    const first = /\/interaction\/([^/?]+)/.exec(res.headers.location)![1];
    const { uid } = await follow((await login(first, 'dr.carter', 'Pw#dr-carter1')).headers.location);
    const refused = await agent.get(`/interaction/${uid}`);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Different user');
    expect(refused.text).toContain('Return to the app');
    const back = await follow((await agent.post(`/interaction/${uid}/abort`).type('form').send({ _csrf: csrfFrom(refused.text) })).headers.location);
    expect(new URL(back.location).searchParams.get('error')).toBe('access_denied');
    expect(verifier).toBeTruthy();
  });

  it('shows an expiry page, not a stack trace, for an unknown interaction', async () => {
    const res = await agent.get('/interaction/unknown-uid');
    expect(res.status).toBe(400);
    expect(res.text).toContain('This sign-in has expired');
  });
});
