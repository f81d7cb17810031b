import type { NextFunction, Request, Response } from 'express';
import { verifySecret, type FacadeStore } from '#facade/facade-store';
import { internalClientSecret } from './client-metadata.js';

/** Parses `Authorization: Basic` (form-url-decoding both parts as RFC 6749 §2.3.1 requires). */
export function parseBasicAuth(header: string | undefined): { clientId: string; secret: string } | undefined {
  if (!header || !/^basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  try {
    const dec = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return { clientId: dec(decoded.slice(0, i)), secret: dec(decoded.slice(i + 1)) };
  } catch {
    return undefined;
  }
}

/**
 * Checks an HTTP Basic client secret against its stored scrypt hash. Returns the client id when it matches.
 */
export async function verifyBasicClient(store: FacadeStore, header: string | undefined): Promise<string | undefined> {
  const basic = parseBasicAuth(header);
  if (!basic) return undefined;
  const client = await store.clients.find(basic.clientId);
  if (!client || client.authMethod !== 'client_secret_basic') return undefined;
  return (await verifySecret(basic.secret, client.secretHash)) ? client.clientId : undefined;
}

/**
 * Express middleware in front of oidc-provider's token endpoint: client secrets are stored only as hashes, so
 * the presented secret is verified here and, when right, replaced by the internal value oidc-provider compares
 * (see client-metadata.ts). A wrong secret is left as is and fails there with `invalid_client`.
 */
export function clientSecretBridge(store: FacadeStore, pepper: () => string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const header = req.headers.authorization;
    const basic = parseBasicAuth(header);
    if (!basic) return next();
    void (async () => {
      const client = await store.clients.find(basic.clientId);
      if (client?.authMethod === 'client_secret_basic' && (await verifySecret(basic.secret, client.secretHash))) {
        const internal = internalClientSecret(pepper(), client);
        req.headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(internal)}`).toString('base64')}`;
      }
    })().then(() => next(), next);
  };
}
