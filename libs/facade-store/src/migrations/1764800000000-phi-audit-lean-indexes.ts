import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Two indexes of `phi_audit_events` that no query uses: every append wrote them (issue 9, session 8: each index is
 * a B-tree written per event at a spread-out key, in the request's path on an in-memory store and in the fsync'd
 * WAL frames of a file store). `ix_phi_audit_recorded`: the retention purge finds its first kept row in seq order
 * (`MIN(seq) ... WHERE recorded >= ?`, the primary key, stopping at the first match: the rows it visits are the
 * rows it deletes). `ix_phi_audit_practice_subject`: the `agent` search by user reads `subject = ? OR fhir_user = ?`,
 * which one index on subject cannot serve (no index on fhir_user): the practice's rows are read through
 * `ix_phi_audit_practice_recorded` either way. phi-audit.query-plans.spec.ts checks the plans of the trail's queries.
 */
export class PhiAuditLeanIndexes1764800000000 implements MigrationInterface {
  name = 'PhiAuditLeanIndexes1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex('phi_audit_events', 'ix_phi_audit_recorded');
    await q.dropIndex('phi_audit_events', 'ix_phi_audit_practice_subject');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex('phi_audit_events', new TableIndex({ name: 'ix_phi_audit_practice_subject', columnNames: ['practice_id', 'subject', 'seq'] }));
    await q.createIndex('phi_audit_events', new TableIndex({ name: 'ix_phi_audit_recorded', columnNames: ['recorded'] }));
  }
}
