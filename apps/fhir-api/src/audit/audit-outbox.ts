/**
 * The audit outbox: requests hand their events to an in-memory queue; one writer drains it in batches, each batch
 * ONE append transaction of the facade store (group commit). A request's answer waits for the commit of the batch
 * holding its events (audit-hook.ts, `onSend`), so:
 * - no lost events on a crash: an answer that left the server has its events committed (PostgreSQL / SQL Server
 *   commit, SQLite WAL with synchronous=FULL, fsync'd per commit); a crash before the commit loses the answer too,
 *   so nothing was disclosed unaudited;
 * - the write is off the hot path: no request runs its own INSERT; every request that arrives while a batch is
 *   being written joins the next one, so under load one transaction carries many requests' events and the added
 *   latency is at most about two batch commits;
 * - fail closed: when the store refuses the batch or the queue is full, the waiting answers become 503s.
 * `close()` (SIGTERM, app.close) drains what is queued.
 */

/** Where batches go (PhiAuditRepository.append). */
export interface AuditSink<T> {
  append(batch: readonly T[]): Promise<unknown>;
}

/** Told of every batch (the audit writer metrics: libs/observability audit-metrics.ts). */
export interface AuditBatchObserver {
  batch(events: number, requests: number, startedMs: number, ok: boolean): void;
}

/** Raised to the waiting request when its batch could not be stored (or the queue is full). */
export class AuditUnavailableError extends Error {}

/** Counters for the write-cost measurement (`stats()`). */
export interface AuditOutboxStats {
  events: number;
  batches: number;
  /** Requests (record calls) whose events were committed. */
  requests: number;
  failedBatches: number;
  /** Total milliseconds spent inside append transactions. */
  writeMs: number;
  /** Largest batch so far (events). */
  maxBatch: number;
}

interface Pending<T> {
  events: readonly T[];
  resolve: () => void;
  reject: (e: Error) => void;
}

export class AuditOutbox<T> {
  private queue: Pending<T>[] = [];
  private queued = 0;
  private draining: Promise<void> | undefined;
  private closed = false;
  private readonly counters: AuditOutboxStats = { events: 0, batches: 0, requests: 0, failedBatches: 0, writeMs: 0, maxBatch: 0 };

  constructor(
    private readonly sink: AuditSink<T>,
    private readonly limits: { maxBatch: number; maxQueued: number } = { maxBatch: 500, maxQueued: 20_000 },
    private readonly observer?: AuditBatchObserver,
  ) {}

  /** Queues one request's events; resolves when they are committed. */
  record(events: readonly T[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    if (this.closed) return Promise.reject(new AuditUnavailableError('the audit outbox is closed'));
    if (this.queued + events.length > this.limits.maxQueued) return Promise.reject(new AuditUnavailableError('the audit outbox is full'));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      this.queued += events.length;
      // Start on the next turn, so requests finishing in the same tick share the first batch.
      this.draining ??= new Promise<void>((done) => setImmediate(() => void this.drain().then(done)));
    });
  }

  /** Counters since start (events, batches, time in append transactions). */
  stats(): AuditOutboxStats {
    return { ...this.counters };
  }

  /** Stops taking events and waits until everything queued is written (or has failed). */
  async close(): Promise<void> {
    this.closed = true;
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch: Pending<T>[] = [];
        let size = 0;
        while (this.queue.length > 0 && (batch.length === 0 || size + this.queue[0].events.length <= this.limits.maxBatch)) {
          const next = this.queue.shift() as Pending<T>;
          batch.push(next);
          size += next.events.length;
        }
        this.queued -= size;
        const started = performance.now();
        try {
          await this.sink.append(batch.flatMap((p) => p.events));
          this.counters.writeMs += performance.now() - started;
          this.counters.batches++;
          this.counters.events += size;
          this.counters.requests += batch.length;
          this.counters.maxBatch = Math.max(this.counters.maxBatch, size);
          this.observer?.batch(size, batch.length, started, true);
          for (const p of batch) p.resolve();
        } catch {
          this.counters.failedBatches++;
          this.observer?.batch(size, batch.length, started, false);
          for (const p of batch) p.reject(new AuditUnavailableError('the audit store did not accept the events'));
        }
      }
    } finally {
      this.draining = undefined;
    }
  }
}
