import { afterEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { JobQueues, JobsUnavailableError } from './job-queues.js';

describe('background jobs on bullmq + Redis', () => {
  let queues: JobQueues | undefined;
  afterEach(async () => {
    await queues?.close();
  });

  it('says clearly which feature needs Redis when none is configured', () => {
    queues = new JobQueues(null);
    expect(queues.available).toBe(false);
    expect(() => queues!.queue('bulk-export', 'Bulk Data export')).toThrow(JobsUnavailableError);
    expect(() => queues!.queue('bulk-export', 'Bulk Data export')).toThrow(/Bulk Data export needs background jobs: set REDIS_URL/);
  });

  it('runs a job through a real Redis and returns its result', async () => {
    queues = new JobQueues(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', `test-${randomUUID()}`);
    const name = 'echo';
    const done = new Promise<unknown>((resolve, reject) => {
      const worker = queues!.work<{ n: number }, number>(name, async (job) => job.data.n * 2);
      worker.on('completed', (_job, result) => resolve(result));
      worker.on('failed', (_job, err) => reject(err));
    });
    await queues.queue<{ n: number }>(name).add('double', { n: 21 });
    await expect(done).resolves.toBe(42);
  });
});
