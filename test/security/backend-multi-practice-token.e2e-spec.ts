/**
 * REGRESSION TEST (was a HIGH finding of this suite, since fixed): a backend-services client approved by TWO practices gets `client_credentials` access tokens
 * with NO `practice` claim (`extraTokenClaims` in apps/auth/src/oidc/provider-config.ts:
 * `approvals.length === 1 ? { practice } : {}`), and the FHIR API treats a system/ token without a practice as
 * unrestricted (`decideAccess` in libs/security/src/scopes/access-decision.ts, system context ->
 * `practiceId: q.practice` = undefined). So an app approved by practices A and B reads the charts of practice C,
 * which never approved it (every patient of every practice, for `system/*.rs`). Also, revoking practice A's
 * approval does not end such a token (the approval check in AccessTokenVerifier.assertNotRevoked needs a
 * `practice` claim), only its short expiry does.
 * Fix: always bind client_credentials tokens to the approving practices, e.g. a `practices: number[]` claim that
 * decideAccess/source-conditions turn into `PRACTICE_ID IN (...)` and that the revocation check covers, or issue
 * one token per practice (require a `practice` parameter when several approved it); never "no claim = all".
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { addPractice } from '../../apps/auth/src/testing/legacy-fixtures.js';
import { decideAccess, parseScopes, AccessTokenVerifier } from '#facade/security';
import { FHIR, startAuth, tokenRequest, type AuthHarness } from '../auth/protocol/support/auth-harness.js';

describe('a backend client approved by several practices', () => {
  let h: AuthHarness;
  let client: { clientId: string; key: CryptoKey; kid: string };
  let thirdPractice: number;

  beforeAll(async () => {
    h = await startAuth();
    const { privateKey, publicKey } = await generateKeyPair('RS384', { extractable: true });
    const kid = randomUUID();
    const out = await h.registration.register({
      name: 'Bulk', clientType: 'confidential', authMethod: 'private_key_jwt', backendServices: true,
      jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS384' }] }, scope: 'system/*.rs',
    });
    client = { clientId: out.client.clientId, key: privateKey, kid };
    await h.store.approvals.approve(client.clientId, h.practiceId, 'test');
    await h.store.approvals.approve(client.clientId, h.otherPracticeId, 'test');
    thirdPractice = await addPractice(h.legacy, { PRACTICE_NAME: 'Never Approved Clinic', NPI: '1003000126' });
  });
  afterAll(async () => h?.close());

  async function systemToken(): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({ jti: randomUUID() }).setProtectedHeader({ alg: 'RS384', kid: client.kid, typ: 'JWT' })
      .setIssuer(client.clientId).setSubject(client.clientId).setAudience(`${h.base}/token`).setIssuedAt(now).setExpirationTime(now + 300).sign(client.key);
    const t = await tokenRequest(h, {
      grant_type: 'client_credentials', scope: 'system/*.rs', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion,
    });
    expect(t.status).toBe(200);
    return String(t.body.access_token);
  }

  it('gets no token that reaches a practice which never approved it', async () => {
    const verifier = new AccessTokenVerifier({ issuer: h.base, revocations: h.store.revocations });
    const claims = await verifier.verify(await systemToken(), `${FHIR}/fhir`);
    const decision = decideAccess({ scopes: parseScopes(claims.scope), patient: claims.patient, practice: claims.practice, practices: claims.practices, base: 'fhir', resourceType: 'Patient', interaction: 'search', inPatientCompartment: true });
    expect(decision.allowed).toBe(true);
    // SAFE: the decision is confined to the approving practices (never unrestricted, never the third practice).
    const reach = decision.allowed ? (decision.practiceIds ?? (decision.practiceId !== undefined ? [decision.practiceId] : undefined)) : [];
    expect(reach).toBeDefined();
    expect([...(reach ?? [])].sort()).toEqual([h.practiceId, h.otherPracticeId].sort());
    expect(reach).not.toContain(thirdPractice);
  });

  it("stops working at a practice once that practice revokes its approval", async () => {
    const verifier = new AccessTokenVerifier({ issuer: h.base, revocations: h.store.revocations });
    const token = await systemToken();
    await h.store.approvals.revoke(client.clientId, h.otherPracticeId, 'admin');
    await verifier.pollRevocations();
    const claims = await verifier.verify(token, `${FHIR}/fhir`).catch(() => undefined);
    if (claims) {
      const decision = decideAccess({ scopes: parseScopes(claims.scope), practice: claims.practice, practices: claims.practices, base: 'fhir', resourceType: 'Patient', interaction: 'read', inPatientCompartment: true });
      const reach = decision.allowed ? (decision.practiceIds ?? (decision.practiceId !== undefined ? [decision.practiceId] : [])) : [];
      expect(reach).not.toContain(h.otherPracticeId);
    }
  });
});
