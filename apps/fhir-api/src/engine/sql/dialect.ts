import type { DataSource } from 'typeorm';
import type { SqlDialect } from './sql-fragment.js';

/** The SQL dialect of a TypeORM data source. */
export function dialectOfDataSource(ds: DataSource): SqlDialect {
  switch (ds.options.type) {
    case 'better-sqlite3':
      return 'sqlite';
    case 'postgres':
      return 'postgres';
    case 'mssql':
      return 'mssql';
    default:
      throw new Error(`Unsupported legacy database type ${ds.options.type}`);
  }
}
