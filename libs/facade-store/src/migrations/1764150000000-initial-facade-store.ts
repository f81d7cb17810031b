import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { dialectOfDriver, portableTypes } from '../schema/column-types.js';

/**
 * The first facade-store schema. Frozen: later changes go in new migration classes. Uses TypeORM's Table API
 * with per-engine type names only, so the same class runs on SQLite, PostgreSQL and SQL Server.
 */
export class InitialFacadeStore1764150000000 implements MigrationInterface {
  name = 'InitialFacadeStore1764150000000';

  async up(q: QueryRunner): Promise<void> {
    const t = portableTypes(dialectOfDriver(q.connection.options.type));
    const str = (name: string, length: number, nullable = false, isPrimary = false): TableColumnOptions => ({ name, type: t.str, length: String(length), isNullable: nullable, isPrimary });
    const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: t.text, length: t.textLength, isNullable: nullable });
    const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: t.int, isNullable: nullable });
    const ms = (name: string, nullable = false): TableColumnOptions => ({ name, type: t.bigint, isNullable: nullable });
    const flag = (name: string): TableColumnOptions => ({ name, type: t.flag, isNullable: false, default: 0 });
    const id = (): TableColumnOptions => ({ name: 'id', type: t.int, isPrimary: true, isGenerated: true, generationStrategy: 'increment' });

    await q.createTable(new Table({
      name: 'developer_accounts',
      columns: [str('id', 64, false, true), str('email', 200), str('display_name', 200), text('password_hash', true), ms('created_at')],
      uniques: [new TableUnique({ name: 'uq_developer_accounts_email', columnNames: ['email'] })],
    }));
    await q.createTable(new Table({
      name: 'clients',
      columns: [
        str('client_id', 100, false, true), str('name', 200), str('developer_account_id', 64, true), str('client_type', 20),
        str('auth_method', 40), text('secret_hash', true), text('redirect_uris'), text('launch_uri', true), text('jwks', true),
        text('jwks_uri', true), text('scope'), flag('backend_services'), text('allowed_origins'), text('metadata'),
        ms('created_at'), ms('updated_at'), ms('deleted_at', true),
      ],
      indices: [new TableIndex({ name: 'ix_clients_developer', columnNames: ['developer_account_id'] })],
    }));
    await q.createTable(new Table({
      name: 'practice_approvals',
      columns: [
        id(), str('client_id', 100), int('practice_id'), str('status', 16), int('access_token_ttl', true), int('refresh_token_ttl', true),
        str('decided_by', 100, true), ms('approved_at', true), ms('revoked_at', true),
      ],
      uniques: [new TableUnique({ name: 'uq_practice_approvals_client_practice', columnNames: ['client_id', 'practice_id'] })],
      indices: [new TableIndex({ name: 'ix_practice_approvals_practice', columnNames: ['practice_id'] })],
    }));
    await q.createTable(new Table({
      name: 'oidc_records',
      columns: [
        str('model', 40, false, true), str('id', 255, false, true), text('payload'), str('grant_id', 255, true), str('user_code', 255, true),
        str('uid', 255, true), ms('expires_at', true), ms('consumed_at', true),
      ],
      indices: [
        new TableIndex({ name: 'ix_oidc_records_grant', columnNames: ['grant_id'] }),
        new TableIndex({ name: 'ix_oidc_records_uid', columnNames: ['uid'] }),
        new TableIndex({ name: 'ix_oidc_records_user_code', columnNames: ['user_code'] }),
        new TableIndex({ name: 'ix_oidc_records_expires', columnNames: ['expires_at'] }),
      ],
    }));
    await q.createTable(new Table({
      name: 'signing_keys',
      columns: [str('kid', 100, false, true), str('alg', 10), text('public_jwk'), text('private_jwk'), flag('encrypted'), str('status', 16), ms('created_at'), ms('retired_at', true)],
    }));
    await q.createTable(new Table({
      name: 'launch_contexts',
      columns: [
        str('id', 100, false, true), str('client_id', 100, true), str('account_id', 40, true), int('practice_id'), int('patient_id', true),
        int('encounter_id', true), flag('need_patient_banner'), text('smart_style_url', true), text('audience'), ms('created_at'),
        ms('expires_at'), ms('consumed_at', true),
      ],
    }));
    await q.createTable(new Table({
      name: 'grant_contexts',
      columns: [str('grant_id', 255, false, true), str('client_id', 100, true), int('practice_id'), text('context'), ms('created_at')],
      indices: [new TableIndex({ name: 'ix_grant_contexts_client_practice', columnNames: ['client_id', 'practice_id'] })],
    }));
    await q.createTable(new Table({
      name: 'revocations',
      columns: [id(), str('kind', 16), str('value', 255), str('client_id', 100, true), int('practice_id', true), ms('revoked_at'), ms('expires_at', true)],
      indices: [
        new TableIndex({ name: 'ix_revocations_revoked_at', columnNames: ['revoked_at'] }),
        new TableIndex({ name: 'ix_revocations_kind_value', columnNames: ['kind', 'value'] }),
      ],
    }));
    await q.createTable(new Table({
      name: 'replay_records',
      columns: [str('issuer', 100, false, true), str('jti', 255, false, true), ms('expires_at')],
      indices: [new TableIndex({ name: 'ix_replay_records_expires', columnNames: ['expires_at'] })],
    }));
    await q.createTable(new Table({
      name: 'audit_events',
      columns: [id(), ms('at'), str('type', 60), str('actor', 100, true), str('client_id', 100, true), int('practice_id', true), text('detail', true)],
      indices: [new TableIndex({ name: 'ix_audit_events_at', columnNames: ['at'] })],
    }));
    await q.createTable(new Table({ name: 'settings', columns: [str('key', 100, false, true), text('value')] }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['settings', 'audit_events', 'replay_records', 'revocations', 'grant_contexts', 'launch_contexts', 'signing_keys',
      'oidc_records', 'practice_approvals', 'clients', 'developer_accounts']) {
      await q.dropTable(name);
    }
  }
}
