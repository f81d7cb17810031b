import { describe, expect, it } from '@jest/globals';
import { isFhirError } from '#facade/fhir';
import { classifyLegacyError } from './legacy-faults.js';
import { StatementGate } from './statement-gate.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('StatementGate', () => {
  it('never runs more than maxStatements at once; the next waiter gets a freed slot first', async () => {
    const gate = new StatementGate({ maxStatements: 2, queueTimeoutMs: 5000 });
    const holds = [deferred(), deferred(), deferred()];
    const order: number[] = [];
    const runs = holds.map((h, i) => gate.run(async () => {
      order.push(i);
      await h.promise;
    }));
    await new Promise((r) => setImmediate(r));
    expect(gate.running).toBe(2);
    expect(gate.queued).toBe(1);
    expect(order).toEqual([0, 1]);
    holds[0].resolve();
    await runs[0];
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([0, 1, 2]);
    expect(gate.running).toBe(2);
    holds[1].resolve();
    holds[2].resolve();
    await Promise.all(runs);
    expect(gate.running).toBe(0);
  });

  it('answers 503 LEGACY_DB_BUSY with Retry-After when no slot frees within the queue time', async () => {
    const gate = new StatementGate({ maxStatements: 1, queueTimeoutMs: 50 });
    const hold = deferred();
    const first = gate.run(() => hold.promise);
    const second = gate.run(async () => 'never');
    await expect(second).rejects.toMatchObject({ status: 503, messageCode: 'LEGACY_DB_BUSY', headers: { 'Retry-After': '1' } });
    expect(gate.queued).toBe(0);
    hold.resolve();
    await first;
    expect(gate.running).toBe(0);
  });

  it('maps a cancelled statement to 504 and an outage to 503, opens the breaker briefly, and passes other errors through', async () => {
    let now = 1000;
    const gate = new StatementGate({ maxStatements: 4, queueTimeoutMs: 0, openMs: 500, now: () => now });
    await expect(gate.run(() => Promise.reject(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })))).rejects.toMatchObject({ status: 504 });
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    await expect(gate.run(() => Promise.reject(unique))).rejects.toBe(unique);
    await expect(gate.run(() => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })))).rejects.toMatchObject({ status: 503, headers: { 'Retry-After': '5' } });
    let ran = false;
    await expect(gate.run(async () => (ran = true))).rejects.toMatchObject({ status: 503 });
    expect(ran).toBe(false);
    now += 501;
    await expect(gate.run(async () => 'back')).resolves.toBe('back');
    expect(gate.unavailable).toBe(false);
  });

  it('errors it makes are OperationOutcomes without driver text', async () => {
    const gate = new StatementGate({ maxStatements: 1, queueTimeoutMs: 0 });
    const e = await gate.run(() => Promise.reject(Object.assign(new Error('Connection terminated unexpectedly at 10.0.0.5'), {}))).catch((x: unknown) => x);
    expect(isFhirError(e)).toBe(true);
    expect(JSON.stringify((e as { outcome: unknown }).outcome)).not.toContain('10.0.0.5');
  });
});

describe('classifyLegacyError', () => {
  it.each([
    ['pg statement_timeout', { code: '57014' }, 'timeout'],
    ['pg lock_timeout', { code: '55P03' }, 'timeout'],
    ['pg client query_timeout', { message: 'Query read timeout' }, 'timeout'],
    ['TypeORM QueryFailedError around pg', { name: 'QueryFailedError', driverError: { code: '57014' } }, 'timeout'],
    ['mssql requestTimeout', { name: 'RequestError', code: 'ETIMEOUT' }, 'timeout'],
    ['mssql lock request time out', { name: 'RequestError', number: 1222 }, 'timeout'],
    ['SQLite busy', { code: 'SQLITE_BUSY' }, 'timeout'],
    ['mssql connect timeout', { name: 'ConnectionError', code: 'ETIMEOUT' }, 'unavailable'],
    ['mssql socket', { name: 'ConnectionError', code: 'ESOCKET' }, 'unavailable'],
    ['pg terminated backend', { code: '57P01' }, 'unavailable'],
    ['pg cannot connect now', { code: '57P03' }, 'unavailable'],
    ['pg connection exception', { code: '08006' }, 'unavailable'],
    ['refused', { code: 'ECONNREFUSED' }, 'unavailable'],
    ['pool connect timeout', { message: 'timeout exceeded when trying to connect' }, 'unavailable'],
    ['tarn acquire timeout', { name: 'TimeoutError' }, 'unavailable'],
    ['unique violation', { code: '23505' }, null],
    ['syntax error', { code: '42601' }, null],
    ['plain error', new Error('boom'), null],
  ])('%s', (_name, error, expected) => {
    expect(classifyLegacyError(error)).toBe(expected);
  });
});
