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

/** Told once when a request's events are committed (no argument) or refused (the error). */
export type AuditCommitted = (error?: AuditUnavailableError) => void;

interface Pending<T> {
  events: readonly T[];
  done: AuditCommitted;
}

/** Calls one request's callback; a callback that throws does not stop the others (its error is rethrown apart). */
function settle(done: AuditCommitted, error: AuditUnavailableError | undefined): void {
  try {
    done(error);
  } catch (e) {
    process.nextTick(() => {
      throw e;
    });
  }
}

export class AuditOutbox<T> {
  private queue: Pending<T>[] = [];
  private queued = 0;
  /** Batches handed to the sink and not yet settled. */
  private inFlight = 0;
  private scheduled = false;
  /** Set while events are queued or in flight; resolved when both are none (close() waits on it). */
  private draining: { done: Promise<void>; resolve: () => void } | undefined;
  private closed = false;
  private readonly counters: AuditOutboxStats = { events: 0, batches: 0, requests: 0, failedBatches: 0, writeMs: 0, maxBatch: 0 };

  /**
   * `limits.inFlight` (default 1): how many batches the sink may hold at once. 1: the next batch is taken when the
   * previous one is committed. More (a sink that queues batches in order and merges those waiting into one
   * transaction: the SQLite append worker): each turn's batch waits in the sink while one commits, so the writer
   * never idles between two commits waiting for the server to hand it more.
   */
  constructor(
    private readonly sink: AuditSink<T>,
    private readonly limits: { maxBatch: number; maxQueued: number; inFlight?: number } = { maxBatch: 500, maxQueued: 20_000 },
    private readonly observer?: AuditBatchObserver,
  ) {}

  /** Queues one request's events; resolves when they are committed. */
  record(events: readonly T[]): Promise<void> {
    return new Promise<void>((resolve, reject) => this.submit(events, (e) => (e ? reject(e) : resolve())));
  }

  /**
   * {@link record} without a promise (the HTTP hook's path: one callback per request instead of a promise and its
   * reactions). `done` is called exactly once, never synchronously for accepted events: after their batch's commit
   * (no argument) or with the error that refused them; right away for no events, a closed or a full outbox.
   */
  submit(events: readonly T[], done: AuditCommitted): void {
    if (events.length === 0) return done();
    if (this.closed) return done(new AuditUnavailableError('the audit outbox is closed'));
    if (this.queued + events.length > this.limits.maxQueued) return done(new AuditUnavailableError('the audit outbox is full'));
    this.queue.push({ events, done });
    this.queued += events.length;
    if (!this.draining) {
      let resolve!: () => void;
      const idle = new Promise<void>((r) => (resolve = r));
      this.draining = { done: idle, resolve };
    }
    // Start on the next turn, so requests finishing in the same tick share the batch.
    if (!this.scheduled && this.inFlight < (this.limits.inFlight ?? 1)) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.pump();
      });
    }
  }

  /** Counters since start (events, batches, time in append transactions). */
  stats(): AuditOutboxStats {
    return { ...this.counters };
  }

  /** Stops taking events and waits until everything queued is written (or has failed). */
  async close(): Promise<void> {
    this.closed = true;
    while (this.draining) await this.draining.done;
  }

  /** Hands batches to the sink while some are queued and the sink may take more. */
  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < (this.limits.inFlight ?? 1)) {
      this.inFlight++;
      const next = (): void => {
        this.inFlight--;
        if (this.queue.length > 0) this.pump();
        else if (this.inFlight === 0 && this.draining) {
          this.draining.resolve();
          this.draining = undefined;
        }
      };
      void this.write(this.take()).then(next, next);
    }
  }

  /** One batch: appended, counted, its requests answered (never rejects). */
  private async write(batch: Pending<T>[]): Promise<void> {
    const events: T[] = [];
    for (const p of batch) for (const e of p.events) events.push(e);
    const size = events.length;
    this.queued -= size;
    const started = performance.now();
    let refused: AuditUnavailableError | undefined;
    try {
      await this.sink.append(events);
      this.counters.writeMs += performance.now() - started;
      this.counters.batches++;
      this.counters.events += size;
      this.counters.requests += batch.length;
      this.counters.maxBatch = Math.max(this.counters.maxBatch, size);
    } catch {
      this.counters.failedBatches++;
      refused = new AuditUnavailableError('the audit store did not accept the events');
    }
    this.observer?.batch(size, batch.length, started, refused === undefined);
    for (const p of batch) settle(p.done, refused);
  }

  /** The next batch: whole requests, at most `maxBatch` events (one request alone may exceed it). */
  private take(): Pending<T>[] {
    if (this.queued <= this.limits.maxBatch) {
      const all = this.queue;
      this.queue = [];
      return all;
    }
    let n = 0;
    let size = 0;
    while (n < this.queue.length && (n === 0 || size + this.queue[n].events.length <= this.limits.maxBatch)) size += this.queue[n++].events.length;
    return this.queue.splice(0, n);
  }
}
