/**
 * Per-app and per-practice request rates and concurrency caps of the FHIR API, on rate-limiter-flexible.
 *
 * Single instance: the library's in-memory limiter, counted synchronously. With Redis (several instances, or bullmq
 * workers) the counts are shared exactly through {@link RedisCounts}: one Lua script per admission counts all of a
 * request's keys, one per release gives its slots back (the library's RateLimiterRedis sent one call per key: six
 * per request). When Redis fails (not connected, an error, a command timeout) a request is counted in memory, as the
 * library's `insuranceLimiter` did, so a Redis outage never fails a read or a search (each instance then counts on
 * its own until Redis is back).
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
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitDefaults, RequestLimits } from '#facade/config';
import { RedisCounts } from './redis-counts.js';
import { concurrencyLimited, once, rateLimited } from './limit-refusals.js';

/** Seconds a concurrency key lives after its first use (longer than any request). */
export const CONCURRENCY_TTL_S = 300;
const RATE_WINDOW_S = 60;
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

/** In-memory counts; their keys (`<prefix>:<kind>:<key>`) are also the Redis keys. */
function limiter(kind: string, duration: number, o: RequestLimiterOptions): RateLimiterAbstract {
  return new RateLimiterMemory({ points: UNBOUNDED, duration, keyPrefix: `${o.keyPrefix ?? 'facade:limits'}:${kind}` });
}

/** Adds `points` to a key and answers the count, synchronously. */
type SyncCount = (storeKey: string, points: number) => RateLimiterRes;

/**
 * The library's in-memory store, counted without a promise. `RateLimiterMemory.consume` / `reward` do exactly this
 * increment inside a promise executor (with unbounded points and no block duration nothing else applies), so the
 * counts are the library's own. Undefined if a later version of the library hides the store
 * (then the public asynchronous API counts; `request-limiter.spec.ts` notices the change).
 */
function syncCountOf(l: RateLimiterAbstract): SyncCount | undefined {
  const store = (l as unknown as { _memoryStorage?: { incrby?: (key: string, value: number, durationSec: number) => RateLimiterRes } })._memoryStorage;
  if (!(l instanceof RateLimiterMemory) || typeof store?.incrby !== 'function') return undefined;
  const duration = l.duration;
  return (storeKey, points) => store.incrby!(storeKey, points, duration);
}

/** The counted keys of one caller, computed once per subject: the app's first, then each practice's. */
interface SubjectKeys {
  keys: string[];
  /** The same keys as the library stores them (with its prefix): the in-memory and the Redis keys. */
  rateKeys: string[];
  concKeys: string[];
}

const isPromise = <T>(v: T | Promise<T>): v is Promise<T> => typeof (v as { then?: unknown } | undefined)?.then === 'function';

export class RequestLimiter {
  private readonly rate: RateLimiterAbstract;
  private readonly concurrency: RateLimiterAbstract;
  private readonly syncRate: SyncCount | undefined;
  private readonly syncConcurrency: SyncCount | undefined;
  private readonly shared: RedisCounts | undefined;
  /** Keys per subject object (the guard hands the same subject for every request of a cached token). */
  private readonly subjects = new WeakMap<LimitSubject, SubjectKeys>();

  constructor(private readonly options: RequestLimiterOptions) {
    this.rate = limiter('rate', RATE_WINDOW_S, options);
    this.concurrency = limiter('conc', CONCURRENCY_TTL_S, options);
    this.syncRate = syncCountOf(this.rate);
    this.syncConcurrency = syncCountOf(this.concurrency);
    this.shared = options.redis ? new RedisCounts(options.redis, RATE_WINDOW_S, CONCURRENCY_TTL_S) : undefined;
  }

  /** The limits of a request's i-th key: the app's (i = 0), else its practice's. */
  private limitAt(i: number, app: RequestLimits): RequestLimits {
    return i === 0 ? app : this.options.defaults.practice;
  }

  get enabled(): boolean {
    return this.options.defaults.enabled;
  }

  private keysOf(subject: LimitSubject): SubjectKeys {
    let k = this.subjects.get(subject);
    if (k) return k;
    const practices = subject.practice !== undefined ? [subject.practice] : subject.practices;
    const keys = [`a:${subject.clientId}:${subject.practice ?? 'multi'}`, ...practices.map((p) => `p:${p}`)];
    const storeKey = (l: RateLimiterAbstract) => (key: string) => (l as unknown as { getKey(key: string): string }).getKey(key);
    k = { keys, rateKeys: keys.map(storeKey(this.rate)), concKeys: keys.map(storeKey(this.concurrency)) };
    this.subjects.set(subject, k);
    return k;
  }

