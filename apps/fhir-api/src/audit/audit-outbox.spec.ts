/**
 * The audit outbox: requests of one turn share a batch (group commit), a request's promise settles only after
 * its batch was stored, a failed batch fails exactly its requests, the queue is bounded, close() drains.
 */
import { describe, expect, it } from '@jest/globals';
import { AuditOutbox, AuditUnavailableError } from './audit-outbox.js';

class Sink {
  batches: number[][] = [];
  fail = false;
  gate: Promise<void> = Promise.resolve();
  async append(batch: readonly number[]): Promise<void> {
    await this.gate;
    if (this.fail) throw new Error('store down');
    this.batches.push([...batch]);
  }
}

describe('AuditOutbox', () => {
  it('commits the events of one turn in one batch and resolves each request after its commit', async () => {
    const sink = new Sink();
    let open!: () => void;
    sink.gate = new Promise((r) => (open = r));
    const outbox = new AuditOutbox<number>(sink);
    const settled: number[] = [];
    const requests = [[1, 2], [3], [4, 5, 6]].map((events, i) => outbox.record(events).then(() => settled.push(i)));
    await new Promise((r) => setImmediate(r));
    expect(settled).toEqual([]); // the commit has not happened: nobody is answered yet
    open();
    await Promise.all(requests);
    expect(sink.batches).toEqual([[1, 2, 3, 4, 5, 6]]);
    expect(outbox.stats()).toMatchObject({ events: 6, batches: 1, requests: 3, maxBatch: 6 });
  });

  it('groups the requests that arrive during a commit into the next batch, within maxBatch', async () => {
    const sink = new Sink();
    let open!: () => void;
    sink.gate = new Promise((r) => (open = r));
    const outbox = new AuditOutbox<number>(sink, { maxBatch: 3, maxQueued: 100 });
    const first = outbox.record([1]);
    await new Promise((r) => setImmediate(r));
    const later = [outbox.record([2, 3]), outbox.record([4]), outbox.record([5, 6])];
    open();
    await Promise.all([first, ...later]);
    expect(sink.batches).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('fails only the requests of a refused batch, and refuses beyond the queue bound', async () => {
    const sink = new Sink();
    const outbox = new AuditOutbox<number>(sink, { maxBatch: 10, maxQueued: 4 });
    sink.fail = true;
    await expect(outbox.record([1])).rejects.toBeInstanceOf(AuditUnavailableError);
    sink.fail = false;
    await outbox.record([2]);
    expect(sink.batches).toEqual([[2]]);
    const held = [outbox.record([3, 4, 5])];
    await expect(outbox.record([6, 7])).rejects.toThrow(/full/);
    await Promise.all(held);
    expect(outbox.stats()).toMatchObject({ failedBatches: 1, events: 4 });
  });

  it('drains what is queued on close (SIGTERM) and takes nothing after', async () => {
    const sink = new Sink();
    let open!: () => void;
    sink.gate = new Promise((r) => (open = r));
    const outbox = new AuditOutbox<number>(sink);
    const pending = [outbox.record([1]), outbox.record([2])];
    const closing = outbox.close();
    setTimeout(open, 20);
    await closing;
    await Promise.all(pending);
    expect(sink.batches.flat()).toEqual([1, 2]);
    await expect(outbox.record([3])).rejects.toThrow(/closed/);
  });

  it('with inFlight 2 hands the next batch over while one commits, never a third, and answers in commit order', async () => {
    const held: Array<{ batch: number[]; commit: () => void }> = [];
    const sink = { append: (batch: readonly number[]) => new Promise<void>((commit) => held.push({ batch: [...batch], commit })) };
    const outbox = new AuditOutbox<number>(sink, { maxBatch: 100, maxQueued: 100, inFlight: 2 });
    const answered: number[] = [];
    const turn = () => new Promise((r) => setImmediate(r));
    outbox.submit([1], () => void answered.push(1));
    await turn();
    outbox.submit([2], () => void answered.push(2));
    await turn();
    outbox.submit([3], () => void answered.push(3));
    outbox.submit([4], () => void answered.push(4));
    await turn();
    expect(held.map((h) => h.batch)).toEqual([[1], [2]]); // two in the sink, [3, 4] wait
    expect(answered).toEqual([]);
    const closing = outbox.close();
    held[0].commit();
    await turn();
    expect(answered).toEqual([1]); // only the committed batch's request
    expect(held.map((h) => h.batch)).toEqual([[1], [2], [3, 4]]);
    held[1].commit();
    held[2].commit();
    await closing;
    expect(answered).toEqual([1, 2, 3, 4]);
    expect(outbox.stats()).toMatchObject({ events: 4, batches: 3, requests: 4 });
  });

  it('tells the observer (the audit writer metrics) of every batch: events, requests, outcome', async () => {
    const sink = new Sink();
    const seen: Array<[number, number, boolean]> = [];
    const outbox = new AuditOutbox<number>(sink, undefined, { batch: (events, requests, startedMs, ok) => void seen.push([events, requests, ok && startedMs <= performance.now()]) });
    await Promise.all([outbox.record([1, 2]), outbox.record([3])]);
    sink.fail = true;
    await expect(outbox.record([4])).rejects.toBeInstanceOf(AuditUnavailableError);
    expect(seen).toEqual([[3, 2, true], [1, 1, false]]);
  });

  it('submit (the hook\'s callback path) answers each request once, only after its commit', async () => {
    const sink = new Sink();
    let open!: () => void;
    sink.gate = new Promise((r) => (open = r));
    const outbox = new AuditOutbox<number>(sink, { maxBatch: 2, maxQueued: 100 });
    const calls: Array<[string, unknown]> = [];
    outbox.submit([1], (e) => void calls.push(['a', e]));
    outbox.submit([2], (e) => void calls.push(['b', e]));
    outbox.submit([3, 4], (e) => void calls.push(['c', e]));
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual([]); // queued, not committed: nobody answered
    open();
    await outbox.close();
    expect(sink.batches).toEqual([[1, 2], [3, 4]]);
    expect(calls).toEqual([['a', undefined], ['b', undefined], ['c', undefined]]);
    sink.fail = true;
    const refused: unknown[] = [];
    outbox.submit([5], (e) => void refused.push(e));
    expect(refused).toEqual([expect.any(AuditUnavailableError)]); // closed: refused at once
    const failing = new AuditOutbox<number>(sink);
    await new Promise<void>((resolve) => failing.submit([6], (e) => resolve(void refused.push(e))));
    expect(refused).toEqual([expect.any(AuditUnavailableError), expect.any(AuditUnavailableError)]);
    expect(failing.stats()).toMatchObject({ failedBatches: 1, requests: 0 });
  });
});
