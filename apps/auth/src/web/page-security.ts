import express, { type NextFunction, type Request, type Response } from 'express';

/** Form bodies of the pages: urlencoded only, small. */
export const formBody = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 500 });

/**
 * Security headers of every page: no framing (clickjacking on consent), a strict CSP (no scripts at all, styles and
 * forms only from this origin, except that forms may post to the app's redirect: oidc-provider answers with a
 * redirect), no MIME sniffing, no referrer.
 */
export function pageSecurityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self' http: https:; frame-ancestors 'none'; base-uri 'none'");
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  next();
}
