import { describe, expect, it } from '@jest/globals';
import type { DbUrl } from '#facade/config';
import { createLegacyDataSource, legacyDataSourceOptions } from './legacy-data-source.js';

/**
 * What each dialect's driver is given (no SQL Server runs here: the mssql options are pinned by this snapshot,
 * and TypeORM's SqlServerDriver passes `requestTimeout`, `connectionTimeout` and `pool` to mssql unchanged).
 */
const limits = { statementTimeoutMs: 8000, connectTimeoutMs: 3000, poolMax: 12, maxStatements: 12, queueTimeoutMs: 2000 };
const urls: Record<string, DbUrl> = {
  postgres: { kind: 'postgres', url: 'postgres://ehr@db.example:5432/ehr' },
  mssql: { kind: 'mssql', url: 'mssql://sa:x@db.example:1433/ehr', host: 'db.example', port: 1433, user: 'sa', password: 'x', database: 'ehr' },
};

function driverPart(o: Record<string, unknown>): Record<string, unknown> {
  const { entities: _e, ...rest } = o;
  const extra = rest.extra as Record<string, unknown> | undefined;
  return { ...rest, ...(extra ? { extra: { ...extra, types: extra.types ? '<wall-clock parsers>' : undefined } } : {}) };
}

describe('legacy database limits per dialect', () => {
  it.each(Object.keys(urls))('%s', (dialect) => {
    expect(driverPart(legacyDataSourceOptions(urls[dialect], 10, limits) as never)).toMatchSnapshot();
  });

  it('mssql: TypeORM hands the limits to mssql.ConnectionPool (tedious requestTimeout, tarn pool)', async () => {
    const ds = createLegacyDataSource(urls.mssql, 10, limits);
    const driver = ds.driver as unknown as { mssql: Record<string, unknown>; createPool(o: unknown, c: unknown): Promise<unknown> };
    let seen: Record<string, unknown> | undefined;
    driver.mssql = {
      ...driver.mssql,
      ConnectionPool: class {
        constructor(config: Record<string, unknown>) {
          seen = config;
        }
        on(): void {}
        connect(cb: (e: Error) => void): void {
          cb(new Error('no SQL Server here'));
        }
      },
    };
    await expect(driver.createPool(ds.options, ds.options)).rejects.toThrow('no SQL Server here');
    expect(seen).toMatchObject({ server: 'db.example', requestTimeout: 8000, connectionTimeout: 3000, pool: { max: 12, min: 0, acquireTimeoutMillis: 3000, idleTimeoutMillis: 30000 } });
  });

  it('SQLite: busy_timeout = the statement timeout, and no journal mode or other persistent PRAGMA', () => {
    const o = legacyDataSourceOptions({ kind: 'sqlite', path: '/tmp/x.sqlite' }, 10, limits) as { prepareDatabase: (db: unknown) => void };
    const pragmas: string[] = [];
    o.prepareDatabase({ pragma: (s: string) => pragmas.push(s) });
    expect(pragmas).toEqual(['busy_timeout = 5000', 'busy_timeout = 8000']);
  });

  it('without limits the options are as before (the auth app and tools)', () => {
    const o = legacyDataSourceOptions(urls.postgres) as { extra: Record<string, unknown> };
    expect(Object.keys(o.extra)).toEqual(['types']);
  });
});
