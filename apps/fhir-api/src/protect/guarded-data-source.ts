/**
 * Puts a {@link StatementGate} in front of a legacy DataSource: every statement sent through a TypeORM query
 * runner (`ds.query`, the engine's queries, the write transactions, the readiness probe) waits for a slot of the
 * gate and its timeouts and outages become OperationOutcome errors. One hook covers every path because
 * `DataSource.query` and the write executor both go through `createQueryRunner()`.
 *
 * SQLite is left alone: better-sqlite3 runs statements synchronously on the event loop (at most one at a time by
 * construction; the engine's SQLite path does not use query runners), and its busy timeout bounds lock waits.
 */
import type { DataSource, QueryRunner } from 'typeorm';
import type { StatementGate } from './statement-gate.js';

const GUARDED = Symbol('legacy-statement-gate');

/** Guards `ds` in place (idempotent) and returns it. */
export function guardLegacyDataSource(ds: DataSource, gate: StatementGate): DataSource {
  const marked = ds as DataSource & { [GUARDED]?: StatementGate };
  if (marked[GUARDED] || ds.options.type === 'better-sqlite3') return ds;
  marked[GUARDED] = gate;
  const create = ds.createQueryRunner.bind(ds);
  ds.createQueryRunner = (...args: Parameters<DataSource['createQueryRunner']>): QueryRunner => {
    const runner = create(...args);
    const query = runner.query.bind(runner) as (...a: unknown[]) => Promise<unknown>;
    runner.query = ((...a: unknown[]) => gate.run(() => query(...a))) as QueryRunner['query'];
    // An explicit connect (the write transactions) is classified too: an unreachable database is a 503.
    const connect = runner.connect.bind(runner);
    runner.connect = () => gate.run(connect);
    return runner;
  };
  return ds;
}
