import type { CookieOptions, Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { WebSecrets } from './web-secrets.js';

/** Cookie attributes for the pages: httpOnly, SameSite=Lax, `Secure` whenever the public URL is https. */
export function cookieOptions(secure: boolean, maxAgeMs?: number, path = '/'): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path, ...(maxAgeMs ? { maxAge: maxAgeMs } : {}) };
}

/** Reads one cookie from the request header (no cookie-parser middleware needed). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Constant-time string equality. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A small signed, expiring cookie session (`<base64url JSON>.<mac>`): used by the portals, whose sessions are
 * separate from oidc-provider's. Tampered or expired values read as no session.
 */
export class SignedSession<T extends object> {
  constructor(
    private readonly name: string,
    private readonly secrets: WebSecrets,
    private readonly secure: boolean,
    private readonly ttlMs: number,
  ) {}

  /** Sets the cookie to `value` for the configured lifetime. */
  write(res: Response, value: T, now = Date.now()): void {
    const body = Buffer.from(JSON.stringify({ v: value, exp: now + this.ttlMs })).toString('base64url');
    res.cookie(this.name, `${body}.${this.secrets.mac(`session:${this.name}`, body)}`, cookieOptions(this.secure, this.ttlMs));
  }

  /** The session value, or undefined when absent, tampered with or expired. */
  read(req: Request, now = Date.now()): T | undefined {
    const raw = readCookie(req, this.name);
    if (!raw) return undefined;
    const dot = raw.lastIndexOf('.');
    if (dot <= 0) return undefined;
    const body = raw.slice(0, dot);
    if (!safeEqual(raw.slice(dot + 1), this.secrets.mac(`session:${this.name}`, body))) return undefined;
    try {
      const parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { v: T; exp: number };
      return typeof parsed.exp === 'number' && parsed.exp > now ? parsed.v : undefined;
    } catch {
      return undefined;
    }
  }

  /** Removes the cookie. */
  clear(res: Response): void {
    res.clearCookie(this.name, cookieOptions(this.secure));
  }
}
