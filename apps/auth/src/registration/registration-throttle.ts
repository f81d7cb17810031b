/** Most client IPs remembered at once (the oldest window is dropped beyond this). */
const MAX_TRACKED = 10_000;

/**
 * Registrations per client IP in a fixed window (one hour by default): `POST /reg` without a limit registered
 * 150 apps in 2 s. Kept in memory per instance, so N instances allow at most N times the limit; registrations
 * also need the initial access token (or a developer account), so this bounds a holder of one, not strangers.
 */
export class RegistrationThrottle {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limit: number, private readonly windowMs = 3_600_000, private readonly now: () => number = Date.now) {}

  /** Counts one registration for `ip`; returns undefined when allowed, else the seconds until the next one is. */
  take(ip: string): number | undefined {
    const t = this.now();
    let w = this.windows.get(ip);
    if (!w || t - w.start >= this.windowMs) {
      this.windows.delete(ip);
      w = { start: t, count: 0 };
      this.windows.set(ip, w);
      if (this.windows.size > MAX_TRACKED) this.windows.delete(this.windows.keys().next().value as string);
    }
    if (w.count >= this.limit) return Math.max(1, Math.ceil((w.start + this.windowMs - t) / 1000));
    w.count += 1;
    return undefined;
  }
}
