/**
 * Issue 12 in Chromium: a practice administrator sets an approved app's request limits in `/admin`; the FHIR API
 * then answers that app's requests beyond them with 429 `throttled` (seen by the real SMART app, fhirclient);
 * clearing the fields goes back to the defaults.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { APP_CLIENT_ID, PASSWORDS, startBrowserStack, type BrowserStack } from './browser-stack.js';
import { appRequest, appToken, consent, pickChart, shot, signIn, startStandalone, watchCsp } from './screen-driver.js';

describe('request limits of an app in the License Management portal (Chromium)', () => {
  let stack: BrowserStack;
  beforeAll(async () => {
    stack = await startBrowserStack();
  });
  afterAll(async () => stack?.close());

  it('saves the limits of an approved app, which the FHIR API enforces, and clears them', async () => {
    const page = await (await stack.browser.newContext()).newPage();
    const csp = watchCsp(page);
    await page.goto(`${stack.authUrl}/admin`);
    await signIn(page, 'admin.rfm', PASSWORDS.admin);
    const card = page.locator('section.card', { hasText: APP_CLIENT_ID });
    const limits = card.getByRole('form', { name: 'Request limits' });
    expect(await limits.getByLabel(/^Requests per minute/).textContent()).toBe('');
    expect(await card.textContent()).toMatch(/blank = default \(1200\)/);
    // An unapproved app has no limits form.
    await expect(page.locator('section.card', { hasText: 'Unapproved Tracker' }).getByRole('form', { name: 'Request limits' }).count()).resolves.toBe(0);

    await limits.getByLabel(/^Requests per minute/).fill('3');
    await limits.getByLabel(/^Requests at once/).fill('2');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await shot(page, 'license-limits');
    expect(await page.locator('.alert.ok').textContent()).toContain('Request limits of “Vital Insights” were saved');
    expect(await stack.store.appLimits.find(APP_CLIENT_ID, stack.seed.practiceId)).toEqual({ ratePerMinute: 3, concurrent: 2 });
    const saved = page.locator('section.card', { hasText: APP_CLIENT_ID }).getByRole('form', { name: 'Request limits' });
    expect(await saved.getByLabel(/^Requests per minute/).inputValue()).toBe('3');
    expect(await saved.getByLabel(/^Requests at once/).inputValue()).toBe('2');

    // The real app, with a patient's token: three requests a minute, then 429.
    const app = await (await stack.browser.newContext()).newPage();
    await startStandalone(app, stack, stack.fhirBases.patient, 'launch/patient openid fhirUser patient/*.rs', APP_CLIENT_ID);
    await signIn(app, 'maria.lopez', PASSWORDS.patient);
    await pickChart(app, 'Maria Lopez');
    await consent(app);
    await appToken(app);
    await new Promise((r) => setTimeout(r, 1100)); // the FHIR API's cache of the limits (1 s in this stack)
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await appRequest(app, `Patient/${stack.seed.maria}`)).status);
    const used = statuses.filter((s) => s === 200).length;
    expect(used).toBeLessThanOrEqual(3);
    expect(statuses.slice(used).every((s) => s === 429)).toBe(true);
    expect(statuses).toContain(429);

    // Cleared: back to the defaults.
    await saved.getByLabel(/^Requests per minute/).fill('');
    await saved.getByLabel(/^Requests at once/).fill('');
    await saved.getByRole('button', { name: 'Save limits' }).click();
    expect(await page.locator('.alert.ok').textContent()).toContain('were saved');
    expect(await stack.store.appLimits.find(APP_CLIENT_ID, stack.seed.practiceId)).toBeUndefined();
    expect(csp).toEqual([]);
  }, 120_000);
});
