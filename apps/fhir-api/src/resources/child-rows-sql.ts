/**
 * Quoting for the few registry conditions that look into a child table inside an `EXISTS` sub-query (the query
 * builder only quotes the source's own `alias.COLUMN` paths): legacy names are upper case, which PostgreSQL folds
 * unless quoted.
 */
import type { SqlDialect } from '../engine/sql/sql-fragment.js';

/** A quoted legacy table or column name (`[NAME]` on SQL Server, `"NAME"` elsewhere). */
export function quoteIdent(dialect: SqlDialect, name: string): string {
  if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new Error(`Not a legacy identifier: ${name}`);
  return dialect === 'mssql' ? `[${name}]` : `"${name}"`;
}

/** `TABLE.COLUMN` of a child table inside a sub-query, quoted. */
export function childColumn(dialect: SqlDialect, table: string, column: string): string {
  return `${quoteIdent(dialect, table)}.${quoteIdent(dialect, column)}`;
}
