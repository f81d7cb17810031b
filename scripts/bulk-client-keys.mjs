#!/usr/bin/env node
/**
 * The two things a SMART Backend Services client needs besides curl (README, "Bulk Data export with curl"):
 *
 *   node scripts/bulk-client-keys.mjs keygen <prefix>
 *       writes <prefix>.jwks.json (public key set: give it to `npm run auth:cli -- register-client --jwks-file`)
 *       and <prefix>.private.jwk.json (keep it secret); RS384.
 *   node scripts/bulk-client-keys.mjs assertion <prefix> <client_id> <token endpoint URL>
 *       prints a signed client assertion (JWT: iss = sub = client_id, aud = token endpoint, 5 minutes, unique jti).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';

const [command, prefix, clientId, tokenUrl] = process.argv.slice(2);
if (command === 'keygen' && prefix) {
  const { privateKey, publicKey } = await generateKeyPair('RS384', { extractable: true });
  const kid = randomUUID();
  writeFileSync(`${prefix}.jwks.json`, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS384', use: 'sig' }] }, null, 2));
  writeFileSync(`${prefix}.private.jwk.json`, JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'RS384' }), { mode: 0o600 });
  console.log(`wrote ${prefix}.jwks.json (public) and ${prefix}.private.jwk.json (private)`);
} else if (command === 'assertion' && prefix && clientId && tokenUrl) {
  const jwk = JSON.parse(readFileSync(`${prefix}.private.jwk.json`, 'utf8'));
  const key = await importJWK(jwk, jwk.alg);
  const jwt = await new SignJWT({})
    .setProtectedHeader({ alg: jwk.alg, kid: jwk.kid, typ: 'JWT' })
    .setIssuer(clientId).setSubject(clientId).setAudience(tokenUrl)
    .setJti(randomUUID()).setIssuedAt().setExpirationTime('5m')
    .sign(key);
  process.stdout.write(jwt);
} else {
  console.error('Usage: bulk-client-keys.mjs keygen <prefix> | assertion <prefix> <client_id> <token endpoint URL>');
  process.exit(2);
}
