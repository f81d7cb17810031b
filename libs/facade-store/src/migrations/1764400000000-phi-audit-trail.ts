import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { dialectOfDriver, portableTypes } from '../schema/column-types.js';

/**
 * The PHI access trail (issue 12, IHE BALP-shaped AuditEvents): `phi_audit_events`, append-only and hash-chained,
 * and `phi_audit_chain`, the one row holding the chain's head (serialises appends) and the anchor the retention
 * purge leaves (the hash of the last purged row). The chain starts at the genesis hash (64 zeros).
 */
export class PhiAuditTrail1764400000000 implements MigrationInterface {
  name = 'PhiAuditTrail1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const t = portableTypes(dialectOfDriver(q.connection.options.type));
    const str = (name: string, length: number, nullable = true): TableColumnOptions => ({ name, type: t.str, length: String(length), isNullable: nullable });
    const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: t.int, isNullable: nullable });
    const big = (name: string, isPrimary = false): TableColumnOptions => ({ name, type: t.bigint, isNullable: false, isPrimary });
    await q.createTable(new Table({
      name: 'phi_audit_events',
      columns: [
        big('seq', true), big('recorded'), str('request_id', 100, false), str('base', 8, false), str('interaction', 20, false), str('action', 1, false),
        str('resource_type', 64), str('operation', 64), str('query_params', 1000), int('status'), int('outcome'),
        str('client_id', 100), str('subject', 200), str('fhir_user', 300), str('token_id', 255), str('context_patient', 64),
        int('practice_id', true), str('patient_id', 64), int('recorded_user', true), { name: 'entities', type: t.text, length: t.textLength, isNullable: false },
        str('source_ip', 64), str('prev_hash', 64, false), str('hash', 64, false),
      ],
      indices: [
        new TableIndex({ name: 'ix_phi_audit_practice_recorded', columnNames: ['practice_id', 'recorded'] }),
        new TableIndex({ name: 'ix_phi_audit_practice_patient', columnNames: ['practice_id', 'patient_id', 'seq'] }),
        new TableIndex({ name: 'ix_phi_audit_practice_client', columnNames: ['practice_id', 'client_id', 'seq'] }),
        new TableIndex({ name: 'ix_phi_audit_practice_subject', columnNames: ['practice_id', 'subject', 'seq'] }),
        new TableIndex({ name: 'ix_phi_audit_recorded', columnNames: ['recorded'] }),
      ],
    }));
    await q.createTable(new Table({
      name: 'phi_audit_chain',
      columns: [
        { name: 'id', type: t.int, isPrimary: true, isNullable: false }, big('last_seq'), str('last_hash', 64, false),
        big('anchor_seq'), str('anchor_hash', 64, false), big('updated_at'),
      ],
    }));
    const genesis = '0'.repeat(64);
    await q.query(`INSERT INTO phi_audit_chain (id, last_seq, last_hash, anchor_seq, anchor_hash, updated_at) VALUES (1, 0, '${genesis}', 0, '${genesis}', 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['phi_audit_chain', 'phi_audit_events']) await q.dropTable(name);
  }
}
