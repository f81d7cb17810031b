import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { exportJWK, generateKeyPair } from 'jose';
import { verifySecret } from '#facade/facade-store';
import { addPatient, addPortalAccount, addPractice, addProvider, addUser } from '../testing/legacy-fixtures.js';
import { csrfFrom, startInteractionKit, type InteractionKit } from '../testing/interaction-test-kit.js';

describe('portals (Connect, License Management, connected apps, directory, EHR simulator)', () => {
  let kit: InteractionKit;
  let ids: Record<string, number>;

  beforeAll(async () => {
    kit = await startInteractionKit();
    const ds = kit.legacy.ds;
    const p1 = await addPractice(ds, { PRACTICE_NAME: 'Riverside Family Medicine', NPI: '1234567893' });
    const p2 = await addPractice(ds, { PRACTICE_NAME: 'Closed Clinic', ACTIVE_YN: 'N' });
    const prov = await addProvider(ds, p1);
    ids = {
      p1, p2,
      admin: await addUser(ds, p1, 'admin.rfm', 'Pw#admin-123', { ROLE_CODE: 'ADMIN', FULL_NAME: 'Alex Admin' }),
      doc: await addUser(ds, p1, 'dr.rfm', 'Pw#doc-1234', { PROV_ID: prov }),
      pat: await addPatient(ds, p1, { FIRST_NAME: 'Maria', LAST_NAME: 'Lopez', MRN: 'P-1' }),
    };
    ids.portal = await addPortalAccount(ds, ids.pat, 'maria.p', 'Pw#maria-22');
    ids.portal2 = await addPortalAccount(ds, await addPatient(ds, p1, { MRN: 'P-2' }), 'other.p', 'Pw#other-22');
  });
  afterAll(async () => kit.close());

  const agent = () => request.agent(kit.app.getHttpServer());

  async function signIn(a: ReturnType<typeof agent>, path: string, login: string, password: string) {
    const page = await a.get(path);
    return a.post(`${path}/signin`).type('form').send({ _csrf: csrfFrom(page.text), login, password });
  }

  describe('Connect portal', () => {
    it('signs up a developer, registers a confidential app, shows the secret once and keeps only its hash; rotate and delete', async () => {
      const dev = agent();
      const start = await dev.get('/connect');
      expect(start.text).toContain('Create a developer account');
      const signup = await dev.post('/connect/signup').type('form').send({ _csrf: csrfFrom(start.text), displayName: 'Acme Health', email: 'Dev@Acme.test', password: 'long-enough-pw' });
      expect(signup.status).toBe(303);
      const form = await dev.get('/connect/apps/new');
      const bad = await dev.post('/connect/apps').type('form').send({ _csrf: csrfFrom(form.text), name: 'Acme', kind: 'confidential-secret', redirectUris: 'http://acme.test/cb', scope: 'patient/*.rs' });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('must use https');
      const created = await dev.post('/connect/apps').type('form').send({
        _csrf: csrfFrom(form.text), name: 'Acme Chart', kind: 'confidential-secret', redirectUris: 'https://acme.test/cb\nhttps://acme.test/cb2',
        launchUri: 'https://acme.test/launch', scope: 'launch openid fhirUser patient/*.rs',
      });
      expect(created.status).toBe(201);
      const clientId = /data-testid="client-id">([^<]+)</.exec(created.text)![1];
      const secret = /data-testid="client-secret">([^<]+)</.exec(created.text)![1];
      const stored = (await kit.store.clients.find(clientId))!;
      expect(stored).toMatchObject({ name: 'Acme Chart', authMethod: 'client_secret_basic', redirectUris: ['https://acme.test/cb', 'https://acme.test/cb2'] });
      expect(stored.secretHash).not.toContain(secret);
      expect(await verifySecret(secret, stored.secretHash)).toBe(true);
      const detail = await dev.get(`/connect/apps/${clientId}`);
      expect(detail.text).toContain(clientId);
      expect(detail.text).not.toContain(secret);

      const edit = await dev.get(`/connect/apps/${clientId}/edit`);
      expect(edit.text).toContain('https://acme.test/cb2');
      const badEdit = await dev.post(`/connect/apps/${clientId}`).type('form').send({ _csrf: csrfFrom(edit.text), name: 'Acme Chart 2', redirectUris: 'ftp://x', scope: 'patient/*.rs' });
      expect(badEdit.status).toBe(400);
      const saved = await dev.post(`/connect/apps/${clientId}`).type('form').send({ _csrf: csrfFrom(edit.text), name: 'Acme Chart 2', kind: 'public', redirectUris: 'https://acme.test/new', scope: 'patient/*.rs' });
      expect(saved.text).toContain('Your changes were saved.');
      expect(await kit.store.clients.find(clientId)).toMatchObject({ name: 'Acme Chart 2', redirectUris: ['https://acme.test/new'], authMethod: 'client_secret_basic' });

      const rotated = await dev.post(`/connect/apps/${clientId}/rotate`).type('form').send({ _csrf: csrfFrom(detail.text) });
      const newSecret = /data-testid="client-secret">([^<]+)</.exec(rotated.text)![1];
      const after = (await kit.store.clients.find(clientId))!;
      expect(await verifySecret(secret, after.secretHash)).toBe(false);
      expect(await verifySecret(newSecret, after.secretHash)).toBe(true);

      const stranger = agent();
      const s = await stranger.get('/connect');
      await stranger.post('/connect/signup').type('form').send({ _csrf: csrfFrom(s.text), displayName: 'Mallory', email: 'm@evil.test', password: 'long-enough-pw' });
      expect((await stranger.get(`/connect/apps/${clientId}`)).status).toBe(404);
      const forged = await stranger.post(`/connect/apps/${clientId}/delete`).type('form').send({ _csrf: 'x' });
      expect(forged.status).toBe(400);
      expect(await kit.store.clients.find(clientId)).toBeDefined();

      const deleted = await dev.post(`/connect/apps/${clientId}/delete`).type('form').send({ _csrf: csrfFrom(detail.text) });
      expect(deleted.text).toContain('was deleted');
      expect(await kit.store.clients.find(clientId)).toBeUndefined();

      // Sign-out needs the form's token too; then the portal shows the sign-in page again.
      await dev.post('/connect/signout').type('form').send({ _csrf: 'forged' });
      expect((await dev.get('/connect')).text).toContain('Your apps');
      await dev.post('/connect/signout').type('form').send({ _csrf: csrfFrom(deleted.text) });
      expect((await dev.get('/connect')).text).toContain('Create a developer account');
    });

    it('registers a backend-services app with a pasted public JWKS (no secret), and refuses private keys', async () => {
      const dev = agent();
      const start = await dev.get('/connect');
      await dev.post('/connect/signup').type('form').send({ _csrf: csrfFrom(start.text), displayName: 'Batch Co', email: 'ops@batch.test', password: 'long-enough-pw' });
      const form = await dev.get('/connect/apps/new');
      const { publicKey, privateKey } = await generateKeyPair('ES384', { extractable: true });
      const pub = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES384' };
      const priv = { ...(await exportJWK(privateKey)), kid: 'k1', alg: 'ES384' };
      const leaked = await dev.post('/connect/apps').type('form').send({ _csrf: csrfFrom(form.text), name: 'Nightly export', kind: 'backend', scope: 'system/*.rs', jwks: JSON.stringify({ keys: [priv] }) });
      expect(leaked.status).toBe(400);
      expect(leaked.text).toContain('private key material');
      const notJson = await dev.post('/connect/apps').type('form').send({ _csrf: csrfFrom(form.text), name: 'Nightly export', kind: 'backend', scope: 'system/*.rs', jwks: '{keys:' });
      expect(notJson.text).toContain('jwks: not valid JSON');
      const ok = await dev.post('/connect/apps').type('form').send({ _csrf: csrfFrom(form.text), name: 'Nightly export', kind: 'backend', scope: 'system/*.rs', jwks: JSON.stringify({ keys: [pub] }) });
      expect(ok.status).toBe(201);
      expect(ok.text).not.toContain('data-testid="client-secret"');
      const clientId = /data-testid="client-id">([^<]+)</.exec(ok.text)![1];
      expect(await kit.store.clients.find(clientId)).toMatchObject({ backendServices: true, authMethod: 'private_key_jwt', secretHash: null, scope: 'system/*.rs', jwks: { keys: [expect.objectContaining({ kid: 'k1', kty: 'EC' })] } });
    });

    it('refuses a wrong password with one generic message', async () => {
      const a = agent();
      const page = await a.get('/connect');
      const res = await a.post('/connect/signin').type('form').send({ _csrf: csrfFrom(page.text), email: 'dev@acme.test', password: 'wrong-password' });
      expect(res.status).toBe(401);
      expect(res.text).toContain('The email or password is incorrect.');
    });
  });

  describe('License Management', () => {
    it('only practice administrators get in; approve with lifetimes, change them, revoke (feeds the revocation list)', async () => {
      const doc = agent();
      expect((await signIn(doc, '/admin', 'dr.rfm', 'Pw#doc-1234')).status).toBe(403);
      const admin = agent();
      expect((await signIn(admin, '/admin', 'ADMIN.rfm', 'Pw#admin-123')).status).toBe(303);
      // The kit's app never asked for this practice: only a search lists it before a decision.
      expect((await admin.get('/admin')).text).not.toContain('Test Health App');
      const page = await admin.get('/admin?q=test%20health');
      expect(page.text).toContain('Riverside Family Medicine');
      expect(page.text).toContain('Test Health App');
      expect(page.text).toContain('0 connections in your practice');
      const csrf = csrfFrom(page.text);
      const tooLong = await admin.post('/admin/apps/test-app/approve').type('form').send({ _csrf: csrf, accessTokenTtl: '7200' });
      expect(tooLong.status).toBe(400);
      expect(await kit.store.approvals.findActive('test-app', ids.p1)).toBeUndefined();
      await admin.post('/admin/apps/test-app/approve').type('form').send({ _csrf: csrf, accessTokenTtl: '900', refreshTokenDays: '120' });
      expect(await kit.store.approvals.findActive('test-app', ids.p1)).toMatchObject({ accessTokenTtl: 900, refreshTokenTtl: 120 * 86400, decidedBy: `user:${ids.admin}` });
      await admin.post('/admin/apps/test-app/lifetimes').type('form').send({ _csrf: csrf, accessTokenTtl: '', refreshTokenDays: '100' });
      expect(await kit.store.approvals.findActive('test-app', ids.p1)).toMatchObject({ accessTokenTtl: null, refreshTokenTtl: 100 * 86400 });
      // A patient-facing app keeps refresh tokens >= 3 months (ONC): shorter values are refused with a message.
      for (const days of ['1', '30', '91']) {
        const short = await admin.post('/admin/apps/test-app/lifetimes').type('form').send({ _csrf: csrf, accessTokenTtl: '', refreshTokenDays: days });
        expect(short.status).toBe(400);
        expect(short.text).toContain('must last at least 92 days');
      }
      expect(await kit.store.approvals.findActive('test-app', ids.p1)).toMatchObject({ refreshTokenTtl: 100 * 86400 });
      expect(page.text).toContain('days, 92–3650 (patients use this app)');
      const since = Date.now() - 1;
      const revoked = await admin.post('/admin/apps/test-app/revoke').type('form').send({ _csrf: csrf });
      expect(revoked.text).toContain('can no longer connect');
      expect(await kit.store.approvals.findActive('test-app', ids.p1)).toBeUndefined();
      expect((await kit.store.revocations.revokedSince(since)).approvals).toEqual([expect.objectContaining({ clientId: 'test-app', practiceId: ids.p1 })]);
    });
  });

  describe('Bulk data exports (operator view)', () => {
    it("lists the practice's exports (client, when, status, resources, size) and cancels one; another practice's is not there", async () => {
      const base = { level: 'system' as const, groupId: null, requestUrl: 'http://fhir.test/fhir/$export', request: '{}', caller: '{}', types: '["Patient"]', transactionTime: Date.now() };
      const mine = await kit.store.bulkExports.create({ ...base, id: '11111111-1111-4111-8111-111111111111', clientId: 'test-app', practiceId: ids.p1 });
      await kit.store.bulkExports.plan(mine.id, [{ type: 'Patient', sourceKey: 'patient', keyFrom: 0, keyTo: 10 }]);
      await kit.store.bulkExports.completeChunk(mine.id, 0, [{ type: 'Patient', key: `${mine.id}/000000-Patient.ndjson`, count: 42, bytes: 3 * 1024 * 1024 }]);
      const theirs = await kit.store.bulkExports.create({ ...base, id: '22222222-2222-4222-8222-222222222222', clientId: 'test-app', practiceId: ids.p2 });
      const admin = agent();
      await signIn(admin, '/admin', 'admin.rfm', 'Pw#admin-123');
      expect((await admin.get('/admin')).text).toContain('href="/admin/exports"');
      const page = await admin.get('/admin/exports');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Test Health App');
      expect(page.text).toContain('<td>42</td><td>3.0 MiB</td>');
      expect(page.text).toContain(`/admin/exports/${mine.id}/cancel`);
      expect(page.text).not.toContain(theirs.id);
      const csrf = csrfFrom(page.text);
      expect((await admin.post(`/admin/exports/${theirs.id}/cancel`).type('form').send({ _csrf: csrf })).status).toBe(404);
      expect((await kit.store.bulkExports.get(theirs.id))?.status).toBe('queued');
      const cancelled = await admin.post(`/admin/exports/${mine.id}/cancel`).type('form').send({ _csrf: csrf });
      expect(cancelled.text).toContain('The export was cancelled');
      expect((await kit.store.bulkExports.get(mine.id))?.status).toBe('cancelled');
      expect((await agent().get('/admin/exports')).status).toBe(303);
    });
  });

  describe('connected apps (patient)', () => {
    /** The oidc-provider record of a grant that can still issue tokens (a refresh token), as consent + exchange leave. */
    async function liveGrant(grantId: string, refresh = true): Promise<void> {
      await kit.store.oidc.upsert('Grant', grantId, { jti: grantId, kind: 'Grant', clientId: 'test-app' }, 86400);
      if (refresh) await kit.store.oidc.upsert('RefreshToken', `rt-${grantId}`, { jti: `rt-${grantId}`, kind: 'RefreshToken', grantId, clientId: 'test-app' }, 86400);
    }

    it('shows one card per app and practice, hides dead grants, and revoking ends every grant of that app', async () => {
      await kit.store.approvals.approve('test-app', ids.p1, 'test');
      const context = (scopes: string[]) => ({ accountId: `portal:${ids.portal}`, practiceId: ids.p1, patientId: ids.pat, grantedScopes: scopes, needPatientBanner: true, audience: kit.config.fhirBases.patient });
      for (let i = 0; i < 3; i++) {
        await liveGrant(`card-live-${i}`);
        await kit.store.grantContexts.save(`card-live-${i}`, 'test-app', context(['openid', i === 0 ? 'patient/Patient.rs' : 'patient/Condition.rs']));
      }
      // Dead: revoked in the feed; no oidc-provider record any more; an old grant with neither refresh token nor code.
      await liveGrant('card-revoked');
      await kit.store.grantContexts.save('card-revoked', 'test-app', context(['patient/Immunization.rs']));
      await kit.store.revocations.revokeGrant('card-revoked', 'test-app', ids.p1);
      await kit.store.grantContexts.save('card-gone', 'test-app', context(['patient/Goal.rs']));
      const a = agent();
      await signIn(a, '/portal/patient', 'maria.p', 'Pw#maria-22');
      const page = await a.get('/portal/patient');
      expect(page.text.match(/<section class="card">/g)).toHaveLength(1);
      expect(page.text).toContain('Demographics');
      expect(page.text).toContain('Conditions');
      expect(page.text).not.toContain('Immunizations');
      expect(page.text).not.toContain('Health goals');
      const action = /action="\/portal\/patient\/grants\/([^/"]+)\/revoke"/.exec(page.text)?.[1];
      const since = Date.now() - 1;
      const res = await a.post(`/portal/patient/grants/${action}/revoke`).type('form').send({ _csrf: csrfFrom(page.text) });
      expect(res.text).toContain('can no longer see your record');
      expect(res.text).toContain('No apps have access');
      const revoked = (await kit.store.revocations.revokedSince(since)).grants;
      expect(revoked).toEqual(expect.arrayContaining(['card-live-0', 'card-live-1', 'card-live-2', 'card-gone']));
      for (const id of ['card-live-0', 'card-live-1', 'card-live-2']) expect(await kit.store.oidc.find('Grant', id)).toBeUndefined();
    });

    it('lists the apps holding access to the account charts and revokes one', async () => {
      const grantId = 'grant-portal-1';
      await kit.store.approvals.approve('test-app', ids.p1, 'test');
      await liveGrant(grantId);
      await kit.store.grantContexts.save(grantId, 'test-app', {
        accountId: `portal:${ids.portal}`, practiceId: ids.p1, patientId: ids.pat, grantedScopes: ['openid', 'offline_access', 'patient/Patient.rs', 'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs'],
        needPatientBanner: true, audience: kit.config.fhirBases.patient,
      });
      const other = agent();
      await signIn(other, '/portal/patient', 'other.p', 'Pw#other-22');
      const otherPage = await other.get('/portal/patient');
      expect(otherPage.text).toContain('No apps have access');
      expect((await other.post(`/portal/patient/grants/${grantId}/revoke`).type('form').send({ _csrf: csrfFrom(otherPage.text) })).status).toBe(404);

      const a = agent();
      await signIn(a, '/portal/patient', 'maria.p', 'Pw#maria-22');
      const page = await a.get('/portal/patient');
      expect(page.text).toContain('Test Health App');
      expect(page.text).toContain('Maria Lopez');
      expect(page.text).toContain('Lab results, vital signs and other observations: Vital signs');
      expect(page.text).toContain('Keeps access while you are away');
      const since = Date.now() - 1;
      const res = await a.post(`/portal/patient/grants/${grantId}/revoke`).type('form').send({ _csrf: csrfFrom(page.text) });
      expect(res.text).toContain('can no longer see your record');
      expect((await kit.store.revocations.revokedSince(since)).grants).toEqual([grantId]);
      expect(await kit.store.grantContexts.load(grantId)).toBeUndefined();
    });
  });

  describe('endpoint directory', () => {
    it('publishes a FHIR Bundle with both Endpoints and one Organization per active practice', async () => {
      const res = await request(kit.app.getHttpServer()).get('/directory/bundle.json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('application/fhir+json');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const bundle = JSON.parse(res.text);
      expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
      const resources = bundle.entry.map((e: { resource: Record<string, unknown> }) => e.resource);
      const endpoints = resources.filter((r: { resourceType: string }) => r.resourceType === 'Endpoint');
      expect(endpoints.map((e: { address: string; meta: { tag: { code: string }[] } }) => [e.address, e.meta.tag[0].code])).toEqual([
        [kit.config.fhirBases.provider, 'provider'], [kit.config.fhirBases.patient, 'patient'],
      ]);
      expect(endpoints[0]).toMatchObject({ status: 'active', connectionType: { code: 'hl7-fhir-rest' } });
      const orgs = resources.filter((r: { resourceType: string }) => r.resourceType === 'Organization');
      expect(orgs).toHaveLength(1);
      expect(orgs[0]).toMatchObject({
        name: 'Riverside Family Medicine', identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }],
        address: [{ line: ['10 Main St'], city: 'Springfield', state: 'MA', postalCode: '01101' }],
        endpoint: [{ reference: 'Endpoint/provider-api' }, { reference: 'Endpoint/patient-api' }],
      });
      const page = await request(kit.app.getHttpServer()).get('/directory');
      expect(page.text).toContain(kit.config.fhirBases.patient);
      expect(page.text).not.toContain('Closed Clinic');
    });
  });

  describe('EHR simulator', () => {
    it('launches an approved app with a single-use launch context for the chosen patient', async () => {
      await kit.store.clients.update('test-app', { launchUri: 'https://app.example.test/launch' });
      await kit.store.approvals.approve('test-app', ids.p1, 'user:1');
      const a = agent();
      await signIn(a, '/ehr-simulator', 'dr.rfm', 'Pw#doc-1234');
      const page = await a.get('/ehr-simulator').query({ q: 'lopez' });
      expect(page.text).toContain('Maria Lopez');
      const res = await a.post('/ehr-simulator/launch').type('form').send({ _csrf: csrfFrom(page.text), patient: ids.pat, app: 'test-app' });
      expect(res.status).toBe(303);
      const url = new URL(res.headers.location);
      expect(url.origin + url.pathname).toBe('https://app.example.test/launch');
      expect(url.searchParams.get('iss')).toBe(kit.config.fhirBases.provider);
      const ctx = await kit.store.launches.findUsable(url.searchParams.get('launch')!);
      expect(ctx).toMatchObject({ clientId: 'test-app', accountId: `user:${ids.doc}`, patientId: ids.pat, practiceId: ids.p1 });
    });
  });
});
