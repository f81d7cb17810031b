import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { APP_CLIENT_ID, OTHER_CLIENT_ID, PASSWORDS, startBrowserStack, type BrowserStack } from './browser-stack.js';
import { appRequest, appToken, consent, pickChart, shot, signIn, startStandalone } from './screen-driver.js';

describe('patient launches, EHR launch, lock-out and unapproved apps in Chromium', () => {
  let stack: BrowserStack;
  beforeAll(async () => {
    stack = await startBrowserStack();
  });
  afterAll(async () => stack?.close());

  const newPage = async () => (await stack.browser.newContext()).newPage();

  it('patient standalone on /open: own chart first, then a proxy chart (PORTAL_PROXY), each readable with its own token', async () => {
    const scope = 'launch/patient openid fhirUser offline_access patient/*.rs';
    const page = await newPage();
    await startStandalone(page, stack, stack.fhirBases.patient, scope);
    expect(await page.textContent('h2')).toContain('Sign in to your patient portal');
    await signIn(page, 'Maria.Lopez', PASSWORDS.patient);
    await shot(page, 'portal-picker');
    await pickChart(page, 'Maria Lopez');
    expect(await page.textContent('body')).toContain('keep access when you are not using it');
    await shot(page, 'patient-consent');
    await consent(page);
    const own = await appToken(page);
    expect(own.patient).toBe(String(stack.seed.maria));
    expect((await appRequest(page, `Patient/${stack.seed.maria}`)).status).toBe(200);
    expect([403, 404]).toContain((await appRequest(page, `Patient/${stack.seed.teo}`)).status);

    await startStandalone(page, stack, stack.fhirBases.patient, scope);
    if (await page.getByLabel('User name').count()) await signIn(page, 'maria.lopez', PASSWORDS.patient);
    await pickChart(page, 'Teo Lopez');
    // Limited consent on a wildcard request: only demographics and observations.
    await consent(page, { types: { 'patient/*.rs': ['Demographics (name, birth date, contact details)', 'Lab results, vital signs and other observations'] } });
    const proxy = await appToken(page);
    expect(proxy.patient).toBe(String(stack.seed.teo));
    expect(proxy.scope.split(' ')).toEqual(expect.arrayContaining(['patient/Patient.rs', 'patient/Observation.rs']));
    expect(proxy.scope.split(' ')).not.toContain('patient/*.rs');
    const teo = await appRequest(page, `Patient/${stack.seed.teo}`);
    expect(teo.status).toBe(200);
    expect(teo.body).toMatchObject({ id: String(stack.seed.teo) });
    expect((await appRequest(page, `Observation?patient=${stack.seed.teo}`)).status).toBe(200);
    expect((await appRequest(page, `Condition?patient=${stack.seed.teo}`)).status).toBe(403);
  });

  it('EHR launch from the EHR simulator page: the launch context decides the patient, no picker', async () => {
    const page = await newPage();
    await page.goto(`${stack.authUrl}/ehr-simulator`);
    await signIn(page, 'dr.carter', PASSWORDS.doctor);
    await page.getByLabel('Name or MRN').fill('RFM-1002');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByLabel(/Teo Lopez/).check();
    await page.getByLabel('App').selectOption(APP_CLIENT_ID);
    await shot(page, 'ehr-simulator');
    await page.getByRole('button', { name: 'Launch app' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/interaction/'));
    // The simulator session is not the authorization session: the user signs in for the app.
    await signIn(page, 'dr.carter', PASSWORDS.doctor);
    expect(await page.textContent('body')).toContain('Teo Lopez');
    expect(await page.getByRole('button', { name: /^Select / }).count()).toBe(0);
    await consent(page);
    const token = await appToken(page);
    expect(token.patient).toBe(String(stack.seed.teo));
    expect(token.scope.split(' ')).toContain('launch');
    expect(token.need_patient_banner).toBe(true);
    expect((await appRequest(page, `Patient/${stack.seed.teo}`)).status).toBe(200);
  });

  it('pauses sign-in for a login after 5 wrong passwords (same message each time) without locking the EHR account', async () => {
    const page = await newPage();
    await startStandalone(page, stack, stack.fhirBases.provider, 'openid fhirUser user/Patient.rs');
    const messages: string[] = [];
    for (let i = 0; i < 5; i++) {
      await signIn(page, 'dr.lockme', `wrong-${i}`);
      messages.push((await page.locator('.alert.error').textContent()) ?? '');
    }
    expect(new Set(messages).size).toBe(1);
    await signIn(page, 'dr.lockme', PASSWORDS.locked);
    await shot(page, 'locked');
    expect(await page.locator('.alert.error').textContent()).toMatch(/Too many unsuccessful sign-in attempts.*15 minutes/);
    // The EHR's own columns are never written by the facade (the clinician can still use the EHR).
    const [row] = await stack.legacy.query('SELECT FAILED_LOGINS, LOCKED_YN, ROW_VER FROM USERS WHERE USER_ID = ?', [stack.seed.lockUserId]);
    expect(row).toEqual({ FAILED_LOGINS: 0, LOCKED_YN: 'N', ROW_VER: 1 });
    // Unknown users see the very same refusal (no enumeration).
    await signIn(page, 'no.such.user', 'whatever');
    expect(await page.locator('.alert.error').textContent()).toBe(messages[0]);
  });

  it('refuses an app the practice has not approved, and the app receives access_denied', async () => {
    const page = await newPage();
    await startStandalone(page, stack, stack.fhirBases.provider, 'openid fhirUser user/Patient.rs', OTHER_CLIENT_ID);
    await signIn(page, 'dr.carter', PASSWORDS.doctor);
    expect(await page.textContent('h1')).toContain('This app is not approved');
    await shot(page, 'unapproved');
    await page.getByRole('button', { name: 'Return to the app' }).click();
    await page.waitForSelector('body[data-error]');
    expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
  });
});
