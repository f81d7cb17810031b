import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOfDriver, portableTypes } from '../schema/column-types.js';

const INDEX = 'ix_grant_contexts_account';

/**
 * Adds `grant_contexts.account_id` (the account that consented, copied out of the JSON context) with an index on
 * (account_id, created_at), so a person's grants are read with one indexed query (the patient's "connected apps"
 * page) instead of scanning every app's grants. Existing rows are backfilled from their JSON context.
 */
export class GrantContextAccount1764200000000 implements MigrationInterface {
  name = 'GrantContextAccount1764200000000';

  async up(q: QueryRunner): Promise<void> {
    const t = portableTypes(dialectOfDriver(q.connection.options.type));
    await q.addColumn('grant_contexts', new TableColumn({ name: 'account_id', type: t.str, length: '100', isNullable: true }));
    await q.createIndex('grant_contexts', new TableIndex({ name: INDEX, columnNames: ['account_id', 'created_at'] }));
    // Plain SQL (not the entity schemas, which belong to the current code, not to this migration).
    const rows = (await q.query('SELECT grant_id, context FROM grant_contexts WHERE account_id IS NULL')) as { grant_id: string; context: string }[];
    for (const row of rows) {
      const accountId = accountIdOf(row.context);
      if (!accountId) continue;
      const [sql, params] = q.connection.driver.escapeQueryWithParameters('UPDATE grant_contexts SET account_id = :accountId WHERE grant_id = :grantId', { accountId, grantId: row.grant_id });
      await q.query(sql, params);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('grant_contexts', INDEX);
    await q.dropColumn('grant_contexts', 'account_id');
  }
}

/** The `accountId` of a stored context document, when it is a plausible account id. */
function accountIdOf(json: string): string | undefined {
  try {
    const id = (JSON.parse(json) as { accountId?: unknown }).accountId;
    return typeof id === 'string' && id.length <= 100 ? id : undefined;
  } catch {
    return undefined;
  }
}
