import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { dialectOfDriver, portableTypes } from '../schema/column-types.js';

/**
 * The facade's own sign-in state, so that sign-in never writes the customer's account rows (see the legacy README,
 * "Logins"):
 * - `sign_in_throttle`: failed-attempt counters per login name and per client address (back-off and temporary lock);
 * - `account_sign_ins`: the last successful sign-in of an EHR user or portal account;
 * - `web_sessions`: server-side sessions of the portals (only a hash of the session id is stored).
 */
export class SignInState1764300000000 implements MigrationInterface {
  name = 'SignInState1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const t = portableTypes(dialectOfDriver(q.connection.options.type));
    const str = (name: string, length: number, nullable = false, isPrimary = false): TableColumnOptions => ({ name, type: t.str, length: String(length), isNullable: nullable, isPrimary });
    const int = (name: string): TableColumnOptions => ({ name, type: t.int, isNullable: false, default: 0 });
    const ms = (name: string, nullable = false): TableColumnOptions => ({ name, type: t.bigint, isNullable: nullable });
    await q.createTable(new Table({
      name: 'sign_in_throttle',
      columns: [str('throttle_key', 200, false, true), int('failures'), ms('last_attempt_at'), ms('locked_until', true)],
      indices: [new TableIndex({ name: 'ix_sign_in_throttle_last_attempt', columnNames: ['last_attempt_at'] })],
    }));
    await q.createTable(new Table({
      name: 'account_sign_ins',
      columns: [str('account_id', 100, false, true), ms('last_sign_in_at')],
    }));
    await q.createTable(new Table({
      name: 'web_sessions',
      columns: [
        str('id_hash', 64, false, true), str('portal', 20), str('subject', 100), str('fingerprint', 64), ms('created_at'), ms('last_seen_at'),
        ms('expires_at'),
      ],
      indices: [
        new TableIndex({ name: 'ix_web_sessions_subject', columnNames: ['portal', 'subject'] }),
        new TableIndex({ name: 'ix_web_sessions_expires', columnNames: ['expires_at'] }),
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['web_sessions', 'account_sign_ins', 'sign_in_throttle']) await q.dropTable(name);
  }
}
