/**
 * Puts a {@link StatementGate} in front of a legacy DataSource. Every TypeORM query runner takes one slot of the
 * gate when it first connects or queries and gives it back when it is released: `ds.query` (the engine's
 * statements, `/readyz`) holds it for one statement, a write transaction for the whole transaction. A slot is
 * taken before a pool connection and returned with it, so slots and connections can never wait for each other,
 * and the EHR never sees more statements from us than slots. Timeouts and outages of the database become
 * OperationOutcome errors (legacy-faults.ts). One hook covers every path because `DataSource.query` and the write
 * executor both go through `createQueryRunner()`.
 *
 * SQLite is left alone: better-sqlite3 runs statements synchronously on the event loop (one at a time by
 * construction; the engine's SQLite path does not use query runners), and its busy timeout bounds lock waits.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import type { StatementGate } from './statement-gate.js';

const GUARDED = Symbol('legacy-statement-gate');

function guardRunner(runner: QueryRunner, gate: StatementGate): QueryRunner {
  let release: (() => void) | undefined;
  let entering: Promise<void> | undefined;
  const enter = async (): Promise<void> => {
    if (release) return;
    entering ??= gate.enter().then((r) => {
      release = r;
    });
    try {
      await entering;
    } finally {
      entering = undefined;
    }
  };
  const query = runner.query.bind(runner) as (...a: unknown[]) => Promise<unknown>;
  const connect = runner.connect.bind(runner);
  const done = runner.release.bind(runner);
  runner.query = (async (...a: unknown[]) => {
    await enter();
    try {
      const result = await query(...a);
      gate.succeeded();
      return result;
    } catch (e) {
      throw gate.fault(e);
    }
  }) as QueryRunner['query'];
  // An explicit connect (the write transactions) takes the slot for the whole transaction.
  runner.connect = async () => {
    await enter();
    try {
      return await connect();
    } catch (e) {
      throw gate.fault(e);
    }
  };
  runner.release = async () => {
    try {
      return await done();
    } finally {
      release?.();
      release = undefined;
    }
  };
  return runner;
}

/** Guards `ds` in place (idempotent) and returns it. */
export function guardLegacyDataSource(ds: DataSource, gate: StatementGate): DataSource {
  const marked = ds as DataSource & { [GUARDED]?: StatementGate };
  if (marked[GUARDED] || ds.options.type === 'better-sqlite3') return ds;
  marked[GUARDED] = gate;
  const create = ds.createQueryRunner.bind(ds);
  ds.createQueryRunner = (...args: Parameters<DataSource['createQueryRunner']>): QueryRunner => guardRunner(create(...args), gate);
  return ds;
}
