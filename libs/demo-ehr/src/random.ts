/**
 * Deterministic randomness for the demo generator: sfc32 seeded through splitmix32, so that the same seed (and
 * the same patient index) always yields the same sequence, on every machine and Node version.
 */

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A small, fast, seeded PRNG (sfc32) with the helpers the generator needs. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `streams` are mixed into the seed: `new Rng(seed, patientIndex)` gives each patient an independent stream. */
  constructor(seed: number, ...streams: number[]) {
    let mix = seed >>> 0;
    for (const s of streams) mix = splitmix32((mix ^ Math.imul(s + 1, 0x27d4eb2d)) >>> 0)();
    const sm = splitmix32(mix);
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Float in [min, max) rounded to `decimals`. */
  float(min: number, max: number, decimals = 1): number {
    const f = 10 ** decimals;
    return Math.round((min + this.next() * (max - min)) * f) / f;
  }

  /** Approximately normal (sum of uniforms), clamped to [min, max] when given. */
  normal(mean: number, sd: number, min = -Infinity, max = Infinity): number {
    const z = this.next() + this.next() + this.next() + this.next() - 2; // variance 1/3
    return Math.min(max, Math.max(min, mean + z * sd * 1.732));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }

  /** One element, by relative weights given as `[value, weight]` pairs. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of pairs) if ((r -= w) < 0) return v;
    return pairs[pairs.length - 1][0];
  }

  /** `count` distinct elements (or all of them) in random order. */
  sample<T>(list: readonly T[], count: number): T[] {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, Math.min(count, copy.length));
  }

  /** `n` decimal digits as text. */
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }

  /** `n` characters from [A-Z0-9]. */
  alnum(n: number): string {
    const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
    let s = '';
    for (let i = 0; i < n; i++) s += chars[this.int(0, chars.length - 1)];
    return s;
  }
}

/**
 * Forces every local code to occur: `pick(key, allowed)` returns the first allowed value not yet used under
 * `key` (in list order) and a random allowed value once all have occurred. The generator runs patients in
 * order, so the result stays deterministic; codes are forced only where the caller deems them coherent.
 * While disabled (demo and sparse charts) nothing is forced and nothing is recorded.
 */
export class Coverage {
  private readonly seen = new Map<string, Set<string>>();
  enabled = true;

  pick<T extends string>(rng: Rng, key: string, allowed: readonly T[]): T {
    const seen = this.seen.get(key) ?? new Set<string>();
    this.seen.set(key, seen);
    let value: T | undefined;
    if (this.enabled) value = allowed.find((v) => !seen.has(v));
    value ??= rng.pick(allowed);
    if (this.enabled) seen.add(value);
    return value;
  }

  /**
   * Rare codes: returns the first of `rare` not yet used under `key`, otherwise `fallback` (the caller's usual,
   * realistically distributed value). Either way the returned value is recorded as used.
   */
  pickOr<T extends string | null>(key: string, rare: readonly T[], fallback: T): T {
    const seen = this.seen.get(key) ?? new Set<string>();
    this.seen.set(key, seen);
    const forced = this.enabled ? rare.find((v) => !seen.has(String(v))) : undefined;
    const value = forced === undefined ? fallback : forced;
    if (this.enabled) seen.add(String(value));
    return value;
  }

  /** Marks a value as occurred without choosing it. */
  note(key: string, value: string): void {
    if (!this.enabled) return;
    const seen = this.seen.get(key) ?? new Set<string>();
    seen.add(value);
    this.seen.set(key, seen);
  }

  /** True until `value` has occurred under `key`. */
  missing(key: string, value: string): boolean {
    return this.enabled && !this.seen.get(key)?.has(value);
  }
}
