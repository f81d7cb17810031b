/**
 * Issue 10 "done when": a SMART app written with the `fhirclient` library, in real Chromium, completes a patient
 * standalone launch on /open with write scopes, POSTs a vital sign through the library, reads it back through the
 * library, and the VITALS row is in the legacy database; the facade's audit names the patient's portal account and
 * the app as the actor. Once with SMART v2 scopes (patient/Observation.c + .rs), once with v1 (patient/Observation.write).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { SYSTEM } from '#facade/mappers';
import { APP_CLIENT_ID, PASSWORDS, startBrowserStack, type BrowserStack } from './browser-stack.js';
import { appCreate, appRequest, appToken, consent, pickChart, shot, signIn, startStandalone } from './screen-driver.js';

type R = Record<string, any>;
const vitalCategory = [{ coding: [{ system: SYSTEM.observationCategory, code: 'vital-signs' }] }];
const quantity = (value: number, code: string) => ({ value, unit: code, system: SYSTEM.ucum, code });

describe('a fhirclient app in Chromium writes a vital sign through a patient launch', () => {
  let stack: BrowserStack;
  beforeAll(async () => {
    stack = await startBrowserStack();
  });
  afterAll(async () => stack?.close());

  /** Standalone patient launch on /open as Maria with `scope`; consent as offered (the write box ticked). */
  async function launch(scope: string): Promise<{ page: Page; token: R }> {
    const page = await (await stack.browser.newContext()).newPage();
    await startStandalone(page, stack, stack.fhirBases.patient, scope);
    await signIn(page, 'maria.lopez', PASSWORDS.patient);
    await pickChart(page, 'Maria Lopez');
    await shot(page, 'write-consent');
    await consent(page);
    return { page, token: await appToken(page) };
  }

  const vitalsRow = async (id: string) => {
    const [row] = await stack.legacy.query('SELECT * FROM VITALS WHERE VITAL_ID = ?', [Number(/^vitals-(\d+)-/.exec(id)![1])]);
    return row as R;
  };
  const lastWrite = async () => (await stack.store.audit.recent(20)).find((a) => a.type === 'fhir.write')!;

  it('SMART v2 (patient/Observation.c): POST a body weight, read it back, VITALS row written, actor audited', async () => {
    const { page, token } = await launch('launch/patient openid fhirUser patient/Observation.c patient/Observation.rs patient/Patient.rs');
    expect(token.patient).toBe(String(stack.seed.maria));
    expect(token.scope.split(' ')).toEqual(expect.arrayContaining(['patient/Observation.c', 'patient/Observation.rs']));
    const weight = {
      resourceType: 'Observation', status: 'final', category: vitalCategory,
      code: { coding: [{ system: SYSTEM.loinc, code: '29463-7', display: 'Body weight' }] },
      subject: { reference: `Patient/${stack.seed.maria}` }, effectiveDateTime: '2024-06-03T08:30:00-04:00', valueQuantity: quantity(70, 'kg'),
    };
    const created = await appCreate(page, weight);
    expect(created).toMatchObject({ status: 201, etag: 'W/"1"' });
    expect(created.location).toMatch(new RegExp(`/open/Observation/${created.body!.id}/_history/1$`));
    const read = await appRequest(page, `Observation/${created.body!.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: created.body!.id, status: 'final', subject: { reference: `Patient/${stack.seed.maria}` }, valueQuantity: { value: 154.32, code: '[lb_av]' } });
    expect(await vitalsRow(created.body!.id)).toMatchObject({ PAT_ID: stack.seed.maria, TAKEN_AT: '2024-06-03 08:30:00', WEIGHT_LB: 154.32, STATUS: 'F', ROW_VER: 1, DELETED_YN: 'N', CREATED_BY: null });
    const audit = await lastWrite();
    expect(audit).toMatchObject({ actor: `portal:${stack.seed.portalId}`, clientId: APP_CLIENT_ID, practiceId: stack.seed.practiceId });
    expect(JSON.parse(audit.detail!)).toMatchObject({ interaction: 'create', resourceType: 'Observation', id: created.body!.id, outcome: 'success', patient: String(stack.seed.maria) });
    // The token reaches only its own chart: a vital sign for the proxy child's chart is refused.
    expect((await appCreate(page, { ...weight, subject: { reference: `Patient/${stack.seed.teo}` } })).status).toBe(403);
  });

  it('SMART v1 (patient/Observation.write): POST a blood pressure panel, read it back, VITALS row written', async () => {
    const { page, token } = await launch('launch/patient openid fhirUser patient/Observation.write patient/Observation.read');
    expect(token.scope.split(' ')).toEqual(expect.arrayContaining(['patient/Observation.write']));
    const bp = {
      resourceType: 'Observation', status: 'final', category: vitalCategory,
      code: { coding: [{ system: SYSTEM.loinc, code: '85354-9' }] }, subject: { reference: `Patient/${stack.seed.maria}` }, effectiveDateTime: '2024-06-04T07:45:00-04:00',
      component: [
        { code: { coding: [{ system: SYSTEM.loinc, code: '8480-6' }] }, valueQuantity: quantity(128, 'mm[Hg]') },
        { code: { coding: [{ system: SYSTEM.loinc, code: '8462-4' }] }, valueQuantity: quantity(82, 'mm[Hg]') },
      ],
    };
    const created = await appCreate(page, bp);
    expect(created.status).toBe(201);
    const read = await appRequest(page, `Observation/${created.body!.id}`);
    expect(read.status).toBe(200);
    expect((read.body!.component as R[]).map((c) => c.valueQuantity.value)).toEqual([128, 82]);
    expect(await vitalsRow(created.body!.id)).toMatchObject({ PAT_ID: stack.seed.maria, TAKEN_AT: '2024-06-04 07:45:00', BP_SYSTOLIC: 128, BP_DIASTOLIC: 82, STATUS: 'F' });
  });
});
