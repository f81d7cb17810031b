/**
 * The clinic administrator's audit trail in Chromium (issue 12): from the License Management page to the trail,
 * filtered per patient and app, paged, exported as CSV; another practice's events never shown; no CSP violation.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PhiAuditFacts } from '#facade/facade-store';
import { PASSWORDS, startBrowserStack, type BrowserStack } from './browser-stack.js';
import { shot, signIn, watchCsp } from './screen-driver.js';

describe('admin audit trail in Chromium', () => {
  let stack: BrowserStack;
  beforeAll(async () => {
    stack = await startBrowserStack();
    const { practiceId, otherPracticeId, maria, teo, foreign, doctorUserId } = stack.seed;
    const base: PhiAuditFacts = {
      base: 'fhir', interaction: 'read', action: 'R', resourceType: 'Patient', operation: null, queryParams: null, status: 200, outcome: 0,
      clientId: 'browser-test-app', subject: `user:${doctorUserId}`, fhirUser: null, tokenId: 'jti-b', contextPatient: null, practiceId,
      patientId: String(maria), recordedUser: null, entities: `["Patient/${maria}"]`, sourceIp: '127.0.0.1', requestId: 'rq-maria-read',
    };
    const many = Array.from({ length: 55 }, (_, i): PhiAuditFacts => ({ ...base, patientId: String(teo), entities: `["Observation/vitals-${i}"]`, requestId: `rq-teo-${i}`, clientId: 'vitals-app' }));
    await stack.store.phiAudit.append([
      base,
      { ...base, interaction: 'search-type', action: 'E', resourceType: 'Observation', queryParams: 'patient,category', requestId: 'rq-maria-search', entities: '["Observation/lab-1","Observation/vitals-1"]' },
      { ...base, status: 404, outcome: 4, requestId: 'rq-denied', clientId: 'unapproved-app', entities: '[]' },
      ...many,
      { ...base, practiceId: otherPracticeId, patientId: String(foreign), entities: `["Patient/${foreign}"]`, requestId: 'rq-foreign' },
    ]);
  });
  afterAll(async () => stack?.close());

  it('shows, filters, pages and exports the practice\'s trail', async () => {
    const context = await stack.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const csp = watchCsp(page);
    await page.goto(`${stack.authUrl}/admin`);
    await signIn(page, 'admin.rfm', PASSWORDS.admin);
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await shot(page, 'admin-audit-trail');
    const table = page.getByRole('table', { name: 'Audit trail' });
    await expect(table.locator('tbody tr').count()).resolves.toBe(50);
    expect(await page.content()).not.toContain('rq-foreign');

    // Older rows on the next page.
    await page.getByRole('link', { name: 'Older' }).click();
    await expect(table.locator('tbody tr').count()).resolves.toBe(8);
    expect(await table.textContent()).toContain('rq-maria-read');

    // Per patient, then per app.
    await page.goto(`${stack.authUrl}/admin/audit`);
    await page.getByLabel(/^Patient/).fill(String(stack.seed.maria));
    await page.getByRole('button', { name: 'Show' }).click();
    const ids = async () => (await table.locator('tbody tr td:last-child').allTextContents()).map((s) => s.trim());
    expect(await ids()).toEqual(['rq-denied', 'rq-maria-search', 'rq-maria-read']);
    expect(await table.locator('tbody tr').first().textContent()).toContain('Denied');
    await page.getByLabel(/^App/).fill('unapproved-app');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await ids()).toEqual(['rq-denied']);
    await page.getByLabel(/^Patient/).fill(String(stack.seed.foreign));
    await page.getByLabel(/^App/).fill('');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await page.getByText('No access matches these filters.').isVisible()).toBe(true);

    // CSV export of the current filters.
    await page.getByLabel(/^Patient/).fill(String(stack.seed.maria));
    await page.getByRole('button', { name: 'Show' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`audit-trail-practice-${stack.seed.practiceId}.csv`);
    const text = readFileSync((await download.path()) as string, 'utf8');
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(text).toContain('"patient,category"');
    expect(text).not.toContain('rq-foreign');
    expect(csp).toEqual([]);
    await context.close();
  });
});
