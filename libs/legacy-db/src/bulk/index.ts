import type { DbUrl } from '#facade/config';
import type { LegacyBulkWriter } from './bulk-writer.js';
import { openPostgresBulkWriter } from './postgres-bulk-writer.js';
import { openSqliteBulkWriter } from './sqlite-bulk-writer.js';

export type { BulkRow, LegacyBulkWriter } from './bulk-writer.js';
export { openSqliteBulkWriter } from './sqlite-bulk-writer.js';
export { openPostgresBulkWriter } from './postgres-bulk-writer.js';

/** Opens the bulk writer for a NEW SQLite or PostgreSQL legacy database (the schema must already exist). */
export async function openLegacyBulkWriter(url: DbUrl): Promise<LegacyBulkWriter> {
  if (url.kind === 'sqlite') return openSqliteBulkWriter(url.path);
  if (url.kind === 'postgres') return openPostgresBulkWriter(url.url);
  throw new Error('Bulk loading is for the demo and test engines (SQLite, PostgreSQL), never a SQL Server customer database');
}
