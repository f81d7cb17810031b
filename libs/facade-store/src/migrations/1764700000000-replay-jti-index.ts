import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * An index on `replay_records.jti`. oidc-provider looks client-assertion ids up by jti alone (`find` and
 * `insertReplay` of OidcRecordRepository), but the key is (issuer, jti): every token request of a backend
 * service scanned the whole table, which grows with every assertion until housekeeping removes the expired ones
 * (every 10 minutes): a cost that rose through the soak (session 5, better-sqlite3 on the event loop: 36,000 rows,
 * ten minutes of the soak's 60 tokens/s, cost 541 µs a look-up scanned, 4 µs with this index; two per token request).
 */
export class ReplayJtiIndex1764700000000 implements MigrationInterface {
  name = 'ReplayJtiIndex1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('replay_records', new TableIndex({ name: 'ix_replay_records_jti', columnNames: ['jti'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('replay_records', 'ix_replay_records_jti');
  }
}
