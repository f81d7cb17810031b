import { createCipheriv, createDecipheriv, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { FacadeStore } from '#facade/facade-store';

/**
 * How long a retired key stays published. Instances load their signing key at start, so this is the time
 * operators have to restart every instance after `rotate-keys`, plus the longest token lifetime (1 h).
 */
export const RETIRED_KEY_PUBLISH_MS = 24 * 3600 * 1000;

interface Envelope {
  v: 1;
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

function deriveKey(secret: string, salt: Buffer): Buffer {
  return scryptSync(secret, salt, 32, { N: 16384, r: 8, p: 1 });
}

/** Encrypts a private JWK with AES-256-GCM under a key derived (scrypt) from the configured secret. */
export function sealPrivateJwk(jwk: JWK, secret: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret, salt), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(jwk), 'utf8'), cipher.final()]);
  const env: Envelope = { v: 1, salt: salt.toString('base64url'), iv: iv.toString('base64url'), tag: cipher.getAuthTag().toString('base64url'), data: data.toString('base64url') };
  return JSON.stringify(env);
}

/** Reverses {@link sealPrivateJwk}; throws a clear error when the secret is wrong. */
export function openPrivateJwk(sealed: string, secret: string): JWK {
  const env = JSON.parse(sealed) as Envelope;
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret, Buffer.from(env.salt, 'base64url')), Buffer.from(env.iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(env.tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(env.data, 'base64url')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as JWK;
  } catch {
    throw new Error('Cannot decrypt the signing keys: AUTH_KEY_ENCRYPTION_SECRET does not match the one they were stored with');
  }
}

/**
 * Signing keys of the authorization server, persisted in the facade store: created on first start, rotated on
 * demand. The first key of the returned set (the newest active RS256 key) signs; retired keys stay published
 * until every token they signed has expired.
 */
export class SigningKeyService {
  constructor(private readonly store: FacadeStore, private readonly kek: string | null) {}

  /** Private JWKs for oidc-provider (`jwks` option), creating the first key when there is none. */
  async loadOrCreate(): Promise<{ keys: JWK[] }> {
    let rows = await this.store.keys.listPublishable(RETIRED_KEY_PUBLISH_MS);
    if (!rows.some((r) => r.status === 'active' && r.alg === 'RS256')) {
      await this.create();
      rows = await this.store.keys.listPublishable(RETIRED_KEY_PUBLISH_MS);
    }
    return { keys: rows.map((r) => this.decode(r.privateJwk, r.encrypted)) };
  }

  /** Creates a new RS256 key and retires the previous ones (they stay published for a while). Returns its kid. */
  async rotate(): Promise<string> {
    const kid = await this.create();
    await this.store.keys.retireAllExcept('RS256', kid);
    await this.store.keys.purgeRetired(RETIRED_KEY_PUBLISH_MS);
    await this.store.audit.record('signing_key.rotated', { detail: { kid } });
    return kid;
  }

  private async create(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const kid = randomUUID();
    const priv = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
    const pub = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    await this.store.keys.insert({
      kid, alg: 'RS256', publicJwk: JSON.stringify(pub),
      privateJwk: this.kek ? sealPrivateJwk(priv, this.kek) : JSON.stringify(priv), encrypted: this.kek !== null,
    });
    return kid;
  }

  private decode(stored: string, encrypted: boolean): JWK {
    if (!encrypted) return JSON.parse(stored) as JWK;
    if (!this.kek) throw new Error('The signing keys are encrypted: set AUTH_KEY_ENCRYPTION_SECRET');
    return openPrivateJwk(stored, this.kek);
  }
}
