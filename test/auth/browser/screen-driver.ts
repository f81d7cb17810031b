/** Drives the auth server's pages in Chromium like a person would (labels and buttons, no private hooks). */
import type { Page } from 'playwright-core';
import type { BrowserStack } from './browser-stack.js';

/** Token response fields the test app shows, read from the fhirclient state. */
export interface AppToken {
  scope: string;
  patient?: string;
  encounter?: string;
  access_token: string;
  refresh_token?: string;
  need_patient_banner?: boolean;
  smart_style_url?: string;
}

/** Screenshot into /tmp when SCREENSHOTS=1 (used while developing the pages). */
export async function shot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS === '1') await page.screenshot({ path: `/tmp/authui-${name}.png`, fullPage: true });
}

/** Opens the test app's launch page for a standalone launch against `iss`; ends on the auth server's sign-in page. */
export async function startStandalone(page: Page, stack: BrowserStack, iss: string, scope: string, clientId = 'browser-test-app'): Promise<void> {
  const url = new URL(`${stack.appUrl}/launch.html`);
  url.searchParams.set('iss', iss);
  url.searchParams.set('scope', scope);
  url.searchParams.set('client_id', clientId);
  await page.goto(url.toString());
  await page.waitForURL((u) => u.pathname.startsWith('/interaction/'));
}

/** Fills the sign-in form and submits it. */
export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
}

/** Chooses a chart in the portal picker. */
export async function pickChart(page: Page, fullName: string): Promise<void> {
  await page.getByRole('button', { name: `Select ${fullName}` }).click();
  await page.waitForLoadState('load');
}

/** Consent choices: scopes to untick (by their raw scope text) and categories to narrow to (scope -> labels). */
export interface ConsentChoices {
  untick?: string[];
  narrow?: Record<string, string[]>;
  /** Wildcard scopes limited to the given type labels (every other type unticked). */
  types?: Record<string, string[]>;
}

/** Applies the choices on the consent page and allows access. */
export async function consent(page: Page, choices: ConsentChoices = {}): Promise<void> {
  await page.getByRole('button', { name: 'Allow access' }).waitFor();
  for (const scope of choices.untick ?? []) {
    await page.locator('label.check', { has: page.locator('code', { hasText: new RegExp(`^${scope.replace(/[.*?/]/g, '\\$&')}$`) }) }).locator('input[type=checkbox]').uncheck();
  }
  for (const [scope, labels] of Object.entries(choices.narrow ?? {})) {
    const head = page.locator('label.check', { has: page.locator('code', { hasText: new RegExp(`^${scope.replace(/[.*?/]/g, '\\$&')}$`) }) });
    const group = head.locator('xpath=following-sibling::div[1]');
    const boxes = group.locator('input[type=checkbox]');
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).uncheck();
    for (const label of labels) await group.getByLabel(label).check();
  }
  for (const [scope, labels] of Object.entries(choices.types ?? {})) {
    const head = page.locator('label.check', { has: page.locator('code', { hasText: new RegExp(`^${scope.replace(/[.*?/]/g, '\\$&')}$`) }) });
    const group = head.locator('xpath=following-sibling::div[1]');
    const boxes = group.locator('.types input[type=checkbox]');
    for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).uncheck();
    for (const label of labels) await group.getByLabel(label, { exact: true }).check();
  }
  await page.getByRole('button', { name: 'Allow access' }).click();
}

/** Waits for the test app to finish the code exchange and returns its token response. */
export async function appToken(page: Page): Promise<AppToken> {
  await page.waitForSelector('body[data-ready="1"], body[data-error]', { timeout: 20_000 });
  const error = await page.evaluate(() => (globalThis as unknown as { document: { body: { dataset: Record<string, string | undefined> } } }).document.body.dataset.error);
  if (error) throw new Error(`the SMART app failed: ${error}`);
  return page.evaluate(() => (globalThis as unknown as { smartClient: { state: { tokenResponse: AppToken } } }).smartClient.state.tokenResponse);
}

/** A FHIR request made by the app through fhirclient (relative to the FHIR base); returns the HTTP status and body. */
export async function appRequest(page: Page, url: string): Promise<{ status: number; body?: Record<string, unknown> }> {
  return page.evaluate((u) => (globalThis as unknown as { smartRequest(u: string): Promise<{ status: number; body?: Record<string, unknown> }> }).smartRequest(u), url);
}

/** A create made by the app through fhirclient (`client.create`); returns the status, Location, ETag and body. */
export async function appCreate(page: Page, resource: Record<string, unknown>): Promise<{ status: number; location?: string; etag?: string; body?: Record<string, any>; message?: string }> {
  return page.evaluate((r) => (globalThis as unknown as { smartCreate(r: unknown): Promise<{ status: number; body?: Record<string, any> }> }).smartCreate(r), resource);
}

/** Collects Content-Security-Policy violations the page reports (the pages must need no inline styles or scripts). */
export function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}
