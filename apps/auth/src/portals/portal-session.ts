import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { DeveloperAccountRow } from '#facade/facade-store';
import type { NavLink } from '../web/layout.js';
import type { ScreensDeps } from '../web/screens-deps.js';
import { ServerSession } from '../web/server-session.js';

/** Who is signed in to which portal (each portal has its own cookie and sessions; none is shared with oidc-provider). */
export interface PortalSessions {
  developer: ServerSession;
  admin: ServerSession;
  patient: ServerSession;
  simulator: ServerSession;
}

const HOUR = 60 * 60 * 1000;

/** The portals' server-side sessions (idle timeout PORTAL_SESSION_IDLE_MINUTES; absolute lifetime per portal). */
export function portalSessions(deps: ScreensDeps): PortalSessions {
  const secure = deps.config.auth.secureCookies;
  const idleMs = deps.config.auth.portalSessionIdleMs;
  const session = (cookie: string, portal: string, absoluteMs: number) =>
    new ServerSession(cookie, portal, deps.store, secure, { idleMs: Math.min(idleMs, absoluteMs), absoluteMs }, deps.now);
  return {
    developer: session('mof_dev', 'connect', 8 * HOUR),
    admin: session('mof_admin', 'admin', HOUR),
    patient: session('mof_patient', 'patient', HOUR),
    simulator: session('mof_ehr', 'ehr', 8 * HOUR),
  };
}

/** The credential stamp of a developer account (its password hash): a password change ends its sessions. */
export function developerStamp(dev: DeveloperAccountRow): string {
  return createHash('sha256').update(dev.passwordHash ?? '').digest('hex');
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
