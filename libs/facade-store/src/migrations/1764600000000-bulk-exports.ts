import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { dialectOfDriver, portableTypes } from '../schema/column-types.js';

/**
 * Bulk Data `$export` jobs (the system of record; Redis only carries the work):
 * - `bulk_exports`: one row per kick-off (client, practice, request, status, progress, transaction time, expiry);
 * - `bulk_export_chunks`: the planned work (type, source, primary-key range) and, once done, its files, so a
 *   crashed worker resumes from the last completed chunk.
 */
export class BulkExports1764600000000 implements MigrationInterface {
  name = 'BulkExports1764600000000';

  async up(q: QueryRunner): Promise<void> {
    const t = portableTypes(dialectOfDriver(q.connection.options.type));
    const str = (name: string, length: number, nullable = false, isPrimary = false): TableColumnOptions => ({ name, type: t.str, length: String(length), isNullable: nullable, isPrimary });
    const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: t.text, length: t.textLength, isNullable: nullable });
    const int = (name: string, nullable = false, isPrimary = false): TableColumnOptions => ({ name, type: t.int, isNullable: nullable, isPrimary });
    const ms = (name: string, nullable = false): TableColumnOptions => ({ name, type: t.bigint, isNullable: nullable });
    await q.createTable(new Table({
      name: 'bulk_exports',
      columns: [
        str('id', 64, false, true), str('client_id', 100), int('practice_id', true), str('level', 10), str('group_id', 64, true),
        text('request_url'), text('request'), text('caller'), str('status', 12), text('types'),
        int('chunks_total'), int('chunks_done'), ms('resources'), ms('bytes'), text('error', true),
        ms('transaction_time'), ms('created_at'), ms('updated_at'), ms('completed_at', true), ms('expires_at', true), ms('last_polled_at', true),
      ],
      indices: [
        new TableIndex({ name: 'ix_bulk_exports_client', columnNames: ['client_id', 'status'] }),
        new TableIndex({ name: 'ix_bulk_exports_practice', columnNames: ['practice_id', 'created_at'] }),
        new TableIndex({ name: 'ix_bulk_exports_status', columnNames: ['status'] }),
      ],
    }));
    await q.createTable(new Table({
      name: 'bulk_export_chunks',
      columns: [
        str('export_id', 64, false, true), int('chunk_no', false, true), str('type', 64), str('source_key', 64), ms('key_from'), ms('key_to'),
        str('status', 12), text('files', true), ms('resources'), ms('bytes'), ms('completed_at', true),
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['bulk_export_chunks', 'bulk_exports']) await q.dropTable(name);
  }
}
