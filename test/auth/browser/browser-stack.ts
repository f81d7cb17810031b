/**
 * The whole product for browser tests: the auth server and the FHIR API (in-process, ephemeral ports) over a new
 * legacy SQLite database, the test SMART app on its own origin, and Debian Chromium via playwright-core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromium, type Browser } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { addPatient, addPortalAccount, addPractice, addProvider, addProxy, addUser } from '../../../apps/auth/src/testing/legacy-fixtures.js';
import { authConfigFrom, type AuthConfig } from '../../../apps/auth/src/auth-config.js';
import { authRuntimeOf, createAuthApp } from '../../../apps/auth/src/bootstrap.js';
import { createFhirApp } from '../../../apps/fhir-api/src/bootstrap.js';
import { AppLimitCache } from '../../../apps/fhir-api/src/protect/app-limit-cache.js';
import { loadConfig } from '#facade/config';
import { generateDemoEhr } from '#facade/demo-ehr';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { createLegacyDataSource, createLegacySqliteDatabase } from '#facade/legacy-db';
import { JsonLogger } from '#facade/observability';
import { startSmartAppServer } from '../../smart-app/smart-app-server.js';

export const PASSWORDS = { doctor: 'Doctor#pass1', admin: 'Admin#pass1', patient: 'Patient#pass1', locked: 'Locked#pass1' };
export const APP_CLIENT_ID = 'browser-test-app';
export const OTHER_CLIENT_ID = 'unapproved-app';
const T = '2024-05-02 09:30:00';

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

/** Ids of the seeded legacy rows. */
export interface Seed {
  practiceId: number;
  otherPracticeId: number;
  providerId: number;
  doctorUserId: number;
  adminUserId: number;
  lockUserId: number;
  maria: number;
  teo: number;
  foreign: number;
  portalId: number;
}

async function seed(ds: DataSource): Promise<Seed> {
  const practiceId = await addPractice(ds);
  const otherPracticeId = await addPractice(ds, { PRACTICE_NAME: 'Lakeside Pediatrics', NPI: '1245319599' });
  const providerId = await addProvider(ds, practiceId, { NPI: '1003000126' });
  const doctorUserId = await addUser(ds, practiceId, 'dr.carter', PASSWORDS.doctor, { PROV_ID: providerId, FULL_NAME: 'Dr. Dana Carter' });
  const adminUserId = await addUser(ds, practiceId, 'admin.rfm', PASSWORDS.admin, { ROLE_CODE: 'ADMIN', FULL_NAME: 'Alex Admin' });
  const lockUserId = await addUser(ds, practiceId, 'dr.lockme', PASSWORDS.locked, { PROV_ID: providerId });
  const maria = await addPatient(ds, practiceId, { FIRST_NAME: 'Maria', LAST_NAME: 'Lopez', DOB: '1980-05-17', MRN: 'RFM-1001', CITY: 'Springfield', STATE: 'MA' });
  const teo = await addPatient(ds, practiceId, { FIRST_NAME: 'Teo', LAST_NAME: 'Lopez', DOB: '2016-03-04', MRN: 'RFM-1002', SEX: 'M' });
  const foreign = await addPatient(ds, otherPracticeId, { FIRST_NAME: 'Ana', LAST_NAME: 'Lopez', MRN: 'LSP-2001' });
  const portalId = await addPortalAccount(ds, maria, 'maria.lopez', PASSWORDS.patient);
  await addProxy(ds, portalId, teo, '2016-03-04', null, 'MTH');
  // One vital-signs and one laboratory observation for Maria.
  await ds.createQueryBuilder().insert().into('VITALS').values({ PAT_ID: maria, TAKEN_AT: T, PULSE: 72, STATUS: 'F', DELETED_YN: 'N', CREATED_AT: T, UPDATED_AT: T, ROW_VER: 1 }).execute();
  const order = await ds.createQueryBuilder().insert().into('LAB_ORDER').values({ PAT_ID: maria, ORDER_CATEGORY: 'LAB', PANEL_NAME: 'Basic metabolic panel', PANEL_LOINC: '51990-0', ORDERED_AT: T, STATUS: 'F', DELETED_YN: 'N', CREATED_AT: T, UPDATED_AT: T, ROW_VER: 1 }).execute();
  const orderId = Number(Object.values(order.identifiers[0])[0]);
  await ds.createQueryBuilder().insert().into('LAB_RESULT').values({ ORDER_ID: orderId, PAT_ID: maria, SEQ: 1, LOINC_CODE: '2345-7', LOCAL_CODE: 'GLU', TEST_NAME: 'Glucose', VALUE_TEXT: '95', UNITS: 'mg/dL', REF_RANGE: '70-99', ABN_FLAG: 'N', STATUS: 'F', RESULTED_AT: T, DELETED_YN: 'N', UPDATED_AT: T, ROW_VER: 1 }).execute();
  return { practiceId, otherPracticeId, providerId, doctorUserId, adminUserId, lockUserId, maria, teo, foreign, portalId };
}

