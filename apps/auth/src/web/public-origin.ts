import type { NextFunction, Request, Response } from 'express';
import { setNoStoreHeaders } from '#facade/config';

/**
 * Pins every request to the configured public origin (AUTH_PUBLIC_URL) before anything reads it: `Host` is
 * replaced, `X-Forwarded-Host` dropped and `X-Forwarded-Proto` set from the configured scheme, so oidc-provider's
 * discovery document, redirects and pages never take a URL from the caller's headers (Host-header poisoning).
 * `X-Forwarded-For` is dropped unless AUTH_TRUST_PROXY is on (Express has already read it for `req.ip` then).
 * oidc-provider runs with `proxy = true` so that it reads exactly these pinned values.
 */
export function pinPublicOrigin(publicUrl: string, trustProxy: boolean) {
  const u = new URL(publicUrl);
  const proto = u.protocol.slice(0, -1);
  return (req: Request, res: Response, next: NextFunction): void => {
    req.headers.host = u.host;
    delete req.headers['x-forwarded-host'];
    delete req.headers.forwarded;
    req.headers['x-forwarded-proto'] = proto;
    if (!trustProxy) delete req.headers['x-forwarded-for'];
    // Default for every answer of this server (tokens, codes, account pages); public documents override Cache-Control.
    setNoStoreHeaders(res);
    next();
  };
}
