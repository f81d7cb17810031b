import type { Request, Response } from 'express';
import { SignedSession } from '../web/cookies.js';
import type { NavLink } from '../web/layout.js';
import type { ScreensDeps } from '../web/screens-deps.js';

/** Who is signed in to which portal (each portal has its own cookie; none is shared with oidc-provider). */
export interface PortalSessions {
  developer: SignedSession<{ developerId: string }>;
  admin: SignedSession<{ userId: number }>;
  patient: SignedSession<{ portalId: number }>;
  simulator: SignedSession<{ userId: number }>;
}

const HOUR = 60 * 60 * 1000;

/** The portals' signed session cookies. */
export function portalSessions(deps: ScreensDeps): PortalSessions {
  const secure = deps.config.auth.secureCookies;
  return {
    developer: new SignedSession('mof_dev', deps.secrets, secure, 8 * HOUR),
    admin: new SignedSession('mof_admin', deps.secrets, secure, HOUR),
    patient: new SignedSession('mof_patient', deps.secrets, secure, HOUR),
    simulator: new SignedSession('mof_ehr', deps.secrets, secure, 8 * HOUR),
  };
}

/** The header links of the public pages and portals. */
export function portalNav(current: string): NavLink[] {
  return [
    { href: '/connect', label: 'Connect portal (developers)' },
    { href: '/admin', label: 'License Management' },
    { href: '/portal/patient', label: 'My connected apps' },
    { href: '/directory', label: 'Endpoint directory' },
    { href: '/ehr-simulator', label: 'EHR simulator' },
  ].map((l) => ({ ...l, current: l.href === current }));
}

/** Sends a page with no caching (portal pages show account data). */
export function sendPage(res: Response, status: number, page: string): void {
  res.status(status).type('html').setHeader('Cache-Control', 'no-store').send(page);
}

/** The form body as a plain record (empty when absent). */
export function formOf(req: Request): Record<string, unknown> {
  return (req.body ?? {}) as Record<string, unknown>;
}

/** A trimmed string field, or '' (arrays and objects from crafted forms become ''). */
export function field(form: Record<string, unknown>, name: string, max = 2000): string {
  const v = form[name];
  return typeof v === 'string' ? v.trim().slice(0, max) : '';
}
