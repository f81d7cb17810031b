import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DbUrl, LegacyDbLimits } from '#facade/config';
import { legacyEntitySchemas, type LegacyDialect } from '../catalogue/entity-schemas.js';
import { withLegacyLimits } from './legacy-limits.js';

/** PostgreSQL type ids whose default parsers go through the process time zone: keep them as text. */
const PG_TEXT_TYPES = new Set([1082 /* date */, 1114 /* timestamp */, 1184 /* timestamptz */]);

/** Per-connection pg type parsers (never the global pg registry): DATE/TIMESTAMP stay text. */
export const pgWallClockTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (PG_TEXT_TYPES.has(oid)) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
};

/** The dialect of a configured database URL. */
export function dialectOf(url: DbUrl): LegacyDialect {
  return url.kind;
}

/**
 * Driver-level TypeORM options for a database URL, shared by the customer database and the facade store:
 * SQLite with a busy timeout (the EHR writes concurrently) and, for the facade's own store only, WAL journal mode
 * (`sqliteWal`: a persistent change of the file, so never applied to the customer's database, which keeps the
 * journal mode it has), PostgreSQL with wall-clock type parsers, SQL Server with `useUTC` (DATETIME arrives as a Date
 * whose UTC fields are the wall clock) and TLS.
 */
export function driverOptions(url: DbUrl, poolSize = 10, { sqliteWal = true }: { sqliteWal?: boolean } = {}): DataSourceOptions {
  switch (url.kind) {
    case 'sqlite':
      return {
        type: 'better-sqlite3',
        database: url.path,
        prepareDatabase: (db: { pragma(s: string): unknown }) => {
          if (sqliteWal) db.pragma('journal_mode = WAL');
          db.pragma('busy_timeout = 5000');
        },
      };
    case 'postgres':
      return { type: 'postgres', url: url.url, poolSize, extra: { types: pgWallClockTypes } };
    case 'mssql':
      return {
        type: 'mssql',
        host: url.host,
        port: url.port,
        username: url.user,
        password: url.password,
        database: url.database,
        pool: { max: poolSize },
        options: { useUTC: true, encrypt: true, trustServerCertificate: process.env.MSSQL_TRUST_SERVER_CERT === 'true' },
      };
  }
}

/**
 * TypeORM options for the customer database. Never synchronizes, never migrates: the schema is not ours. With
 * `limits`, statement timeouts and the pool bound of legacy-limits.ts (the FHIR API always passes them).
 */
export function legacyDataSourceOptions(url: DbUrl, poolSize = 10, limits?: LegacyDbLimits): DataSourceOptions {
  const options = { ...driverOptions(url, poolSize, { sqliteWal: false }), entities: legacyEntitySchemas(url.kind), synchronize: false, migrationsRun: false, logging: false } as DataSourceOptions;
  return limits ? withLegacyLimits(options, limits) : options;
}

/** Creates (does not initialize) the customer database's DataSource. */
export function createLegacyDataSource(url: DbUrl, poolSize?: number, limits?: LegacyDbLimits): DataSource {
  return new DataSource(legacyDataSourceOptions(url, limits?.poolMax ?? poolSize, limits));
}

/**
 * A DataSource whose metadata is built but which never connects: used to render SQL for an engine that does not
 * run here (SQL Server) and to check entity metadata. Uses TypeORM's protected `buildMetadatas()`.
 */
export async function metadataOnlyDataSource(dialect: LegacyDialect): Promise<DataSource> {
  const url: DbUrl =
    dialect === 'sqlite'
      ? { kind: 'sqlite', path: ':memory:' }
      : dialect === 'postgres'
        ? { kind: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none' }
        : { kind: 'mssql', url: 'mssql://sa:x@127.0.0.1:1/ehr', host: '127.0.0.1', port: 1, user: 'sa', password: 'x', database: 'ehr' };
  const ds = createLegacyDataSource(url);
  await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  return ds;
}
