import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { FacadeStore } from '#facade/facade-store';
import { cookieOptions, readCookie } from './cookies.js';

/** Idle and absolute lifetime of a portal session. */
export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

/** Who a session belongs to, and the credential stamp it was granted on. */
export interface SessionHolder {
  subject: string;
  fingerprint: string;
}

const ID_RE = /^[A-Za-z0-9_-]{43}$/;
const TOUCH_EVERY_MS = 30_000;

function idHash(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/**
 * A server-side session of one portal, stored in the facade store (`web_sessions`, shared by every instance): the
 * cookie holds only a random id, the store its SHA-256. A new id is issued at every sign-in (the one the browser
 * presented is deleted: no session fixation); sign-out deletes every session of the person in that portal; a
 * session ends after `idleMs` without use or `absoluteMs` after sign-in, and when the credential stamp it was
 * granted on no longer matches (password or role changed: see {@link ServerSession.current}).
 */
export class ServerSession {
  constructor(
    private readonly cookie: string,
    private readonly portal: string,
    private readonly store: FacadeStore,
    private readonly secure: boolean,
    private readonly timeouts: SessionTimeouts,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a session for `subject` (after a successful sign-in), replacing any session the browser presented. */
  async start(req: Request, res: Response, subject: string, fingerprint: string): Promise<void> {
    const presented = this.presentedId(req);
    if (presented) await this.store.webSessions.delete(idHash(presented));
    const id = randomBytes(32).toString('base64url');
    const now = this.now();
    await this.store.webSessions.create({ idHash: idHash(id), portal: this.portal, subject, fingerprint, createdAt: now, lastSeenAt: now, expiresAt: now + this.timeouts.absoluteMs });
    res.cookie(this.cookie, id, cookieOptions(this.secure, this.timeouts.absoluteMs));
  }

  /** The live session of this request, or undefined (absent, unknown, idle too long or past its absolute end). */
  async read(req: Request): Promise<SessionHolder | undefined> {
    const id = this.presentedId(req);
    if (!id) return undefined;
    const hash = idHash(id);
    const row = await this.store.webSessions.find(hash);
    if (!row || row.portal !== this.portal) return undefined;
    const now = this.now();
    if (row.expiresAt <= now || row.lastSeenAt + this.timeouts.idleMs <= now) {
      await this.store.webSessions.delete(hash);
      return undefined;
    }
    if (now - row.lastSeenAt >= TOUCH_EVERY_MS) await this.store.webSessions.touch(hash, now);
    return { subject: row.subject, fingerprint: row.fingerprint };
  }

  /**
   * The session's account (`load(subject)`, re-read from its table) when its credential stamp still matches; otherwise every session of that subject in this portal ends and the answer is undefined.
   */
  async current<A>(req: Request, load: (subject: string) => Promise<A | undefined>, stampOf: (account: A) => string): Promise<A | undefined> {
    const s = await this.read(req);
    if (!s) return undefined;
    const account = await load(s.subject);
    if (account && stampOf(account) === s.fingerprint) return account;
    await this.store.webSessions.deleteForSubject(this.portal, s.subject);
    return undefined;
  }

  /** Signs `subject` out of this portal everywhere (every browser) and clears this browser's cookie. */
  async endEverywhere(res: Response, subject: string): Promise<void> {
    await this.store.webSessions.deleteForSubject(this.portal, subject);
    res.clearCookie(this.cookie, cookieOptions(this.secure));
  }

  private presentedId(req: Request): string | undefined {
    const id = readCookie(req, this.cookie);
    return id && ID_RE.test(id) ? id : undefined;
  }
}
