/** Bounds how many legacy statements the export processor runs at once (BULK_EXPORT_MAX_STATEMENTS). */
export class StatementLimiter {
  private active = 0;
  /** The most statements seen running at once (the bench reports it). */
  peak = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async run<T>(work: () => T | Promise<T>): Promise<T> {
    // A finished statement hands its slot straight to the next waiter, so `active` never exceeds `max`.
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
