/**
 * REGRESSION TEST (was a MEDIUM finding of this suite, since fixed): a practice approves an app as registered, but the developer can widen the app's scopes
 * afterwards (Connect portal "edit" -> ClientRegistrationService.update in
 * apps/auth/src/registration/client-registration.service.ts) and the approval stays active. For a backend-services
 * app the wider scopes take effect at once, with no person involved: an app approved for `system/Patient.rs`
 * (demographics) edits itself to `system/*.rs` and its next client_credentials token reads every clinical record
 * of the practice. (User-facing apps can likewise request the new scopes; users still see a consent screen.)
 * Fix: bind the approval to the scopes it was given for (store them with the approval, cap issued scopes to them),
 * or suspend approvals (pending re-approval in the License Management portal) when an edit widens the scopes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { startAuth, tokenRequest, type AuthHarness } from '../auth/protocol/support/auth-harness.js';

describe('widening an approved app\'s scopes', () => {
  let h: AuthHarness;
  let client: { clientId: string; key: CryptoKey; kid: string };

  beforeAll(async () => {
    h = await startAuth();
    const { privateKey, publicKey } = await generateKeyPair('RS384', { extractable: true });
    const kid = randomUUID();
    const out = await h.registration.register({
      name: 'Demographics sync', clientType: 'confidential', authMethod: 'private_key_jwt', backendServices: true,
      jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS384' }] }, scope: 'system/Patient.rs',
    });
    client = { clientId: out.client.clientId, key: privateKey, kid };
    await h.store.approvals.approve(client.clientId, h.practiceId, 'admin');
  });
  afterAll(async () => h?.close());

  async function token(scope: string) {
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ jti: randomUUID() }).setProtectedHeader({ alg: 'RS384', kid: client.kid, typ: 'JWT' })
      .setIssuer(client.clientId).setSubject(client.clientId).setAudience(`${h.base}/token`).setIssuedAt(now).setExpirationTime(now + 300).sign(client.key);
    return tokenRequest(h, { grant_type: 'client_credentials', scope, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion });
  }

  it('does not let the app use scopes the practice never approved', async () => {
    expect((await token('system/Patient.rs')).status).toBe(200);
    expect((await token('system/*.rs')).status).toBe(400);
    await h.registration.update(client.clientId, { scope: 'system/*.rs' }, 'developer:1');
    const widened = await token('system/*.rs');
    // SAFE: refused (approval suspended) or capped to what was approved.
    if (widened.status === 200) expect(String(widened.body.scope).split(' ')).toEqual(['system/Patient.rs']);
    else expect(widened.status).toBeGreaterThanOrEqual(400);
  });
});
