import { LessThan, type DataSource, type Repository } from 'typeorm';
import type { AccountSignInRow, SignInThrottleRow, WebSessionRow } from '../schema/rows.js';
import { putRow } from './put-row.js';

/**
 * Failed sign-in counters (per login name, per client address), shared by every instance through the store.
 * Counters change with single `UPDATE ... SET failures = failures + 1` statements, so concurrent attempts on
 * several instances never lose one.
 */
export class SignInThrottleRepository {
  private readonly repo: Repository<SignInThrottleRow>;
  constructor(ds: DataSource) {
    this.repo = ds.getRepository<SignInThrottleRow>('sign_in_throttle');
  }

  async find(throttleKey: string): Promise<SignInThrottleRow | undefined> {
    return (await this.repo.findOne({ where: { throttleKey } })) ?? undefined;
  }

  /**
   * Counts one attempt under `throttleKey` at `now` and returns the counter afterwards. A counter whose last attempt
   * is older than `staleBefore` (and that is not locked) starts again from zero.
   */
  async countAttempt(throttleKey: string, now: number, staleBefore: number): Promise<SignInThrottleRow> {
    try {
      await this.repo.insert({ throttleKey, failures: 0, lastAttemptAt: now, lockedUntil: null });
    } catch {
      // exists already (possibly inserted by a concurrent attempt)
    }
    await this.repo.createQueryBuilder().update().set({ failures: 0, lockedUntil: null })
      .where('throttle_key = :k AND last_attempt_at < :stale AND (locked_until IS NULL OR locked_until <= :now)', { k: throttleKey, stale: staleBefore, now })
      .execute();
    await this.repo.createQueryBuilder().update().set({ failures: () => 'failures + 1', lastAttemptAt: now })
      .where('throttle_key = :k', { k: throttleKey }).execute();
    return (await this.find(throttleKey)) as SignInThrottleRow;
  }

  /** Refuses attempts under `throttleKey` until `until` (never shortens an existing lock). */
  async lock(throttleKey: string, until: number): Promise<void> {
    await this.repo.createQueryBuilder().update().set({ lockedUntil: until })
      .where('throttle_key = :k AND (locked_until IS NULL OR locked_until < :until)', { k: throttleKey, until }).execute();
  }

  /** Takes back one counted attempt (a success from a shared address). */
  async release(throttleKey: string): Promise<void> {
    await this.repo.createQueryBuilder().update().set({ failures: () => 'failures - 1' })
      .where('throttle_key = :k AND failures > 0', { k: throttleKey }).execute();
  }

  /** Forgets a key (a successful sign-in resets its login counter). */
  async clear(throttleKey: string): Promise<void> {
    await this.repo.delete({ throttleKey });
  }

  /** Deletes counters whose last attempt is older than `before` and that are not locked any more. */
  async purge(before: number): Promise<number> {
    const res = await this.repo.createQueryBuilder().delete()
      .where('last_attempt_at < :before AND (locked_until IS NULL OR locked_until < :before)', { before }).execute();
    return res.affected ?? 0;
  }
}

/** Last successful sign-in per account (never written to the EHR's LAST_LOGIN_AT). */
export class AccountSignInRepository {
  private readonly repo: Repository<AccountSignInRow>;
  constructor(ds: DataSource) {
    this.repo = ds.getRepository<AccountSignInRow>('account_sign_ins');
  }

  async record(accountId: string, at: number): Promise<void> {
    await putRow(this.repo, { accountId }, { accountId, lastSignInAt: at });
  }

  async lastSignIn(accountId: string): Promise<number | undefined> {
    return (await this.repo.findOne({ where: { accountId } }))?.lastSignInAt;
  }
}

/** Server-side portal sessions, keyed by the SHA-256 of the cookie's session id. */
export class WebSessionRepository {
  private readonly repo: Repository<WebSessionRow>;
  constructor(ds: DataSource) {
    this.repo = ds.getRepository<WebSessionRow>('web_sessions');
  }

  async create(row: WebSessionRow): Promise<void> {
    await this.repo.insert(row);
  }

  async find(idHash: string): Promise<WebSessionRow | undefined> {
    return (await this.repo.findOne({ where: { idHash } })) ?? undefined;
  }

  async touch(idHash: string, at: number): Promise<void> {
    await this.repo.update({ idHash }, { lastSeenAt: at });
  }

  async delete(idHash: string): Promise<void> {
    await this.repo.delete({ idHash });
  }

  /** Ends every session of `subject` in `portal`; returns how many. */
  async deleteForSubject(portal: string, subject: string): Promise<number> {
    return (await this.repo.delete({ portal, subject })).affected ?? 0;
  }

  async countForSubject(portal: string, subject: string): Promise<number> {
    return this.repo.count({ where: { portal, subject } });
  }

  /** Deletes sessions past their absolute end. */
  async purgeExpired(now: number): Promise<number> {
    return (await this.repo.delete({ expiresAt: LessThan(now) })).affected ?? 0;
  }
}
