/**
 * The request limiter's shared counts in Redis: one Lua script per admission and one per release.
 *
 * Why not rate-limiter-flexible's RateLimiterRedis (used until session 6): it counts one key per call, so each
 * request sent six scripted calls (rate app + practice, slot app + practice, the two releases), two round trips
 * before the request could proceed and ~140–230 µs of client CPU per request (bench/README.md, "limiter"). Its
 * `customIncrTtlLuaScript` replaces the script but keeps one key and fixed arguments per call, so it cannot count a
 * request's keys together. These scripts keep the library's counting exactly (the same keys, `SET key 0 EX ttl NX`
 * then `INCRBY`, the refused request counted too, a slot per key given back when one is over) and do in one call what
 * the request limiter did in two: rate keys first; the slots only when no rate is exceeded. The library's in-memory
 * limiter still counts for a single instance and when Redis fails (see request-limiter.ts).
 *
 * Keys of one request are in one script, so on a Redis Cluster they would need one hash slot (not supported: the
 * facade uses a single Redis).
 */
import type { Redis } from 'ioredis';

/**
 * KEYS: n rate keys, then n concurrency keys. ARGV: n, rate window s, concurrency TTL s, n rate limits, n caps.
 * Answers {0} admitted; {1, i, msBeforeNext} rate of key i exceeded (slots untouched); {2, i} cap of key i exceeded
 * (every slot taken was given back).
 */
const ADMIT = `
local function count(k, ttl)
  redis.call('set', k, 0, 'EX', ttl, 'NX')
  local c = redis.call('incr', k)
  local ms = redis.call('pttl', k)
  if ms == -1 then redis.call('expire', k, ttl); ms = 1000 * tonumber(ttl) end
  return c, ms
end
local n = tonumber(ARGV[1])
local over, wait = 0, 0
for i = 1, n do
  local c, ms = count(KEYS[i], ARGV[2])
  if over == 0 and c > tonumber(ARGV[3 + i]) then over, wait = i, ms end
end
if over > 0 then return {1, over, wait} end
for i = 1, n do
  local c = count(KEYS[n + i], ARGV[3])
  if over == 0 and c > tonumber(ARGV[3 + n + i]) then over = i end
end
if over > 0 then
  for i = 1, n do redis.call('decr', KEYS[n + i]) end
  return {2, over}
end
return {0}
`;

/** KEYS: the concurrency keys of a request. A key that expired meanwhile (crash recovery) is left absent, not -1. */
const RELEASE = `
for i = 1, #KEYS do
  if redis.call('exists', KEYS[i]) == 1 then redis.call('decr', KEYS[i]) end
end
return 0
`;

type AdmitCommand = (keys: number, ...keysAndArgs: (string | number)[]) => Promise<number[]>;
type ReleaseCommand = (keys: number, ...keys2: string[]) => Promise<number>;
interface LimiterCommands {
  facadeLimitAdmit: AdmitCommand;
  facadeLimitRelease: ReleaseCommand;
}

/** The outcome of one admission: admitted, or the first key (0 = the app's) whose rate or cap it exceeds. */
export type SharedAdmission = { over: 'none' } | { over: 'rate'; index: number; msBeforeNext: number } | { over: 'concurrency'; index: number };

export class RedisCounts {
  private readonly commands: LimiterCommands;

  constructor(
    private readonly redis: Redis,
    private readonly rateWindowS: number,
    private readonly concurrencyTtlS: number,
  ) {
    // defineCommand sends EVALSHA and loads the script on NOSCRIPT (a Redis restart); defining it twice is harmless.
    redis.defineCommand('facadeLimitAdmit', { lua: ADMIT });
    redis.defineCommand('facadeLimitRelease', { lua: RELEASE });
    this.commands = redis as unknown as LimiterCommands;
  }

  /** False while the connection is not up: the caller counts in memory without waiting (no offline queue). */
  get ready(): boolean {
    return this.redis.status === 'ready';
  }

  /** Counts a request against its rate keys and, if no rate is exceeded, takes a slot of each concurrency key. */
  async admit(rateKeys: readonly string[], concKeys: readonly string[], perMinute: readonly number[], concurrent: readonly number[]): Promise<SharedAdmission> {
    const n = rateKeys.length;
    const r = await this.commands.facadeLimitAdmit(2 * n, ...rateKeys, ...concKeys, n, this.rateWindowS, this.concurrencyTtlS, ...perMinute, ...concurrent);
    if (r[0] === 0) return { over: 'none' };
    if (r[0] === 1) return { over: 'rate', index: r[1] - 1, msBeforeNext: r[2] };
    return { over: 'concurrency', index: r[1] - 1 };
  }

  /** Gives back the slots of an admitted request. */
  release(concKeys: readonly string[]): Promise<number> {
    return this.commands.facadeLimitRelease(concKeys.length, ...concKeys);
  }
}
