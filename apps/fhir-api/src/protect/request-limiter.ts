/**
 * Per-app and per-practice request rates and concurrency caps of the FHIR API, on rate-limiter-flexible.
 *
 * Why that library: its Redis limiter keeps each count in one atomic Lua-scripted increment with expiry, so several
 * instances behind a load balancer share the counts exactly; the same API has an in-memory limiter for a single
 * instance; and its `insuranceLimiter` falls back to an in-memory limiter when Redis fails, so a Redis outage never
 * fails a read or a search (each instance then counts on its own until Redis is back). It is widely used and
 * maintained, and has no dependencies.
 *
 * Limits differ per app and practice (the clinic sets them in `/admin`), so the limiters count with unbounded
 * points and the decision compares the count with the limit of that key:
 * - rate: requests in a fixed one-minute window per key (`a:<client>:<practice>` and `p:<practice>`);
 * - concurrency: a counter incremented when a request starts and decremented when it ends. Its keys expire
 *   {@link CONCURRENCY_TTL_S} after their first use, so slots held by an instance that crashed mid-request are
 *   given back; at that moment requests still running are forgotten too, which can briefly admit up to twice the
 *   cap (bounded, and only once per TTL).
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { FhirError } from '#facade/fhir';
import type { RateLimitDefaults, RequestLimits } from '#facade/config';

/** Seconds a concurrency key lives after its first use (longer than any request). */
export const CONCURRENCY_TTL_S = 300;
const UNBOUNDED = Number.MAX_SAFE_INTEGER;

/** Who a request counts against: the app (client id) at a practice, and each practice the token reaches. */
export interface LimitSubject {
  clientId: string;
  /** The practice of the token, or undefined for a multi-practice backend token. */
  practice: number | undefined;
  practices: number[];
}

/** Where an app's own limits at a practice come from (the facade store, cached); undefined = the defaults. */
export interface AppLimitSource {
  limitsOf(clientId: string, practice: number): Partial<RequestLimits> | undefined | Promise<Partial<RequestLimits> | undefined>;
}

/** Releases the concurrency slots a request took. Idempotent. */
export type Release = () => void;

export interface RequestLimiterOptions {
  defaults: RateLimitDefaults;
  /** Redis client for shared counts (with `enableOfflineQueue: false`); none = in-process counts. */
  redis?: Redis | null;
  /** Key prefix in Redis (several deployments, or test runs, on one Redis). */
  keyPrefix?: string;
  appLimits?: AppLimitSource;
}

function limiter(kind: string, duration: number, o: RequestLimiterOptions): RateLimiterAbstract {
  const keyPrefix = `${o.keyPrefix ?? 'facade:limits'}:${kind}`;
  const memory = new RateLimiterMemory({ points: UNBOUNDED, duration, keyPrefix });
  if (!o.redis) return memory;
  return new RateLimiterRedis({ storeClient: o.redis, points: UNBOUNDED, duration, keyPrefix, rejectIfRedisNotReady: true, insuranceLimiter: memory });
}

function throttled(messageCode: string, diagnostics: string, retryAfterS: number): FhirError {
  return FhirError.of(429, { code: 'throttled', messageCode, diagnostics }, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterS))) });
}

export class RequestLimiter {
  private readonly rate: RateLimiterAbstract;
  private readonly concurrency: RateLimiterAbstract;

  constructor(private readonly options: RequestLimiterOptions) {
    this.rate = limiter('rate', 60, options);
    this.concurrency = limiter('conc', CONCURRENCY_TTL_S, options);
  }

  get enabled(): boolean {
    return this.options.defaults.enabled;
  }

  /** The limits that apply to `subject`: key and limits per counted key. */
  private async keysOf(subject: LimitSubject): Promise<{ key: string; limits: RequestLimits; what: string }[]> {
    const d = this.options.defaults;
    const practices = subject.practice !== undefined ? [subject.practice] : subject.practices;
    let app = d.app;
    if (subject.practice !== undefined && this.options.appLimits) {
      try {
        const own = await this.options.appLimits.limitsOf(subject.clientId, subject.practice);
        if (own) app = { perMinute: own.perMinute ?? d.app.perMinute, concurrent: own.concurrent ?? d.app.concurrent };
      } catch {
        // The store is unreachable: the defaults apply (token checks fail closed on their own, see the verifier).
      }
    }
    return [
      { key: `a:${subject.clientId}:${subject.practice ?? 'multi'}`, limits: app, what: 'this app' },
      ...practices.map((p) => ({ key: `p:${p}`, limits: d.practice, what: 'this practice' })),
    ];
  }

  /**
   * Counts one request against its app and practices.
   * @returns a release function to call when the request ends (frees its concurrency slots).
   * @throws FhirError 429 `throttled` with `Retry-After` when a rate or a concurrency cap is exceeded.
   */
  async admit(subject: LimitSubject): Promise<Release> {
    const keys = await this.keysOf(subject);
    const rates = await Promise.all(keys.map((k) => this.count(this.rate, k.key)));
    for (let i = 0; i < keys.length; i++) {
      if (rates[i].consumedPoints > keys[i].limits.perMinute) {
        throw throttled('RATE_LIMITED', `Too many requests for ${keys[i].what} (${keys[i].limits.perMinute} per minute). Retry after the time in Retry-After.`, rates[i].msBeforeNext / 1000);
      }
    }
    const running = await Promise.all(keys.map((k) => this.count(this.concurrency, k.key)));
    const release = once(() => {
      for (const k of keys) void this.concurrency.reward(k.key, 1).catch(() => undefined);
    });
    const over = keys.findIndex((k, i) => running[i].consumedPoints > k.limits.concurrent);
    if (over >= 0) {
      release();
      throw throttled('CONCURRENCY_LIMITED', `Too many requests at once for ${keys[over].what} (${keys[over].limits.concurrent}). Retry shortly.`, 1);
    }
    return release;
  }

  /** Consumes a point; with unbounded points the library only rejects on a store error without insurance. */
  private async count(l: RateLimiterAbstract, key: string): Promise<RateLimiterRes> {
    try {
      return await l.consume(key, 1);
    } catch (e) {
      if (e instanceof RateLimiterRes) return e;
      // No insurance can fail here (memory), but a counter must never fail a request: count it as admitted.
      return new RateLimiterRes(0, 0, 0);
    }
  }
}

function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    f();
  };
}
