/**
 * The global cap on statements this process runs in the customer's database at once (a counting semaphore with
 * a bounded wait), plus a short circuit breaker: after the database was found unreachable, statements fail fast
 * (503 + Retry-After) for `openMs` instead of each waiting for a connect timeout; the first statement after that
 * tries again, and a success closes the breaker (recovery without a restart).
 */
import { classifyLegacyError, legacyBusyError, legacyFaultError } from './legacy-faults.js';

export interface StatementGateOptions {
  /** Statements at once, at most. */
  maxStatements: number;
  /** Longest wait for a slot before 503 (0 = do not wait). */
  queueTimeoutMs: number;
  /** How long the breaker stays open after an outage was seen. Default 1000 ms. */
  openMs?: number;
  now?: () => number;
}

interface Waiter {
  grant: () => void;
  timer: NodeJS.Timeout | undefined;
}

export class StatementGate {
  private active = 0;
  private readonly waiters: Waiter[] = [];
  private openUntil = 0;
  private readonly now: () => number;

  constructor(private readonly options: StatementGateOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Statements running now (for tests and metrics). */
  get running(): number {
    return this.active;
  }

  /** Statements waiting for a slot now. */
  get queued(): number {
    return this.waiters.length;
  }

  /** True while the breaker is open (the database was just found unreachable). */
  get unavailable(): boolean {
    return this.now() < this.openUntil;
  }

  /**
   * Takes a slot (503 at once while the breaker is open, or after the queue time); returns its release (idempotent).
   */
  async enter(): Promise<() => void> {
    if (this.unavailable) throw legacyFaultError('unavailable');
    await this.acquire();
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.release();
    };
  }

  /** A statement succeeded: the database is reachable (closes the breaker). */
  succeeded(): void {
    this.openUntil = 0;
  }

  /**
   * The error to throw for a failed statement: a timeout or an outage of the database becomes a FhirError
   * (504 / 503; an outage opens the breaker); any other error (constraint violation ...) is returned unchanged.
   */
  fault(e: unknown): unknown {
    const fault = classifyLegacyError(e);
    if (!fault) return e;
    if (fault === 'unavailable') this.openUntil = this.now() + (this.options.openMs ?? 1000);
    return legacyFaultError(fault);
  }

  /** Runs one statement inside a slot (see {@link enter} and {@link fault}). */
  async run<T>(statement: () => Promise<T>): Promise<T> {
    const release = await this.enter();
    try {
      const result = await statement();
      this.succeeded();
      return result;
    } catch (e) {
      throw this.fault(e);
    } finally {
      release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.options.maxStatements) {
      this.active++;
      return Promise.resolve();
    }
    if (this.options.queueTimeoutMs <= 0) return Promise.reject(legacyBusyError());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(legacyBusyError());
        }, this.options.queueTimeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  private release(): void {
    const next = this.waiters.shift();
    // The slot passes straight to the next waiter (`active` unchanged), so no newcomer can jump the queue.
    if (next) next.grant();
    else this.active--;
  }
}
