/**
 * REGRESSION TEST (was a HIGH finding of issue 13, since fixed): SSRF guard bypass on `jwks_uri`. Refused were only
 * `127.0.0.1`, `localhost` and `169.254.169.254`; accepted (and, on a client_credentials request, fetched) were
 * `https://[::ffff:127.0.0.1]:18443/jwks`, `[::ffff:7f00:1]`, `[::ffff:a9fe:a9fe]`, `[64:ff9b::7f00:1]`, `[fec0::1]`,
 * `224.0.0.1`, `198.18.0.1`, `localhost.` and names resolving to loopback. Fix: address classification by ipaddr.js
 * (apps/auth/src/oidc/private-host.ts at registration) and every fetch through
 * libs/security/src/net/outbound-fetch.ts (resolution checked and pinned at connect; names such as
 * `127.0.0.1.nip.io` are covered by its unit test, no DNS being reachable here).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ClientRegistrationError } from '../../apps/auth/src/registration/client-registration.service.js';
import { startAuth, type AuthHarness } from '../auth/protocol/support/auth-harness.js';

const BYPASSES = [
  'https://[::ffff:127.0.0.1]:18443/jwks', 'https://[::ffff:7f00:1]/jwks', 'https://[::ffff:a9fe:a9fe]/jwks', 'https://[64:ff9b::7f00:1]/jwks',
  'https://[fec0::1]/jwks', 'https://224.0.0.1/jwks', 'https://198.18.0.1/jwks', 'https://localhost./jwks', 'https://[2002:7f00:1::1]/jwks',
];

describe('jwks_uri SSRF', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuth();
  });
  afterAll(async () => h?.close());

  it.each(BYPASSES)('refuses to register %s', async (jwksUri) => {
    const attempt = h.registration.register({
      name: 'SSRF probe', clientType: 'confidential', authMethod: 'private_key_jwt', redirectUris: [], scope: 'system/*.rs', backendServices: true, jwksUri,
    });
    await expect(attempt).rejects.toBeInstanceOf(ClientRegistrationError);
    await expect(attempt).rejects.toThrow(/jwksUri: must be a public https URL/);
  });
});
