/**
 * REGRESSION TEST (was a low, defence in depth finding of this suite, since fixed): `SmartInteractionService.finishConsent()` (apps/auth/src/oidc/
 * smart-interaction.service.ts) trusts the caller's `practiceId` and `patientId`: it checks that the app is
 * approved for `d.practiceId`, but not that the signed-in account belongs to that practice, nor that the patient
 * is a chart of that practice (or, for a portal account, its own or a proxy chart). Today the only caller, the
 * interaction screens (apps/auth/src/interactions/interaction.service.ts + launch-context.resolver.ts), computes
 * both correctly (picker re-validated with findInPractice/portalChart), and the FHIR API refuses a token whose
 * patient is outside its practice claim; but any future caller (an API, a new screen) that forwards a form value
 * would mint tokens for another practice's data. Fix: re-derive the practice from the account and re-check the
 * patient (findInPractice / portalChart) inside finishConsent.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addPatient } from '../../apps/auth/src/testing/legacy-fixtures.js';
import { registerApp, runAuthorization, startAuth, type AuthHarness } from '../auth/protocol/support/auth-harness.js';

describe('consent binds only the account\'s own practice and its charts', () => {
  let h: AuthHarness;
  let app: { clientId: string };
  beforeAll(async () => {
    h = await startAuth();
    app = await registerApp(h);
    await h.store.approvals.approve(app.clientId, h.otherPracticeId, 'test');
  });
  afterAll(async () => h?.close());

  it('refuses a patient of another practice', async () => {
    const far = await addPatient(h.legacy, h.otherPracticeId, { MRN: 'SEC-FAR' });
    await expect(runAuthorization(h, { clientId: app.clientId, scope: 'launch/patient openid patient/*.rs' }, { patientId: far })).rejects.toThrow();
  });

  it("refuses a practice the signed-in user does not belong to", async () => {
    await expect(runAuthorization(h, { clientId: app.clientId, scope: 'openid fhirUser user/*.rs' }, { practiceId: h.otherPracticeId })).rejects.toThrow();
  });
});