  /** The app's limits at its practice: its own (cached, usually synchronous) over the defaults. */
  private appLimitsOf(subject: LimitSubject): RequestLimits | Promise<RequestLimits> {
    const d = this.options.defaults;
    if (subject.practice === undefined || !this.options.appLimits) return d.app;
    const merge = (own: Partial<RequestLimits> | undefined): RequestLimits =>
      own ? { perMinute: own.perMinute ?? d.app.perMinute, concurrent: own.concurrent ?? d.app.concurrent } : d.app;
    // The store is unreachable: the defaults apply (token checks fail closed on their own, see the verifier).
    try {
      const own = this.options.appLimits.limitsOf(subject.clientId, subject.practice);
      return isPromise(own) ? own.then(merge, () => d.app) : merge(own);
    } catch {
      return d.app;
    }
  }

  /**
   * Counts one request against its app and practices: synchronously with in-memory counts and cached app limits,
   * else with a promise (shared counts in Redis, or the app's limits being read).
   * @returns a release function to call when the request ends (frees its concurrency slots).
   * @throws FhirError 429 `throttled` with `Retry-After` when a rate or a concurrency cap is exceeded (thrown, or
   * the promise rejects with it).
   */
  admit(subject: LimitSubject): Release | Promise<Release> {
    const keys = this.keysOf(subject);
    const app = this.appLimitsOf(subject);
    if (this.shared) return this.admitShared(this.shared, keys, app);
    if (isPromise(app)) return app.then((a) => this.admitInMemory(keys, a));
    return this.admitInMemory(keys, app);
  }

  private admitInMemory(k: SubjectKeys, app: RequestLimits): Release | Promise<Release> {
    if (!this.syncRate || !this.syncConcurrency) return this.admitLater(k, app);
    return this.admitNow(k, app, this.syncRate, this.syncConcurrency);
  }

  /** Shared counts; in memory while Redis is not connected or when its answer fails (an outage never fails a read). */
  private async admitShared(shared: RedisCounts, k: SubjectKeys, appLimits: RequestLimits | Promise<RequestLimits>): Promise<Release> {
    const app = await appLimits;
    if (!shared.ready) return this.admitInMemory(k, app);
    const limits = (i: number) => this.limitAt(i, app);
    let answer;
    try {
      answer = await shared.admit(k.rateKeys, k.concKeys, k.keys.map((_, i) => limits(i).perMinute), k.keys.map((_, i) => limits(i).concurrent));
    } catch {
      return this.admitInMemory(k, app);
    }
    if (answer.over === 'rate') throw rateLimited(answer.index, limits(answer.index), answer.msBeforeNext);
    if (answer.over === 'concurrency') throw concurrencyLimited(answer.index, limits(answer.index));
    // A release that fails leaves the slots until their keys expire (CONCURRENCY_TTL_S), as with the library.
    return once(() => void shared.release(k.concKeys).catch(() => undefined));
  }

  private admitNow(k: SubjectKeys, app: RequestLimits, rate: SyncCount, concurrency: SyncCount): Release {
    const n = k.keys.length;
    let over = -1;
    let msBeforeNext = 0;
    for (let i = 0; i < n; i++) {
      const res = rate(k.rateKeys[i], 1);
      if (over < 0 && res.consumedPoints > this.limitAt(i, app).perMinute) {
        over = i;
        msBeforeNext = res.msBeforeNext;
      }
    }
    if (over >= 0) throw rateLimited(over, this.limitAt(over, app), msBeforeNext);
    // Every key takes its slot (and gives it back below when one is over), as the library's counts did.
    for (let i = 0; i < n; i++) {
      const running = concurrency(k.concKeys[i], 1).consumedPoints;
      if (over < 0 && running > this.limitAt(i, app).concurrent) over = i;
    }
    const release = once(() => {
      for (let i = 0; i < n; i++) concurrency(k.concKeys[i], -1);
    });
    if (over >= 0) {
      release();
      throw concurrencyLimited(over, this.limitAt(over, app));
    }
    return release;
  }

  /** In-memory counts through the library's public API (if its store were hidden). */
  private async admitLater(k: SubjectKeys, app: RequestLimits): Promise<Release> {
    const limits = (i: number) => this.limitAt(i, app);
    const rates = await Promise.all(k.keys.map((key) => this.count(this.rate, key)));
    for (let i = 0; i < k.keys.length; i++) {
      if (rates[i].consumedPoints > limits(i).perMinute) throw rateLimited(i, limits(i), rates[i].msBeforeNext);
    }
    const running = await Promise.all(k.keys.map((key) => this.count(this.concurrency, key)));
    const release = once(() => {
      for (const key of k.keys) void this.concurrency.reward(key, 1).catch(() => undefined);
    });
    const over = running.findIndex((r, i) => r.consumedPoints > limits(i).concurrent);
    if (over >= 0) {
      release();
      throw concurrencyLimited(over, limits(over));
    }
    return release;
  }

  /** Consumes a point; with unbounded points the in-memory library does not reject. */
  private async count(l: RateLimiterAbstract, key: string): Promise<RateLimiterRes> {
    try {
      return await l.consume(key, 1);
    } catch (e) {
      if (e instanceof RateLimiterRes) return e;
      // A counter must never fail a request: count it as admitted.
      return new RateLimiterRes(0, 0, 0);
    }
  }
}
