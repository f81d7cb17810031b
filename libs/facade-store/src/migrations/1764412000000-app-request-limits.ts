import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { dialectOfDriver, portableTypes } from '../schema/column-types.js';

/**
 * `app_request_limits`: the request rate and concurrency cap a practice sets for one app in the `/admin` portal
 * (issue 12). A null column, or no row, means the deployment default (FHIR_APP_RATE_PER_MINUTE, FHIR_APP_CONCURRENCY).
 */
export class AppRequestLimits1764412000000 implements MigrationInterface {
  name = 'AppRequestLimits1764412000000';

  async up(q: QueryRunner): Promise<void> {
    const t = portableTypes(dialectOfDriver(q.connection.options.type));
    const col = (name: string, type: string, nullable: boolean, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type, isNullable: nullable, ...extra });
    await q.createTable(new Table({
      name: 'app_request_limits',
      columns: [
        col('client_id', t.str, false, { length: '100', isPrimary: true }),
        col('practice_id', t.int, false, { isPrimary: true }),
        col('rate_per_minute', t.int, true),
        col('concurrent', t.int, true),
        col('updated_by', t.str, true, { length: '100' }),
        col('updated_at', t.bigint, false),
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('app_request_limits');
  }
}
