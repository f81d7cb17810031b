import { describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { AccessTokenVerifier, RevocationsUnavailableError } from './access-token-verifier.js';

/** Fail closed: once polling runs, tokens stop being accepted when the revocation feed could not be read for too long. */
describe('AccessTokenVerifier freshness of the revocations', () => {
  it('accepts tokens while polls succeed, refuses every check after maxStaleMs of failures, and recovers', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    let now = 1_800_000_000_000;
    let down = false;
    const revoked: string[] = [];
    const verifier = new AccessTokenVerifier({
      issuer: 'https://auth.test',
      keys: createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k', alg: 'RS256' }] }),
      revocations: {
        revokedSince: async () => {
          if (down) throw new Error('store unreachable');
          return { jtis: revoked.splice(0), grants: [], approvals: [] };
        },
      },
      pollMs: 60_000,
      maxStaleMs: 30_000,
      now: () => now,
    });
    const token = (jti: string) =>
      new SignJWT({ scope: 'system/*.rs', client_id: 'c' }).setProtectedHeader({ alg: 'RS256', kid: 'k' }).setIssuer('https://auth.test')
        .setAudience('https://fhir.test/fhir').setSubject('c').setJti(jti).setIssuedAt(now / 1000).setExpirationTime(now / 1000 + 3600).sign(privateKey);
    const a = await token('a');
    const b = await token('b');
    verifier.start();
    try {
      await verifier.pollRevocations();
      await expect(verifier.verify(a, 'https://fhir.test/fhir')).resolves.toMatchObject({ jti: 'a' });
      down = true;
      now += 20_000;
      await expect(verifier.pollRevocations()).rejects.toThrow('store unreachable');
      // Within maxStaleMs of the last good poll: still accepted (the documented propagation window).
      expect(verifier.verifyCached(a, 'https://fhir.test/fhir')).toMatchObject({ jti: 'a' });
      now += 11_000;
      expect(() => verifier.verifyCached(a, 'https://fhir.test/fhir')).toThrow(RevocationsUnavailableError);
      await expect(verifier.verify(b, 'https://fhir.test/fhir')).rejects.toThrow(RevocationsUnavailableError);
      // Back, with a revocation made meanwhile: it applies, the other token works again.
      revoked.push('b');
      down = false;
      await verifier.pollRevocations();
      expect(verifier.verifyCached(a, 'https://fhir.test/fhir')).toMatchObject({ jti: 'a' });
      await expect(verifier.verify(b, 'https://fhir.test/fhir')).rejects.toMatchObject({ code: 'revoked' });
    } finally {
      verifier.stop();
    }
  });

  it('checks no freshness when it is not polling (a caller that polls by hand)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    let now = 1_800_000_000_000;
    const verifier = new AccessTokenVerifier({
      issuer: 'https://auth.test',
      keys: createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k', alg: 'RS256' }] }),
      revocations: { revokedSince: async () => { throw new Error('down'); } },
      maxStaleMs: 1000,
      now: () => now,
    });
    const t = await new SignJWT({ scope: 'system/*.rs', client_id: 'c' }).setProtectedHeader({ alg: 'RS256', kid: 'k' }).setIssuer('https://auth.test')
      .setAudience('https://fhir.test/fhir').setSubject('c').setJti('x').setIssuedAt(now / 1000).setExpirationTime(now / 1000 + 3600).sign(privateKey);
    await expect(verifier.pollRevocations()).rejects.toThrow('down');
    now += 60_000;
    await expect(verifier.verify(t, 'https://fhir.test/fhir')).resolves.toMatchObject({ jti: 'x' });
  });
});
