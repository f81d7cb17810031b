/**
 * No SQL Server runs here: the PHI audit append's T-SQL is captured through a manager whose `query` records instead
 * of sending, on a DataSource with the SQL Server options of the facade store (metadata built, never connected).
 * Checks the engine-specific parts: `@n` placeholders numbered across the row tuples, quoted column names, chunks
 * within SQL Server's 2,100-parameter limit, the head row locked by an UPDATE before it is read, the chain moved last.
 */
import { describe, expect, it } from '@jest/globals';
import { DataSource, type EntityManager } from 'typeorm';
import { facadeDataSourceOptions } from '../facade-store.js';
import type { PhiAuditFacts } from './phi-audit.rows.js';
import { PhiAuditWriter } from './phi-audit.writer.js';

const facts = (i: number): PhiAuditFacts => ({
  base: 'fhir', interaction: 'read', action: 'R', resourceType: 'Patient', operation: null, queryParams: null, status: 200, outcome: 0,
  clientId: 'app-1', subject: 'user:7', fhirUser: null, tokenId: 'jti-1', contextPatient: null, practiceId: 1, patientId: String(i), recordedUser: null,
  entities: JSON.stringify([`Patient/${i}`]), sourceIp: '10.0.0.1', requestId: `req-${i}`,
});

async function captureAppend(n: number): Promise<Array<{ sql: string; params: unknown[] }>> {
  const ds = new DataSource(facadeDataSourceOptions({ kind: 'mssql', url: 'mssql://sa:x@127.0.0.1:1/facade', host: '127.0.0.1', port: 1, user: 'sa', password: 'x', database: 'facade' }));
  await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  const sent: Array<{ sql: string; params: unknown[] }> = [];
  const manager = {
    query: async (sql: string, params: unknown[] = []) => {
      sent.push({ sql, params });
      return sql.startsWith('SELECT') ? [{ lastSeq: '41', lastHash: 'ab'.repeat(32) }] : [];
    },
  } as unknown as EntityManager;
  await new PhiAuditWriter(ds, () => 1_700_000_000_000).appendServer(manager, Array.from({ length: n }, (_, i) => facts(i)));
  return sent;
}

describe('PHI audit append on SQL Server (T-SQL captured)', () => {
  it('locks the head row, reads it, inserts the rows with @n placeholders in chunks under 2,100 parameters, moves the head', async () => {
    const sent = await captureAppend(200);
    expect(sent[0].sql).toBe('UPDATE phi_audit_chain SET updated_at = @0 WHERE id = 1');
    expect(sent[1].sql).toBe('SELECT last_seq AS "lastSeq", last_hash AS "lastHash" FROM phi_audit_chain WHERE id = 1');
    const inserts = sent.filter((s) => s.sql.startsWith('INSERT INTO phi_audit_events'));
    expect(inserts.map((s) => s.sql.split('), (').length)).toEqual([80, 80, 40]);
    for (const s of inserts) {
      expect(s.params.length).toBeLessThanOrEqual(2100);
      const placeholders = s.sql.match(/@\d+/g)!;
      expect(placeholders).toEqual(s.params.map((_, k) => `@${k}`));
      expect(s.sql).not.toMatch(/\$\d|\?/);
    }
    expect(inserts[0].sql).toMatch(/^INSERT INTO phi_audit_events \("[a-z_]+"(, "[a-z_]+")+\) VALUES \(@0, /);
    const move = sent[sent.length - 1];
    expect(move.sql).toBe('UPDATE phi_audit_chain SET last_seq = @0, last_hash = @1, updated_at = @2 WHERE id = 1');
    expect(move.params[0]).toBe(241);
  });

  it('continues the chain from the head it read (sequence numbers follow on)', async () => {
    const sent = await captureAppend(3);
    const insert = sent.find((s) => s.sql.startsWith('INSERT'))!;
    const cols = insert.sql.slice(insert.sql.indexOf('(') + 1, insert.sql.indexOf(')')).split(', ').map((c) => c.replace(/"/g, ''));
    const seqCol = cols.indexOf('seq');
    expect(seqCol).toBeGreaterThanOrEqual(0);
    expect([0, 1, 2].map((r) => Number(insert.params[r * cols.length + seqCol]))).toEqual([42, 43, 44]);
  });
});
