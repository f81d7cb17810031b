import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The secret that signs the pages' own cookies (portal sessions, CSRF binding). Every auth instance behind a
 * load balancer must share it: set `AUTH_WEB_SECRET` (at least 32 characters). Without it, a random secret is
 * created on first start in `<dataDir>/auth-web.secret` (mode 0600) and kept.
 */
export class WebSecrets {
  private constructor(private readonly secret: Buffer) {}

  /** From `AUTH_WEB_SECRET`, or the secret file in `dataDir` (created when missing). */
  static load(env: NodeJS.ProcessEnv, dataDir: string): WebSecrets {
    const fromEnv = env.AUTH_WEB_SECRET;
    if (fromEnv !== undefined && fromEnv !== '') {
      if (fromEnv.length < 32) throw new Error('AUTH_WEB_SECRET must be at least 32 characters');
      return new WebSecrets(Buffer.from(fromEnv, 'utf8'));
    }
    const file = join(dataDir, 'auth-web.secret');
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    }
    return new WebSecrets(Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8'));
  }

  /** A secret for tests. */
  static fixed(secret: string): WebSecrets {
    return new WebSecrets(Buffer.from(secret, 'utf8'));
  }

  /** HMAC-SHA-256 of `data` under a key derived for `purpose` (so one purpose's MAC is useless for another). */
  mac(purpose: string, data: string): string {
    const key = createHmac('sha256', this.secret).update(`purpose:${purpose}`).digest();
    return createHmac('sha256', key).update(data).digest('base64url');
  }
}
