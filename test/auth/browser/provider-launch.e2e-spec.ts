import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { startBrowserStack, PASSWORDS, type BrowserStack } from './browser-stack.js';
import { appRequest, appToken, consent, shot, signIn, startStandalone } from './screen-driver.js';

const LAB = 'http://terminology.hl7.org/CodeSystem/observation-category|laboratory';

describe('provider standalone launch in Chromium with the fhirclient test app', () => {
  let stack: BrowserStack;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    stack = await startBrowserStack();
  });
  afterAll(async () => stack?.close());

  beforeAll(async () => {
    context = await stack.browser.newContext();
    page = await context.newPage();
  });

  it('signs in, picks a patient of the practice, limits and narrows consent (403 / category-only reads), refreshes the token', async () => {
    const scope = 'launch/patient openid fhirUser offline_access patient/Patient.rs patient/Observation.rs patient/Condition.rs';
    await startStandalone(page, stack, stack.fhirBases.provider, scope);
    await shot(page, 'login');
    await signIn(page, 'DR.CARTER', PASSWORDS.doctor);
    await page.getByLabel(/^Name/).fill('lopez');
    await page.getByRole('button', { name: 'Search' }).click();
    await shot(page, 'picker');
    expect(await page.getByRole('button', { name: /^Select / }).count()).toBe(2); // Ana Lopez is in another practice
    await page.getByRole('button', { name: 'Select Maria Lopez' }).click();
    await page.waitForLoadState('load');
    await shot(page, 'consent');
    await consent(page, { untick: ['patient/Condition.rs'], narrow: { 'patient/Observation.rs': ['Laboratory results'] } });
    const token = await appToken(page);
    await shot(page, 'app');
    expect(token.patient).toBe(String(stack.seed.maria));
    const granted = token.scope.split(' ');
    expect(granted).toEqual(expect.arrayContaining(['openid', 'fhirUser', 'launch/patient', 'offline_access', 'patient/Patient.rs', `patient/Observation.rs?category=${LAB}`]));
    expect(granted).not.toContain('patient/Condition.rs');
    expect(token.refresh_token).toBeTruthy();

    const patient = await appRequest(page, `Patient/${stack.seed.maria}`);
    expect(patient.status).toBe(200);
    expect(patient.body).toMatchObject({ resourceType: 'Patient', id: String(stack.seed.maria) });
    expect((await appRequest(page, `Condition?patient=${stack.seed.maria}`)).status).toBe(403);
    const labs = await appRequest(page, `Observation?patient=${stack.seed.maria}&category=laboratory`);
    expect(labs.status).toBe(200);
    const labEntries = (labs.body?.entry as { resource: { category: { coding: { code: string }[] }[] } }[] | undefined) ?? [];
    expect(labEntries.length).toBeGreaterThan(0);
    expect(labEntries.every((e) => e.resource.category.some((c) => c.coding.some((x) => x.code === 'laboratory')))).toBe(true);
    // Vital signs were not granted: refused, or at least never returned.
    const vitals = await appRequest(page, `Observation?patient=${stack.seed.maria}&category=vital-signs`);
    expect([403, 200]).toContain(vitals.status);
    if (vitals.status === 200) expect((vitals.body?.entry as unknown[] | undefined) ?? []).toHaveLength(0);

    // Refresh through fhirclient: a new access token that still reads the same data.
    const before = token.access_token;
    const refreshed = await page.evaluate(async () => {
      const c = (globalThis as unknown as { smartClient: { refresh(): Promise<unknown>; state: { tokenResponse: { access_token: string; scope: string } } } }).smartClient;
      await c.refresh();
      return c.state.tokenResponse;
    });
    expect(refreshed.access_token).not.toBe(before);
    expect(refreshed.scope.split(' ')).not.toContain('patient/Condition.rs');
    expect((await appRequest(page, `Patient/${stack.seed.maria}`)).status).toBe(200);
  });

  it('works with JavaScript disabled: sign-in, picker and consent end with a code at the app', async () => {
    const noJs = await (await stack.browser.newContext({ javaScriptEnabled: false })).newPage();
    const verifier = randomBytes(32).toString('base64url');
    const url = new URL(`${stack.authUrl}/auth`);
    for (const [k, v] of Object.entries({
      response_type: 'code', client_id: 'browser-test-app', redirect_uri: `${stack.appUrl}/app.html`, scope: 'launch/patient openid patient/Patient.rs',
      state: 'no-js-state', aud: stack.fhirBases.provider, code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
    })) url.searchParams.set(k, v);
    await noJs.goto(url.toString());
    await signIn(noJs, 'dr.carter', PASSWORDS.doctor);
    await noJs.getByLabel('MRN').fill('RFM-1001');
    await noJs.getByRole('button', { name: 'Search' }).click();
    await noJs.getByRole('button', { name: 'Select Maria Lopez' }).click();
    await noJs.waitForLoadState('load');
    await noJs.getByRole('button', { name: 'Allow access' }).click();
    await noJs.waitForURL((u) => u.pathname === '/app.html');
    const back = new URL(noJs.url());
    expect(back.searchParams.get('state')).toBe('no-js-state');
    expect(back.searchParams.get('code')).toBeTruthy();
  });
});
