import type { FacadeStore, SignInThrottleRow } from '#facade/facade-store';
import type { AccountService } from './account.service.js';
import type { AccountKind, AuthenticatedAccount } from './account.types.js';
import { normalizeLoginName, type RefusalReason } from './login-rules.js';

/** Throttling of failed sign-ins (AuthSettings.signIn; SIGNIN_* settings). */
export interface SignInPolicy {
  /** Failures per login name before it is locked (SIGNIN_MAX_FAILURES, default 5). */
  maxFailures: number;
  /** Failures per client address before it is locked (SIGNIN_IP_MAX_FAILURES, default 50). */
  ipMaxFailures: number;
  /** How long a lock lasts, and after how long without attempts a counter is forgotten (SIGNIN_LOCK_MINUTES, default 15). */
  lockMs: number;
  /** First back-off delay; doubles with every further failure (SIGNIN_BACKOFF_SECONDS, default 1; 0 = none). */
  backoffBaseMs: number;
}

/** Outcome of a throttled sign-in. `retryAfterSeconds` is for the `Retry-After` header. */
export type SignInResult =
  | { ok: true; account: AuthenticatedAccount }
  | { ok: false; throttled: false; reason: RefusalReason; accountRowId?: number }
  | { ok: false; throttled: true; retryAfterSeconds: number };

interface Counter {
  key: string;
  max: number;
}

/**
 * Sign-in with throttling kept in the facade store, never in the EHR's rows: per login name and per client address,
 * an exponential back-off from half the limit on, then a temporary lock. Every attempt is counted before the
 * password is checked (a success takes it back), so a burst of concurrent guesses on several instances gets at most
 * the limit checked. Throttling depends on the typed name only, never on whether the account exists.
 */
export class SignInService {
  constructor(
    private readonly accounts: AccountService,
    private readonly store: FacadeStore,
    private readonly policy: SignInPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Checks `loginName`/`password` for `kind` from `clientAddress`, throttled. */
  async signIn(kind: AccountKind, loginName: unknown, password: unknown, clientAddress: string | undefined): Promise<SignInResult> {
    const counters = this.countersFor(kind, loginName, clientAddress);
    const now = this.now();
    for (const c of counters) {
      const wait = this.waitMs(await this.store.signInThrottle.find(c.key), c.max, now);
      if (wait > 0) return throttled(wait);
    }
    const counted: [Counter, SignInThrottleRow][] = [];
    for (const c of counters) counted.push([c, await this.store.signInThrottle.countAttempt(c.key, now, now - this.policy.lockMs)]);
    for (const [c, row] of counted) {
      if (row.failures > c.max) {
        await this.store.signInThrottle.lock(c.key, now + this.policy.lockMs);
        return throttled(this.policy.lockMs);
      }
    }
    const outcome = await this.accounts.authenticate(kind, loginName, password);
    if (outcome.ok) {
      for (const [c] of counted) {
        if (c.key.startsWith('login:')) await this.store.signInThrottle.clear(c.key);
        else await this.store.signInThrottle.release(c.key);
      }
      await this.store.accountSignIns.record(outcome.account.accountId, this.now());
      return outcome;
    }
    for (const [c, row] of counted) {
      if (row.failures >= c.max) await this.store.signInThrottle.lock(c.key, now + this.policy.lockMs);
    }
    return { ...outcome, throttled: false };
  }

  private countersFor(kind: AccountKind, loginName: unknown, clientAddress: string | undefined): Counter[] {
    const counters: Counter[] = [];
    const login = normalizeLoginName(loginName, 60);
    if (login) counters.push({ key: `login:${kind}:${login.toLowerCase()}`, max: this.policy.maxFailures });
    if (clientAddress) counters.push({ key: `ip:${clientAddress.slice(0, 100)}`, max: this.policy.ipMaxFailures });
    return counters;
  }

  /** How long an attempt must wait under `row` (0 = may go ahead). */
  private waitMs(row: SignInThrottleRow | undefined, max: number, now: number): number {
    if (!row) return 0;
    if (row.lockedUntil !== null && row.lockedUntil > now) return row.lockedUntil - now;
    if (row.lastAttemptAt < now - this.policy.lockMs) return 0;
    const from = Math.ceil(max / 2);
    if (this.policy.backoffBaseMs <= 0 || row.failures < from) return 0;
    const delay = Math.min(this.policy.backoffBaseMs * 2 ** (row.failures - from), this.policy.lockMs);
    return Math.max(0, row.lastAttemptAt + delay - now);
  }
}

function throttled(ms: number): SignInResult {
  return { ok: false, throttled: true, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
}
