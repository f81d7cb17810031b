/**
 * An app's own request limits at a practice, read from the facade store (set in `/admin`) and kept for
 * {@link APP_LIMITS_TTL_MS}, so a request costs no store round trip and a change reaches every instance within
 * that time. A failed read keeps the last known value (or the defaults): limits never fail a request.
 */
import type { RequestLimits } from '#facade/config';
import type { AppLimitRepository } from '#facade/facade-store';
import type { AppLimitSource } from './request-limiter.js';

export const APP_LIMITS_TTL_MS = 30_000;

interface Entry {
  limits: Partial<RequestLimits> | undefined;
  until: number;
  loading?: Promise<void>;
}

export class AppLimitCache implements AppLimitSource {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly repo: Pick<AppLimitRepository, 'find'>,
    private readonly ttlMs = APP_LIMITS_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached limits (synchronously when fresh); a stale entry is answered at once and refreshed behind. */
  limitsOf(clientId: string, practice: number): Partial<RequestLimits> | undefined | Promise<Partial<RequestLimits> | undefined> {
    const key = `${clientId}\u0000${practice}`;
    const entry = this.entries.get(key);
    if (entry && entry.until > this.now()) return entry.limits;
    if (entry) {
      entry.loading ??= this.load(key, clientId, practice, entry);
      return entry.limits;
    }
    const fresh: Entry = { limits: undefined, until: 0 };
    this.entries.set(key, fresh);
    fresh.loading = this.load(key, clientId, practice, fresh);
    return fresh.loading.then(() => fresh.limits);
  }

  private async load(key: string, clientId: string, practice: number, entry: Entry): Promise<void> {
    try {
      const row = await this.repo.find(clientId, practice);
      entry.limits = row ? { ...(row.ratePerMinute !== null ? { perMinute: row.ratePerMinute } : {}), ...(row.concurrent !== null ? { concurrent: row.concurrent } : {}) } : undefined;
      entry.until = this.now() + this.ttlMs;
    } catch {
      // Keep what we had; retry on a later request (in a second at the earliest).
      entry.until = this.now() + Math.min(1000, this.ttlMs);
    } finally {
      entry.loading = undefined;
      if (this.entries.size > 10_000) this.entries.delete(this.entries.keys().next().value!);
      else this.entries.set(key, entry);
    }
  }
}
