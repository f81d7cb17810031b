/**
 * The query plans of the PHI trail's reads on SQLite (the product's default store): every AuditEvent search is an
 * index search inside one practice, the retention purge finds its cut on the primary key, and the two indexes the
 * 1764800000000 migration dropped (`ix_phi_audit_recorded`, `ix_phi_audit_practice_subject`: written by every append)
 * would not be chosen for any of these queries if they were there: the plans are the same with them re-created.
 * The SQL is the repository's own (captured from the connection), not a copy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openFacadeStore, type FacadeStore } from '../facade-store.js';
import type { PhiAuditQuery } from './phi-audit.repository.js';
import type { PhiAuditFacts } from './phi-audit.rows.js';

type Stmt = { all(...p: unknown[]): Array<{ detail: string }> };
type Conn = { prepare(sql: string): Stmt & Record<string, unknown>; exec(sql: string): void };

function facts(i: number): PhiAuditFacts {
  return {
    base: 'fhir', interaction: 'read', action: 'R', resourceType: 'Patient', operation: null, queryParams: null, status: 200, outcome: 0,
    clientId: `app-${i % 5}`, subject: `user:${i % 40}`, fhirUser: i % 3 ? null : `Practitioner/${i % 40}`, tokenId: 'jti', contextPatient: null,
    practiceId: i % 4, patientId: String(i % 300), recordedUser: null, entities: `["Patient/${i % 300}"]`, sourceIp: '10.0.0.1', requestId: `r${i}`,
  };
}

const SEARCHES: Record<string, Omit<PhiAuditQuery, 'practiceId'>> = {
  practice: {},
  patient: { patientId: '5' },
  client: { clientId: 'app-1' },
  subject: { subject: 'user:5' },
  date: { from: 1_000_000, to: 1_001_000 },
  page: { patientId: '5', beforeSeq: 900 },
};

describe('PHI audit trail query plans on SQLite', () => {
  let dir: string;
  let store: FacadeStore;
  let conn: Conn;
  /** Each query's SQL and parameters, as the repository ran them. */
  const ran = new Map<string, Array<{ sql: string; params: unknown[] }>>();

  /** Runs `work`, recording the SELECTs of the trail's table it prepares. */
  async function capture(name: string, work: () => Promise<unknown>): Promise<void> {
    const log: Array<{ sql: string; params: unknown[] }> = [];
    const prepare = conn.prepare;
    conn.prepare = (sql: string) => {
      const stmt = prepare.call(conn, sql);
      if (!/^\s*SELECT/i.test(sql) || !sql.includes('phi_audit_events')) return stmt;
      for (const m of ['all', 'get', 'iterate']) {
        const original = stmt[m] as (...a: unknown[]) => unknown;
        stmt[m] = (...params: unknown[]) => {
          log.push({ sql, params: params.flat() });
          return original.apply(stmt, params);
        };
      }
      return stmt;
    };
    try {
      await work();
    } finally {
      conn.prepare = prepare;
    }
    ran.set(name, log);
  }

  const plans = () =>
    Object.fromEntries([...ran].map(([name, log]) => [name, log.map(({ sql, params }) => conn.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((r) => r.detail).join(' | '))]));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'phi-audit-plans-'));
    let clock = 1_000_000;
    store = await openFacadeStore({ kind: 'sqlite', path: join(dir, 'facade.sqlite') }, { now: () => (clock += 7) });
    for (let b = 0; b < 4; b++) await store.phiAudit.appendBatch(Array.from({ length: 500 }, (_, i) => facts(b * 500 + i)));
    conn = (store.dataSource.driver as unknown as { databaseConnection: Conn }).databaseConnection;
    for (const [name, q] of Object.entries(SEARCHES)) await capture(name, () => store.phiAudit.search({ practiceId: 1, ...q }));
    await capture('purge', () => store.phiAudit.purgeBefore(1_000_100));
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves every search from an index inside the practice, and the purge from the primary key', () => {
    const p = plans();
    for (const name of Object.keys(SEARCHES)) {
      expect(p[name]).toHaveLength(1);
      expect(p[name][0]).toMatch(/^SEARCH a USING INDEX ix_phi_audit_practice_\w+ \(practice_id=\?/);
    }
    expect(p.patient[0]).toContain('ix_phi_audit_practice_patient (practice_id=? AND patient_id=?)');
    expect(p.page[0]).toContain('ix_phi_audit_practice_patient (practice_id=? AND patient_id=? AND seq<?)');
    expect(p.client[0]).toContain('ix_phi_audit_practice_client (practice_id=? AND client_id=?)');
    expect(p.date[0]).toContain('ix_phi_audit_practice_recorded (practice_id=? AND recorded>? AND recorded<?)');
    expect(p.purge.find((d) => d.includes('recorded'))).toBeUndefined();
    expect(p.purge.join(' ')).toMatch(/USING (INDEX sqlite_autoindex_phi_audit_events_1|INTEGER PRIMARY KEY)/);
    expect(p.purge.join(' ')).not.toMatch(/SCAN phi_audit_events$/);
  });

  it('would not use the dropped indexes: the plans are the same with them re-created', () => {
    const without = plans();
    conn.exec('CREATE INDEX ix_phi_audit_recorded ON phi_audit_events (recorded)');
    conn.exec('CREATE INDEX ix_phi_audit_practice_subject ON phi_audit_events (practice_id, subject, seq)');
    try {
      expect(plans()).toEqual(without);
    } finally {
      conn.exec('DROP INDEX ix_phi_audit_recorded');
      conn.exec('DROP INDEX ix_phi_audit_practice_subject');
    }
  });

  it('the migrated table has only the indexes the queries use', () => {
    const names = (conn.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'phi_audit_events' ORDER BY name`).all() as unknown as Array<{ name: string }>).map((r) => r.name);
    expect(names).toEqual(['ix_phi_audit_practice_client', 'ix_phi_audit_practice_patient', 'ix_phi_audit_practice_recorded', 'sqlite_autoindex_phi_audit_events_1']);
  });
});
