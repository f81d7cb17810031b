import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_LOGINS, DEMO_PATIENT_IDS } from '#facade/demo-ehr';
import { APP_CLIENT_ID, startBrowserStack, type BrowserStack } from './browser-stack.js';
import { appRequest, appToken, consent, signIn, startStandalone } from './screen-driver.js';

type Bundle = { resourceType: string; entry?: { resource: Record<string, unknown> }[] };

describe('launches against the generated demo EHR (documented demo logins, realistic charts)', () => {
  let stack: BrowserStack;
  beforeAll(async () => {
    stack = await startBrowserStack({ demo: { patients: 12, seed: 20240501 } });
  }, 120_000);
  afterAll(async () => stack?.close());

  it('patient.demo reads their own US Core data; granular consent keeps only vital signs', async () => {
    const page = await (await stack.browser.newContext()).newPage();
    await startStandalone(page, stack, stack.fhirBases.patient, 'launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs patient/Condition.rs');
    await signIn(page, DEMO_LOGINS.patient.login, DEMO_LOGINS.patient.password);
    await consent(page, { narrow: { 'patient/Observation.rs': ['Vital signs'] } });
    const token = await appToken(page);
    expect(token.patient).toBe(String(DEMO_PATIENT_IDS.patient));
    expect((await appRequest(page, `Patient/${DEMO_PATIENT_IDS.patient}`)).status).toBe(200);
    const conditions = await appRequest(page, `Condition?patient=${DEMO_PATIENT_IDS.patient}`);
    expect(conditions.status).toBe(200);
    expect(((conditions.body as Bundle).entry ?? []).length).toBeGreaterThan(0);
    const vitals = await appRequest(page, `Observation?patient=${DEMO_PATIENT_IDS.patient}&category=vital-signs`);
    expect(vitals.status).toBe(200);
    expect(((vitals.body as Bundle).entry ?? []).length).toBeGreaterThan(0);
    const labs = await appRequest(page, `Observation?patient=${DEMO_PATIENT_IDS.patient}&category=laboratory`);
    if (labs.status === 200) expect((labs.body as Bundle).entry ?? []).toHaveLength(0);
    else expect(labs.status).toBe(403);
  });

  it('parent.demo picks the child chart through PORTAL_PROXY and cannot reach another chart', async () => {
    const page = await (await stack.browser.newContext()).newPage();
    await startStandalone(page, stack, stack.fhirBases.patient, 'launch/patient openid fhirUser patient/*.rs');
    await signIn(page, DEMO_LOGINS.proxyParent.login, DEMO_LOGINS.proxyParent.password);
    const choices = await page.getByRole('button', { name: /^Select / }).allTextContents();
    expect(choices.length).toBe(2);
    await page.getByRole('button', { name: /^Select / }).nth(1).click();
    await page.waitForLoadState('load');
    await consent(page);
    const token = await appToken(page);
    expect(token.patient).toBe(String(DEMO_PATIENT_IDS.child));
    expect((await appRequest(page, `Patient/${DEMO_PATIENT_IDS.child}`)).status).toBe(200);
    expect([403, 404]).toContain((await appRequest(page, `Patient/${DEMO_PATIENT_IDS.patient}`)).status);
  });

  it('dr.demo standalone with user/ scopes only gets no patient picker', async () => {
    const page = await (await stack.browser.newContext()).newPage();
    await startStandalone(page, stack, stack.fhirBases.provider, 'openid fhirUser user/Patient.rs', APP_CLIENT_ID);
    await signIn(page, DEMO_LOGINS.provider.login, DEMO_LOGINS.provider.password);
    await consent(page);
    const token = await appToken(page);
    expect(token.patient).toBeUndefined();
    const read = await appRequest(page, `Patient/${DEMO_PATIENT_IDS.patient}`);
    expect(read.status).toBe(200);
  });
});
