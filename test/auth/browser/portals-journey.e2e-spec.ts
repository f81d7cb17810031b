import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PASSWORDS, startBrowserStack, type BrowserStack } from './browser-stack.js';
import { appRequest, appToken, consent, pickChart, shot, signIn, startStandalone, watchCsp } from './screen-driver.js';

describe('portals in Chromium: developer registers, clinic approves, patient connects then revokes', () => {
  let stack: BrowserStack;
  beforeAll(async () => {
    stack = await startBrowserStack();
  });
  afterAll(async () => stack?.close());

  it('the whole life of an app, ending with the revoked token refused by the FHIR API', async () => {
    const page = await (await stack.browser.newContext()).newPage();
    const csp = watchCsp(page);
    await page.goto(`${stack.authUrl}/`);
    await shot(page, 'home');

    // Developer: sign up and register a public app.
    await page.goto(`${stack.authUrl}/connect`);
    await shot(page, 'connect-signed-out');
    await page.getByLabel('Your name or company').fill('Acme Health Apps');
    await page.locator('#su-email').fill('dev@acme.test');
    await page.locator('#su-password').fill('a-long-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('link', { name: 'Register a new app' }).click();
    await page.getByLabel('App name').fill('Acme Chart Viewer');
    await page.getByLabel(/^Redirect URIs/).fill(`${stack.appUrl}/app.html`);
    await page.getByLabel(/^Allowed browser origins/).fill(stack.appUrl);
    await page.getByLabel(/^Scopes the app may request/).fill('launch/patient openid fhirUser patient/*.rs');
    await page.getByLabel(/^Clinics to ask for approval/).fill(String(stack.seed.practiceId));
    await shot(page, 'connect-new-app');
    await page.getByRole('button', { name: 'Register app' }).click();
    const clientId = (await page.getByTestId('client-id').textContent())!;
    await shot(page, 'connect-app');
    expect(clientId).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    // Clinic administrator: approve it for the practice.
    await page.goto(`${stack.authUrl}/admin`);
    await signIn(page, 'admin.rfm', PASSWORDS.admin);
    const card = page.locator('section.card', { hasText: clientId });
    await card.getByLabel(/^Access token lifetime/).fill('900');
    await card.getByRole('button', { name: 'Approve for my practice' }).click();
    await shot(page, 'license');
    expect(await page.locator('.alert.ok').textContent()).toContain('is approved');

    // Patient: connect the app to their own chart.
    await startStandalone(page, stack, stack.fhirBases.patient, 'launch/patient openid fhirUser patient/*.rs', clientId);
    await signIn(page, 'maria.lopez', PASSWORDS.patient);
    await pickChart(page, 'Maria Lopez');
    await consent(page);
    const token = await appToken(page);
    expect(token.patient).toBe(String(stack.seed.maria));
    expect((await appRequest(page, `Patient/${stack.seed.maria}`)).status).toBe(200);

    // Patient: the connected-apps page lists it; revoke.
    const portal = await (await stack.browser.newContext()).newPage();
    const portalCsp = watchCsp(portal);
    await portal.goto(`${stack.authUrl}/portal/patient`);
    await signIn(portal, 'maria.lopez', PASSWORDS.patient);
    const appCard = portal.locator('section.card', { hasText: 'Acme Chart Viewer' });
    expect(await appCard.textContent()).toContain('All health record data');
    await shot(portal, 'connected-apps');
    await appCard.getByRole('button', { name: 'Revoke access' }).click();
    expect(await portal.locator('.alert.ok').textContent()).toContain('can no longer see your record');

    // The FHIR API stops accepting the old token within its revocation polling interval.
    let status = 200;
    for (let i = 0; i < 40 && status === 200; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const res = await fetch(`${stack.fhirBases.patient}/Patient/${stack.seed.maria}`, { headers: { authorization: `Bearer ${token.access_token}` } });
      status = res.status;
    }
    expect(status).toBe(401);

    await page.goto(`${stack.authUrl}/directory`);
    await shot(page, 'directory');
    expect([...csp, ...portalCsp]).toEqual([]);
  }, 120_000);
});
