import { Queue, Worker, type Job, type Processor, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { AppConfig } from '#facade/config';

/** Raised when a feature needs background jobs but no REDIS_URL is configured. */
export class JobsUnavailableError extends Error {
  constructor(feature: string) {
    super(`${feature} needs background jobs: set REDIS_URL (e.g. redis://127.0.0.1:6379) and restart.`);
    this.name = 'JobsUnavailableError';
  }
}

/**
 * Owns the Redis connections of the job system (bullmq). One instance per process; `close()` on shutdown.
 * Queue names are prefixed so several deployments can share one Redis.
 */
export class JobQueues {
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];

  constructor(private readonly redisUrl: string | null, private readonly prefix = 'fhir-facade') {}

  static fromConfig(config: Pick<AppConfig, 'redisUrl'>): JobQueues {
    return new JobQueues(config.redisUrl);
  }

  /** True when Redis is configured. */
  get available(): boolean {
    return this.redisUrl !== null;
  }

  private connection(forWorker: boolean): Redis {
    if (!this.redisUrl) throw new JobsUnavailableError('This feature');
    // Workers block on Redis: bullmq requires maxRetriesPerRequest null for them.
    const c = new Redis(this.redisUrl, { maxRetriesPerRequest: forWorker ? null : 3, lazyConnect: false });
    this.connections.push(c);
    return c;
  }

  /** The queue `name`; throws {@link JobsUnavailableError} naming `feature` when Redis is not configured. */
  queue<T = unknown>(name: string, feature = name): Queue<T> {
    if (!this.redisUrl) throw new JobsUnavailableError(feature);
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection(false), prefix: this.prefix });
      this.queues.set(name, q);
    }
    return q as unknown as Queue<T>;
  }

  /** Starts a worker for queue `name` (`options`: bullmq's stalled-job settings such as `lockDuration`). */
  work<T = unknown, R = unknown>(name: string, processor: Processor<T, R>, concurrency = 1, options: Partial<Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>> = {}): Worker<T, R> {
    if (!this.redisUrl) throw new JobsUnavailableError(name);
    const w = new Worker<T, R>(name, processor, { ...options, connection: this.connection(true), prefix: this.prefix, concurrency });
    this.workers.push(w as unknown as Worker);
    return w;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}

export type { Job };
