import { describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { facadeDataSourceOptions } from '../facade-store.js';
import { AppRequestLimits1764412000000 } from './1764412000000-app-request-limits.js';

/** No SQL Server runs here: the T-SQL of the app_request_limits migration, rendered by TypeORM's mssql query runner. */
describe('app_request_limits migration on SQL Server', () => {
  it('renders one table keyed by app and practice, with nullable limits', async () => {
    const ds = new DataSource(facadeDataSourceOptions({ kind: 'mssql', url: 'mssql://sa:x@127.0.0.1:1/facade', host: '127.0.0.1', port: 1, user: 'sa', password: 'x', database: 'facade' }));
    const runner = ds.createQueryRunner();
    const sql: string[] = [];
    (runner as unknown as { query: (q: string) => Promise<unknown> }).query = async (q: string) => {
      sql.push(q);
      return [];
    };
    await new AppRequestLimits1764412000000().up(runner);
    expect(sql).toHaveLength(1);
    expect(sql[0]).toContain('CREATE TABLE "app_request_limits"');
    expect(sql[0]).toContain('"client_id" nvarchar(100) NOT NULL');
    expect(sql[0]).toContain(`"rate_per_minute" int, `);
    expect(sql[0]).toContain(`"concurrent" int, `);
    expect(sql[0]).toContain('"updated_at" bigint NOT NULL');
    expect(sql[0]).toMatch(/PRIMARY KEY \("client_id", "practice_id"\)/);
  });
});
