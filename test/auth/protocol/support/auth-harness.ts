/**
 * Starts the real auth app (listening on a free port) over a new legacy SQLite database with a practice, a
 * provider user and a patient, and a new facade store (SQLite file, or a new PostgreSQL database). Drives
 * oidc-provider flows over HTTP; login/consent are completed through SmartInteractionService (what the screens
 * call), so protocol behaviour is tested independently of the pages.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig } from '#facade/config';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { createLegacyDataSource, createLegacySqliteDatabase, dropPostgresDatabase, splitPostgresUrl } from '#facade/legacy-db';
import { JsonLogger, Telemetry, telemetryOptionsFromEnv } from '#facade/observability';
import { addPatient, addPractice, addProvider, addUser } from '../../../../apps/auth/src/testing/legacy-fixtures.js';
import { authConfigFrom, type AuthConfig } from '../../../../apps/auth/src/auth-config.js';
import { authRuntimeOf, createAuthApp, type AuthApp } from '../../../../apps/auth/src/bootstrap.js';
import { SmartInteractionService, type SmartConsentDecision } from '../../../../apps/auth/src/oidc/smart-interaction.service.js';
import { ClientRegistrationService, type ClientRegistrationInput } from '../../../../apps/auth/src/registration/client-registration.service.js';
import { CookieJar } from './cookie-jar.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function newPostgresDb(): Promise<string> {
  const u = new URL(process.env.TEST_PG_URL as string);
  u.pathname = `/auth_test_${randomBytes(6).toString('hex')}`;
  const { adminUrl, database } = splitPostgresUrl(u.toString());
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return u.toString();
}

export const FHIR = 'http://fhir.test';
export const APP_REDIRECT = 'http://localhost:9999/callback';

export interface AuthHarness {
  app: AuthApp;
  base: string;
  config: AuthConfig;
  store: FacadeStore;
  legacy: DataSource;
  practiceId: number;
  otherPracticeId: number;
  userId: number;
  providerId: number;
  patientId: number;
  interactions: SmartInteractionService;
  registration: ClientRegistrationService;
  close(): Promise<void>;
}

/** Starts the app on `facade` ('sqlite' or 'postgres'). */
export async function startAuth(facade: 'sqlite' | 'postgres' = 'sqlite', env: Record<string, string> = {}): Promise<AuthHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'auth-proto-'));
  const legacyPath = join(dir, 'legacy.sqlite');
  await createLegacySqliteDatabase(legacyPath);
  const legacy = createLegacyDataSource({ kind: 'sqlite', path: legacyPath });
  await legacy.initialize();
  const practiceId = await addPractice(legacy);
  const otherPracticeId = await addPractice(legacy, { PRACTICE_NAME: 'Other Clinic', NPI: '1245319599' });
  const providerId = await addProvider(legacy, practiceId);
  const userId = await addUser(legacy, practiceId, 'dr.test', 'Passw0rd!x', { PROV_ID: providerId });
  const patientId = await addPatient(legacy, practiceId);

  const pgUrl = facade === 'postgres' ? await newPostgresDb() : undefined;
  const port = await freePort();
  const config = authConfigFrom(loadConfig({
    ...env, DATA_DIR: dir, LEGACY_DB_URL: `sqlite:${legacyPath}`, FACADE_DB_URL: pgUrl ?? `sqlite:${join(dir, 'facade.sqlite')}`,
    FHIR_PUBLIC_URL: FHIR, AUTH_PUBLIC_URL: `http://127.0.0.1:${port}`, AUTH_PORT: String(port), LOG_LEVEL: 'error',
  }), { EHR_LAUNCH_SECRET: 'ehr-launch-secret-for-tests', AUTH_AUTHORIZE_POST: 'true', ...env });
  const store = await openFacadeStore(config.facadeDb);
  // Telemetry from the test's own env record (METRICS_TOKEN ...), never from the process environment.
  const telemetry = new Telemetry(telemetryOptionsFromEnv(env, 'auth'));
  const app = await createAuthApp(config, { store, legacy, logger: new JsonLogger('auth', 'error', () => undefined), telemetry });
  await app.listen(port, '127.0.0.1');
  return {
    app, base: config.authPublicUrl, config, store, legacy, practiceId, otherPracticeId, userId, providerId, patientId,
    interactions: app.get(SmartInteractionService), registration: app.get(ClientRegistrationService),
    async close() {
      await app.close();
      await store.close();
      await legacy.destroy();
      if (pgUrl) await dropPostgresDatabase(pgUrl);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** PKCE pair (S256). */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Identity, launch and refresh scopes the harness's user-facing apps register besides their resource scopes. */
export const APP_CONTEXT_SCOPES = 'openid fhirUser profile launch launch/patient launch/encounter offline_access online_access';

/**
 * Registers an app (default: confidential symmetric, patient and user read scopes) and approves it for the
 * practice. Registration keeps exactly the scopes asked for, so a user-facing app registers
 * {@link APP_CONTEXT_SCOPES} too unless `exactScope` is set.
 */
export async function registerApp(h: AuthHarness, over: Partial<ClientRegistrationInput> = {}, approve = true, exactScope = false) {
  const scope = over.scope ?? 'patient/*.rs user/*.rs patient/*.read';
  const out = await h.registration.register({
    name: 'Test App', clientType: 'confidential', authMethod: 'client_secret_basic', redirectUris: [APP_REDIRECT], ...over,
    scope: over.backendServices || exactScope ? scope : `${APP_CONTEXT_SCOPES} ${scope}`,
  });
  if (approve) await h.store.approvals.approve(out.client.clientId, h.practiceId, 'test');
  return { clientId: out.client.clientId, secret: out.clientSecret };
}

/** Basic auth header for a client id and secret. */
export function basic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

export interface AuthorizeOptions {
  clientId: string;
  scope: string;
  aud?: string;
  challenge?: string | null;
  launch?: string;
  method?: 'GET' | 'POST';
  extra?: Record<string, string>;
}

/** Sends the authorize request; returns the redirect Location and the jar. */
export async function authorize(h: AuthHarness, o: AuthorizeOptions, jar = new CookieJar()): Promise<{ location: string; jar: CookieJar; state: string }> {
  const state = randomBytes(16).toString('base64url');
  const params: Record<string, string> = {
    response_type: 'code', client_id: o.clientId, redirect_uri: APP_REDIRECT, scope: o.scope, state, aud: o.aud ?? `${FHIR}/fhir`, ...o.extra,
  };
  if (o.challenge !== null) {
    params.code_challenge = o.challenge ?? pkce().challenge;
    params.code_challenge_method = 'S256';
  }
  if (o.launch) params.launch = o.launch;
  const res = o.method === 'POST'
    ? await fetch(`${h.base}/auth`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() }, body: new URLSearchParams(params) })
    : await fetch(`${h.base}/auth?${new URLSearchParams(params)}`, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.store(res);
  return { location: res.headers.get('location') ?? '', jar, state };
}

async function follow(h: AuthHarness, url: string, jar: CookieJar): Promise<string> {
  const res = await fetch(new URL(url, h.base), { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.store(res);
  return res.headers.get('location') ?? '';
}

const uidOf = (location: string) => /\/interaction\/([^/?#]+)/.exec(location)?.[1];

/**
 * Runs a whole authorization: authorize, login (as the decision's account), consent; returns the code (or the
 * error redirect parameters).
 */
export async function runAuthorization(h: AuthHarness, o: AuthorizeOptions, decision: Partial<SmartConsentDecision> = {}): Promise<{ code?: string; error?: string; redirect: URL; state: string; jar: CookieJar }> {
  const d: SmartConsentDecision = {
    accountId: `user:${h.userId}`, practiceId: h.practiceId, fhirUser: `Practitioner/${h.providerId}`, grantedScopes: o.scope.split(' '), ...decision,
  };
  const { location, jar, state } = await authorize(h, o);
  let next = location;
  for (let i = 0; i < 6 && next; i++) {
    if (next.startsWith(APP_REDIRECT)) {
      const redirect = new URL(next);
      return { code: redirect.searchParams.get('code') ?? undefined, error: redirect.searchParams.get('error') ?? undefined, redirect, state, jar };
    }
    const uid = uidOf(next);
    if (uid) {
      const interaction = await authRuntimeOf(h.app).oidc.provider.Interaction.find(uid);
      if (process.env.DEBUG_FLOW) console.log(next, interaction?.prompt, jar.header());
      const returnTo = interaction?.prompt.name === 'login' ? await h.interactions.finishLogin(uid, d.accountId) : await h.interactions.finishConsent(uid, d);
      next = await follow(h, returnTo, jar);
    } else {
      throw new Error(`unexpected redirect ${next}`);
    }
  }
  throw new Error(`authorization did not finish (last location: ${next})`);
}

/** POSTs to the token endpoint. */
export async function tokenRequest(h: AuthHarness, form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.base}/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form) });
  const text = await res.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { raw: text };
  }
  return { status: res.status, body, headers: res.headers };
}
