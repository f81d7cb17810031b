import { describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { AccessTokenVerifier, InvalidTokenError } from './access-token-verifier.js';
import type { RevocationFeed } from './access-token-claims.js';

const ISS = 'http://auth.test';
const AUD = 'http://fhir.test/fhir';

async function setup(revocations?: RevocationFeed, options: { cacheSize?: number } = {}) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
  const verifier = new AccessTokenVerifier({ issuer: ISS, keys: createLocalJWKSet({ keys: [jwk] }), revocations, ...options });
  const mint = (claims: Record<string, unknown> = {}, opts: { exp?: string; iss?: string; aud?: string | string[] } = {}) =>
    new SignJWT({ scope: 'patient/*.rs', client_id: 'app', patient: '1', practice: 1, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(opts.iss ?? ISS).setAudience(opts.aud ?? AUD).setSubject('portal:1').setJti(String(claims.jti ?? Math.random()))
      .setIssuedAt().setExpirationTime(opts.exp ?? '5m').sign(privateKey);
  return { verifier, mint };
}

const codeOf = async (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof InvalidTokenError ? e.code : String(e)));

describe('AccessTokenVerifier', () => {
  it('accepts a valid token and returns its claims', async () => {
    const { verifier, mint } = await setup();
    const claims = await verifier.verify(await mint(), AUD);
    expect(claims).toMatchObject({ iss: ISS, aud: AUD, patient: '1', scope: 'patient/*.rs' });
  });
  it('refuses wrong audience, issuer, expired and foreign-key tokens', async () => {
    const { verifier, mint } = await setup();
    expect(await codeOf(verifier.verify(await mint(), 'http://fhir.test/open'))).toBe('audience');
    expect(await codeOf(verifier.verify(await mint({}, { iss: 'http://evil' }), AUD))).toBe('issuer');
    expect(await codeOf(verifier.verify(await mint({}, { exp: '-2m' }), AUD))).toBe('expired');
    const other = await setup();
    expect(await codeOf(verifier.verify(await other.mint(), AUD))).toBe('signature');
    expect(await codeOf(verifier.verify('not.a.jwt', AUD))).toBe('malformed');
  });
  it('stops accepting revoked tokens, grants and approvals after a poll', async () => {
    const revoked = { jtis: [] as string[], grants: [] as string[], approvals: [] as { clientId: string; practiceId: number; revokedAt: number }[] };
    const { verifier, mint } = await setup({ revokedSince: async () => revoked });
    const t1 = await mint({ jti: 'j1' });
    const t2 = await mint({ grant: 'g2' });
    const t3 = await mint({ client_id: 'other', practice: undefined, practices: [5, 1] });
    for (const t of [t1, t2, t3]) await verifier.verify(t, AUD);
    revoked.jtis.push('j1');
    revoked.grants.push('g2');
    revoked.approvals.push({ clientId: 'other', practiceId: 1, revokedAt: Date.now() + 1000 });
    await verifier.pollRevocations();
    expect(await codeOf(verifier.verify(t1, AUD))).toBe('revoked');
    expect(await codeOf(verifier.verify(t2, AUD))).toBe('revoked');
    expect(await codeOf(verifier.verify(t3, AUD))).toBe('revoked');
    expect(await codeOf(verifier.verify(await mint(), AUD))).toBe('ok');
  });
  it('answers a verified token synchronously from its cache, still checking expiry and revocations', async () => {
    const revoked = { jtis: [] as string[], grants: [] as string[], approvals: [] as { clientId: string; practiceId: number; revokedAt: number }[] };
    const { verifier, mint } = await setup({ revokedSince: async () => revoked });
    const token = await mint({ jti: 'c1' });
    expect(verifier.verifyCached(token, AUD)).toBeUndefined();
    const claims = await verifier.verify(token, AUD);
    expect(verifier.verifyCached(token, AUD)).toBe(claims);
    expect(verifier.verifyCached(token, 'http://fhir.test/open')).toBeUndefined();
    expect(verifier.verifyCached(`${token} `, AUD)).toBeUndefined();
    revoked.jtis.push('c1');
    await verifier.pollRevocations();
    expect(() => verifier.verifyCached(token, AUD)).toThrow(expect.objectContaining({ code: 'revoked' }));
  });
  it('answers from the cache only the identical token: another ending the same way (a forged payload under a real signature) is verified in full', async () => {
    const { verifier, mint } = await setup();
    const token = await mint({ jti: 'f1', patient: '1' });
    await verifier.verify(token, AUD);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, patient: '2' })).toString('base64url'), signature].join('.');
    expect(forged.slice(-32)).toBe(token.slice(-32));
    expect(verifier.verifyCached(forged, AUD)).toBeUndefined();
    expect(await codeOf(verifier.verify(forged, AUD))).toBe('signature');
    // The refused token took nothing from the cache: the real one is still answered from it.
    expect(verifier.verifyCached(token, AUD)).toMatchObject({ patient: '1', jti: 'f1' });
  });
  it('caches a token per audience it was verified for', async () => {
    const { verifier, mint } = await setup();
    const OPEN = 'http://fhir.test/open';
    const both = await mint({ jti: 'two' }, { aud: [AUD, OPEN] });
    await verifier.verify(both, AUD);
    expect(verifier.verifyCached(both, AUD)?.jti).toBe('two');
    expect(verifier.verifyCached(both, OPEN)).toBeUndefined();
    await verifier.verify(both, OPEN);
    expect([verifier.verifyCached(both, AUD)?.jti, verifier.verifyCached(both, OPEN)?.jti]).toEqual(['two', 'two']);
  });
  it('keeps at most cacheSize tokens per audience, the oldest dropped first', async () => {
    const { verifier, mint } = await setup(undefined, { cacheSize: 2 });
    const tokens = [await mint({ jti: 'a' }), await mint({ jti: 'b' }), await mint({ jti: 'c' })];
    for (const t of tokens) await verifier.verify(t, AUD);
    expect(tokens.map((t) => verifier.verifyCached(t, AUD)?.jti)).toEqual([undefined, 'b', 'c']);
  });
  it('drops a cached token once it expires', async () => {
    let now = Date.now();
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const verifier = new AccessTokenVerifier({ issuer: ISS, keys: createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] }), now: () => now });
    const token = await new SignJWT({ scope: 'patient/*.rs', client_id: 'app' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISS).setAudience(AUD).setSubject('s').setJti('j').setIssuedAt().setExpirationTime('2m').sign(privateKey);
    await verifier.verify(token, AUD);
    expect(verifier.verifyCached(token, AUD)).toBeDefined();
    now += 180_000;
    expect(() => verifier.verifyCached(token, AUD)).toThrow(expect.objectContaining({ code: 'expired' }));
    expect(verifier.verifyCached(token, AUD)).toBeUndefined();
  });
});
