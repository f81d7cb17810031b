/**
 * Issue 12, request limits without Redis (in-process counts): per app (client id at a practice) and per practice,
 * 429 `throttled` with Retry-After; an app's own limits set by its practice (facade store `app_request_limits`,
 * what `/admin` writes) override the defaults; requests without a token (metadata) are not counted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { AppLimitCache } from '../../apps/fhir-api/src/protect/app-limit-cache.js';
import { seedClinic, type Clinic } from './support/clinic.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

type Body = { resourceType: string; issue: { code: string; diagnostics: string; details: { coding: { code: string }[] } }[] };

describe('request limits in one process', () => {
  let t: FhirTestApp;
  let clinic: Clinic;
  beforeAll(async () => {
    t = await startFhirTestApp({ env: { FHIR_RATE_LIMITS: 'on', FHIR_APP_RATE_PER_MINUTE: '5', FHIR_PRACTICE_RATE_PER_MINUTE: '8' } });
    clinic = await seedClinic(t.factory);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const get = async (token: string, path = '/fhir/Patient?family=Shaw') => request(t.server as never).get(path).set('Authorization', `Bearer ${token}`);

  it('limits an app per minute at a practice, then the practice as a whole; other practices are not affected', async () => {
    const x = await t.mint({ scope: 'user/*.rs', practice: clinic.practiceA, client_id: 'app-x' });
    for (let i = 0; i < 5; i++) expect((await get(x)).status).toBe(200);
    const sixth = await get(x);
    expect(sixth.status).toBe(429);
    const retry = Number(sixth.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    const body = sixth.body as Body;
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue[0]).toMatchObject({ code: 'throttled', details: { coding: [{ code: 'RATE_LIMITED' }] } });
    expect(body.issue[0].diagnostics).toContain('this app');

    // Practice A has had 6 requests (the refused one counts); a second app gets 2 more, then the practice is full.
    const y = await t.mint({ scope: 'user/*.rs', practice: clinic.practiceA, client_id: 'app-y' });
    expect((await get(y)).status).toBe(200);
    expect((await get(y)).status).toBe(200);
    const full = await get(y);
    expect(full.status).toBe(429);
    expect((full.body as Body).issue[0].diagnostics).toContain('this practice');

    const otherPractice = await t.mint({ scope: 'user/*.rs', practice: clinic.practiceB, client_id: 'app-x' });
    expect((await get(otherPractice, '/fhir/Practitioner')).status).toBe(200);
  });

  it('does not count requests without a caller (CapabilityStatement, SMART configuration)', async () => {
    for (let i = 0; i < 12; i++) expect((await request(t.server as never).get('/fhir/metadata')).status).toBe(200);
  });
});

describe("an app's own limits from the facade store", () => {
  let t: FhirTestApp;
  let store: FacadeStore;
  let dir: string;
  let clinic: Clinic;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'limits-store-'));
    store = await openFacadeStore({ kind: 'sqlite', path: join(dir, 'facade.sqlite') });
    t = await startFhirTestApp({ env: { FHIR_RATE_LIMITS: 'on', FHIR_APP_RATE_PER_MINUTE: '100' }, appOptions: { appLimits: new AppLimitCache(store.appLimits) } });
    clinic = await seedClinic(t.factory);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies the rate a practice set for the app, and the default to other apps', async () => {
    await store.appLimits.set('slow-app', clinic.practiceA, { ratePerMinute: 2, concurrent: null }, 'user:1');
    const slow = await t.mint({ scope: 'user/*.rs', practice: clinic.practiceA, client_id: 'slow-app' });
    const other = await t.mint({ scope: 'user/*.rs', practice: clinic.practiceA, client_id: 'other-app' });
    const get = (token: string) => request(t.server as never).get('/fhir/Practitioner').set('Authorization', `Bearer ${token}`);
    expect((await get(slow)).status).toBe(200);
    expect((await get(slow)).status).toBe(200);
    expect((await get(slow)).status).toBe(429);
    for (let i = 0; i < 5; i++) expect((await get(other)).status).toBe(200);
  });
});