export interface BrowserStack {
  config: AuthConfig;
  authUrl: string;
  appUrl: string;
  fhirBases: { provider: string; patient: string };
  store: FacadeStore;
  legacy: DataSource;
  /** Ids of the fixture rows (absent on a generated demo database: use DEMO_LOGINS / DEMO_PATIENT_IDS). */
  seed: Seed;
  browser: Browser;
  close(): Promise<void>;
}

/** Where the legacy data comes from: small hand-made fixtures (default) or the deterministic demo EHR generator. */
export interface StackOptions {
  demo?: { patients: number; seed: number };
}

/** Starts everything; the test app is registered as a public PKCE client and approved for the first practice. */
export async function startBrowserStack(options: StackOptions = {}): Promise<BrowserStack> {
  const dir = mkdtempSync(join(tmpdir(), 'authui-browser-'));
  const legacyPath = join(dir, 'legacy.sqlite');
  if (options.demo) await generateDemoEhr({ kind: 'sqlite', path: legacyPath }, options.demo);
  else await createLegacySqliteDatabase(legacyPath);
  const legacy = createLegacyDataSource({ kind: 'sqlite', path: legacyPath });
  await legacy.initialize();
  const ids = options.demo ? ({ practiceId: 1 } as Seed) : await seed(legacy);

  const [authPort, fhirPort, appPort] = [await freePort(), await freePort(), await freePort()];
  const authUrl = `http://127.0.0.1:${authPort}`;
  const appUrl = `http://127.0.0.1:${appPort}`;
  const config = authConfigFrom(loadConfig({
    DATA_DIR: dir, LEGACY_DB_URL: `sqlite:${legacyPath}`, FACADE_DB_URL: `sqlite:${join(dir, 'facade.sqlite')}`,
    FHIR_PUBLIC_URL: `http://127.0.0.1:${fhirPort}`, AUTH_PUBLIC_URL: authUrl, AUTH_PORT: String(authPort), FHIR_PORT: String(fhirPort), LOG_LEVEL: 'error',
  }), { SIGNIN_BACKOFF_SECONDS: '0' }); // the lock is checked in Chromium; the back-off's seconds in sign-in.service.spec.ts
  const store = await openFacadeStore(config.facadeDb);
  const quiet = (name: string) => new JsonLogger(name, 'error', () => undefined);
  const auth = await createAuthApp(config, { store, legacy, logger: quiet('auth') });
  await auth.listen(authPort, '127.0.0.1');
  const fhir: INestApplication = await createFhirApp(config, { legacyDataSource: legacy, revocations: store.revocations, writeAudit: store.audit, logger: quiet('fhir'),
    // Apps' request limits from the store, as in production (cached 1 s here so a change in /admin shows at once).
    appLimits: new AppLimitCache(store.appLimits, 1000) });
  await fhir.listen(fhirPort, '127.0.0.1');
  const appServer: Server = await startSmartAppServer(appPort);

  const scope = 'launch launch/patient openid fhirUser offline_access online_access patient/*.rs patient/*.read user/*.rs patient/Observation.c patient/Observation.write';
  for (const [clientId, name] of [[APP_CLIENT_ID, 'Vital Insights'], [OTHER_CLIENT_ID, 'Unapproved Tracker']]) {
    await store.clients.create({
      clientId, name, developerAccountId: null, clientType: 'public', authMethod: 'none', redirectUris: [`${appUrl}/app.html`],
      launchUri: `${appUrl}/launch.html?client_id=${clientId}`, jwks: null, jwksUri: null, scope, backendServices: false,
      allowedOrigins: [appUrl], metadata: {},
    });
  }
  await store.approvals.approve(APP_CLIENT_ID, ids.practiceId, 'test');
  authRuntimeOf(auth); // fails early if the app was not built by createAuthApp

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    config, authUrl, appUrl, fhirBases: config.fhirBases, store, legacy, seed: ids, browser,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => appServer.close(() => resolve()));
      await fhir.close();
      await auth.close();
      await store.close();
      if (legacy.isInitialized) await legacy.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
