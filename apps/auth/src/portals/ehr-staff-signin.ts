/**
 * Sign-in, sign-out and "who is signed in" for the portals that EHR staff use with their USERS account (the EHR
 * simulator, the License Management portal): one implementation of the form, CSRF, refusal audit and session
 * cookie, so the portals differ only in their texts and in which role they admit.
 */
import type { Request, Response } from 'express';
import type { AuthenticatedAccount } from '../accounts/account.types.js';
import { LOGIN_REFUSED_MESSAGE, signInPausedMessage } from '../accounts/login-rules.js';
import type { ServerSession } from '../web/server-session.js';
import type { ScreensDeps } from '../web/screens-deps.js';
import { renderPortalSignIn } from './portal-signin.view.js';
import { field, formOf, sendPage } from './portal-session.js';

/** What distinguishes one staff portal from another. */
export interface EhrStaffPortalOptions {
  /** Short name for audit records and CSRF bindings (`ehr`, `admin`). */
  name: string;
  /** The portal's root path (`/ehr-simulator`, `/admin`); the form posts to `<path>/signin`. */
  path: string;
  area: string;
  heading: string;
  intro: string;
  session: ServerSession;
  /** Only users of this ROLE_CODE may sign in (others get 403 with `roleRefusal`). */
  role?: { code: string; refusal: string };
}

/** One staff portal's sign-in handling. */
export class EhrStaffSignIn {
  constructor(private readonly deps: ScreensDeps, private readonly o: EhrStaffPortalOptions) {}

  /** The CSRF binding of a signed-in user's forms. */
  csrfSubject(user: AuthenticatedAccount): string {
    return `${this.o.name}:${user.userId}`;
  }

  /**
   * The signed-in user, re-read from USERS on every request: an inactive or locked user, or one whose password or
   * role changed since sign-in, is signed out everywhere.
   */
  async current(req: Request): Promise<AuthenticatedAccount | undefined> {
    const user = await this.o.session.current(req, (id) => this.deps.accounts.findEhrUser(Number(id)), (u) => u.credentialStamp);
    return user && (!this.o.role || user.roleCode === this.o.role.code) ? user : undefined;
  }

  /** The sign-in page. */
  page(req: Request, res: Response, status: number, error?: string, loginName?: string): void {
    sendPage(res, status, renderPortalSignIn({
      area: this.o.area, navPath: this.o.path, heading: this.o.heading, action: `${this.o.path}/signin`, intro: this.o.intro,
      csrf: this.deps.csrf.issue(req, res, `${this.o.name}:anon`), error, loginName,
    }));
  }

  /** `POST <path>/signin`: checks the form, the password and the role, then sets the session and goes home. */
  async signIn(req: Request, res: Response): Promise<void> {
    const form = formOf(req);
    const login = field(form, 'login', 60);
    if (!this.deps.csrf.verify(req, `${this.o.name}:anon`)) return this.page(req, res, 400, 'Your form expired. Please sign in again.', login);
    const outcome = await this.deps.signIn.signIn('ehr-user', form.login, form.password, req.ip);
    if (!outcome.ok && outcome.throttled) {
      await this.deps.store.audit.record('login.throttled', { detail: { portal: this.o.name } });
      res.setHeader('Retry-After', String(outcome.retryAfterSeconds));
      return this.page(req, res, 429, signInPausedMessage(outcome.retryAfterSeconds), login);
    }
    if (!outcome.ok) {
      await this.deps.store.audit.record('login.refused', { detail: { portal: this.o.name, reason: outcome.reason, row: outcome.accountRowId ?? null } });
      return this.page(req, res, 401, LOGIN_REFUSED_MESSAGE, login);
    }
    if (this.o.role && outcome.account.roleCode !== this.o.role.code) return this.page(req, res, 403, this.o.role.refusal, login);
    await this.o.session.start(req, res, String(outcome.account.userId), outcome.account.credentialStamp);
    res.redirect(303, this.o.path);
  }

  /** `POST <path>/signout` (CSRF-checked when signed in). */
  async signOut(req: Request, res: Response): Promise<void> {
    const s = await this.o.session.read(req);
    if (!s || !this.deps.csrf.verify(req, `${this.o.name}:${s.subject}`)) return res.redirect(303, this.o.path);
    await this.o.session.endEverywhere(res, s.subject);
    res.redirect(303, this.o.path);
  }
}
