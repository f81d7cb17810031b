import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { cookieOptions, readCookie, safeEqual } from './cookies.js';
import type { WebSecrets } from './web-secrets.js';

export const CSRF_COOKIE = 'mof_csrf';
export const CSRF_FIELD = '_csrf';

/**
 * CSRF protection for every form: a random httpOnly cookie per browser plus a hidden form field holding a MAC of
 * that cookie value and the form's scope (e.g. the interaction uid). A cross-site page can neither read the cookie
 * nor compute the MAC; SameSite=Lax cookies add a second barrier.
 */
export class CsrfGuard {
  constructor(
    private readonly secrets: WebSecrets,
    private readonly secure: boolean,
  ) {}

  /** The token to embed in a form served to this browser (sets the CSRF cookie when the browser has none). */
  issue(req: Request, res: Response, scope: string): string {
    let seed = readCookie(req, CSRF_COOKIE);
    if (!seed || !/^[A-Za-z0-9_-]{32,64}$/.test(seed)) {
      seed = randomBytes(24).toString('base64url');
      res.cookie(CSRF_COOKIE, seed, cookieOptions(this.secure));
      // Same request may render several forms: remember the new seed for them.
      (req.headers as Record<string, string>).cookie = `${req.headers.cookie ? `${req.headers.cookie}; ` : ''}${CSRF_COOKIE}=${seed}`;
    }
    return this.secrets.mac(`csrf:${scope}`, seed);
  }

  /** True when the submitted form carries the token that matches this browser's cookie and `scope`. */
  verify(req: Request, scope: string): boolean {
    const seed = readCookie(req, CSRF_COOKIE);
    const body = req.body as Record<string, unknown> | undefined;
    const sent = body?.[CSRF_FIELD];
    if (!seed || typeof sent !== 'string') return false;
    return safeEqual(sent, this.secrets.mac(`csrf:${scope}`, seed));
  }
}
