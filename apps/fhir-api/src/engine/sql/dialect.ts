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

/** What the engine may emit beyond the SQL every supported server version runs. */
export interface SqlCapabilities {
  /**
   * An ordered string aggregate in one statement (the children digests of engine/sql/child-digest.ts): SQLite
   * `group_concat(... ORDER BY ...)`, PostgreSQL `string_agg(... ORDER BY ...)`, SQL Server `STRING_AGG(...)
   * WITHIN GROUP (...)`, which SQL Server has only from 2017 (major version 14); the schema contract is 2016+.
   */
  orderedStringAgg: boolean;
}

const FULL: SqlCapabilities = Object.freeze({ orderedStringAgg: true });
/** SQL Server before the probe, or when it failed: the safe side (SQL Server 2016). */
const MSSQL_2016: SqlCapabilities = Object.freeze({ orderedStringAgg: false });

/** The statement asking SQL Server for its major version (13: 2016, 14: 2017, 15: 2019, 16: 2022). */
export const MSSQL_MAJOR_VERSION_SQL = `SELECT CAST(SERVERPROPERTY('ProductMajorVersion') AS INT) AS "major"`;

/** Capabilities of a SQL Server of a major version (undefined: unknown, the probe failed). */
export function mssqlCapabilities(major: number | undefined): SqlCapabilities {
  return typeof major === 'number' && Number.isInteger(major) && major >= 14 ? FULL : MSSQL_2016;
}

const learned = new WeakMap<DataSource, SqlCapabilities>();

/** The capabilities of a data source: SQL Server's as learned at connect ({@link learnSqlCapabilities}), else 2016's. */
export function sqlCapabilitiesOf(ds: DataSource): SqlCapabilities {
  if (ds.options.type !== 'mssql') return FULL;
  return learned.get(ds) ?? MSSQL_2016;
}

/** Sets the capabilities of a SQL Server data source (the connect probe; SQL snapshots of either version). */
export function setSqlCapabilities(ds: DataSource, capabilities: SqlCapabilities): void {
  learned.set(ds, capabilities);
}

/**
 * Learns a connected data source's capabilities once (before the engine compiles any statement): on SQL Server its
 * major version; a failed or odd answer keeps the 2016 capabilities (correct, slower).
 */
export async function learnSqlCapabilities(ds: DataSource): Promise<SqlCapabilities> {
  if (ds.options.type !== 'mssql') return FULL;
  let major: number | undefined;
  try {
    const rows = (await ds.query(MSSQL_MAJOR_VERSION_SQL)) as { major?: unknown }[];
    const v = rows?.[0]?.major;
    major = v === null || v === undefined ? undefined : Number(v);
  } catch {
    major = undefined;
  }
  const caps = mssqlCapabilities(major);
  setSqlCapabilities(ds, caps);
  return caps;
}
