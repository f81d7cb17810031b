import { describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { facadeDataSourceOptions } from '../facade-store.js';
import { InitialFacadeStore1764150000000 } from './1764150000000-initial-facade-store.js';
import { PhiAuditTrail1764400000000 } from './1764400000000-phi-audit-trail.js';

/**
 * No SQL Server runs here: render the T-SQL the migration would execute through TypeORM's mssql query runner
 * (queries captured instead of sent), and check the parts that differ per engine.
 */
async function renderMssql(migration: { up(q: unknown): Promise<void> } = new InitialFacadeStore1764150000000()): Promise<string[]> {
  const ds = new DataSource(facadeDataSourceOptions({ kind: 'mssql', url: 'mssql://sa:x@127.0.0.1:1/facade', host: '127.0.0.1', port: 1, user: 'sa', password: 'x', database: 'facade' }));
  const runner = ds.createQueryRunner();
  const sql: string[] = [];
  (runner as unknown as { query: (q: string) => Promise<unknown> }).query = async (q: string) => {
    sql.push(q);
    return [];
  };
  await migration.up(runner);
  return sql;
}

describe('facade-store migration on SQL Server', () => {
  it('renders T-SQL with nvarchar(MAX) JSON columns, bigint epochs, identity keys and named indexes', async () => {
    const sql = await renderMssql();
    const clients = sql.find((q) => q.startsWith('CREATE TABLE "clients"')) as string;
    expect(clients).toContain('"redirect_uris" nvarchar(MAX) NOT NULL');
    expect(clients).toContain('"client_id" nvarchar(100) NOT NULL');
    expect(clients).toContain('"created_at" bigint NOT NULL');
    expect(clients).toMatch(/"backend_services" smallint NOT NULL CONSTRAINT "[^"]+" DEFAULT 0/);
    const approvals = sql.find((q) => q.startsWith('CREATE TABLE "practice_approvals"')) as string;
    expect(approvals).toContain('"id" int NOT NULL IDENTITY(1,1)');
    expect(approvals).toContain('CONSTRAINT "uq_practice_approvals_client_practice" UNIQUE ("client_id", "practice_id")');
    expect(sql).toContain('CREATE INDEX "ix_oidc_records_grant" ON "oidc_records" ("grant_id") ');
    expect(sql.filter((q) => q.startsWith('CREATE TABLE'))).toHaveLength(11);
    expect(sql.join('\n')).not.toMatch(/\btext\b|\bboolean\b|varchar\(255\) NOT NULL DEFAULT/);
  });

  it('renders the PHI audit trail tables: bigint seq key, nvarchar(MAX) entities, practice indexes, the genesis head row', async () => {
    const sql = await renderMssql(new PhiAuditTrail1764400000000());
    const events = sql.find((q) => q.startsWith('CREATE TABLE "phi_audit_events"')) as string;
    expect(events).toContain('"seq" bigint NOT NULL');
    expect(events).toMatch(/CONSTRAINT "[^"]+" PRIMARY KEY \("seq"\)/);
    expect(events).toContain('"entities" nvarchar(MAX) NOT NULL');
    expect(events).toContain('"hash" nvarchar(64) NOT NULL');
    expect(sql).toContain('CREATE INDEX "ix_phi_audit_practice_patient" ON "phi_audit_events" ("practice_id", "patient_id", "seq") ');
    expect(sql.find((q) => q.startsWith('INSERT INTO phi_audit_chain'))).toContain(`VALUES (1, 0, '${'0'.repeat(64)}', 0, '${'0'.repeat(64)}', 0)`);
    expect(sql.join('\n')).not.toMatch(/\btext\b|\bboolean\b/);
  });
});
