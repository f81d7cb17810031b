/** A throw-away RS256 key for one benchmark run and a practice-wide SMART access token signed with it. */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/** Issuer the facade is configured with during the benchmark (never contacted: the key set is injected). */
export const BENCH_ISSUER = 'http://bench.auth.invalid';

/**
 * A new key pair: the public JWK set goes to the facade (`tokenKeys`), the private key signs tokens.
 * @returns {Promise<{ jwks: { keys: object[] }, privateKey: CryptoKey }>}
 */
export async function benchKeys() {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' }] }, privateKey };
}

/**
 * A `system/*.rs` backend-services token for the audience `<baseUrl>/fhir`, valid for one hour, reaching the
 * practices it names (`practices` claim: a system/ token naming none reaches nothing): the shape the e2e tests
 * mint (`test/fhir-api/support/fhir-test-app.ts`, `demo-ehr.e2e-spec.ts`).
 * @param {CryptoKey} privateKey
 * @param {string} baseUrl e.g. http://127.0.0.1:18080
 * @param {number[]} practices PRACTICE_IDs (the benchmark passes every practice of the database)
 */
export function systemToken(privateKey, baseUrl, practices) {
  if (!practices?.length) throw new Error('systemToken needs the practices the token reaches');
  return new SignJWT({ scope: 'system/*.rs', client_id: 'bench-client', practices })
    .setProtectedHeader({ alg: 'RS256', kid: 'bench' })
    .setIssuer(BENCH_ISSUER)
    .setAudience(`${baseUrl}/fhir`)
    .setSubject('bench-client')
    .setJti(`bench-${Date.now()}`)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
}
