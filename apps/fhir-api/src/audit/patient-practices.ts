/**
 * The practice of each event of a `system/` token that reaches several practices (its `practices` claim): the
 * token names no single practice, so each event takes its patient's PATIENT.PRACTICE_ID, kept only when it is one
 * of the token's practices. Events without a patient keep none.
 *
 * Cost: a bounded patient -> practice cache in front of one statement per request with misses (a prepared
 * statement on SQLite, a once-built text elsewhere; no query builder). Staleness: a patient moved to another
 * practice keeps the old practice in the cache for at most `ttlMs` (default 60 s), and only for tokens that hold
 * both practices; the event, its patient and its resources are recorded either way. The cache holds numbers
 * only (no PHI): `maxEntries` pairs (default 50,000, ~5 MB), the oldest dropped first.
 */
import type { DataSource } from 'typeorm';
import type { PhiAuditFacts } from '#facade/facade-store';
import type { Caller } from '../service/request-auth.js';

interface Cached {
  practice: number | null;
  at: number;
}

type SqliteStatement = { all(...params: unknown[]): Array<{ PAT_ID: number; PRACTICE_ID: number }> };

export class PatientPractices {
  private readonly cache = new Map<string, Cached>();
  private sqliteStatement: SqliteStatement | undefined;
  private readonly texts = new Map<number, string>();
  /** Statements run (misses), for tests and the bench. */
  lookups = 0;

  constructor(
    private readonly legacy: DataSource,
    private readonly options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
  ) {}

  /** Fills `practiceId` of the events in place (no-op for tokens with one practice). */
  async assign(caller: Caller | undefined, events: PhiAuditFacts[]): Promise<void> {
    const practices = caller?.claims.practices;
    if (!practices || practices.length < 2 || caller?.claims.practice !== undefined) return;
    const now = (this.options.now ?? Date.now)();
    const ttl = this.options.ttlMs ?? 60_000;
    let missing: number[] | undefined;
    for (const e of events) {
      if (e.practiceId !== null || e.patientId === null) continue;
      const hit = this.cache.get(e.patientId);
      if (hit && now - hit.at < ttl) continue;
      const id = Number(e.patientId);
      if (Number.isSafeInteger(id) && !(missing ??= []).includes(id)) missing.push(id);
    }
    if (missing) await this.load(missing, now);
    for (const e of events) {
      if (e.practiceId !== null || e.patientId === null) continue;
      const p = this.cache.get(e.patientId)?.practice;
      if (p !== undefined && p !== null && practices.includes(p)) e.practiceId = p;
    }
  }

  private async load(ids: number[], now: number): Promise<void> {
    this.lookups++;
    const rows = await this.query(ids);
    const found = new Map(rows.map((r) => [String(r.PAT_ID), Number(r.PRACTICE_ID)]));
    for (const id of ids) this.remember(String(id), found.get(String(id)) ?? null, now);
  }

  private remember(patientId: string, practice: number | null, now: number): void {
    this.cache.delete(patientId);
    this.cache.set(patientId, { practice, at: now });
    const max = this.options.maxEntries ?? 50_000;
    if (this.cache.size > max) this.cache.delete(this.cache.keys().next().value as string);
  }

  private async query(ids: number[]): Promise<Array<{ PAT_ID: number; PRACTICE_ID: number }>> {
    if (this.legacy.options.type === 'better-sqlite3') {
      const db = (this.legacy.driver as unknown as { databaseConnection: { prepare(sql: string): SqliteStatement } }).databaseConnection;
      this.sqliteStatement ??= db.prepare('SELECT "PAT_ID", "PRACTICE_ID" FROM "PATIENT" WHERE "PAT_ID" IN (SELECT value FROM json_each(?))');
      return this.sqliteStatement.all(JSON.stringify(ids));
    }
    let sql = this.texts.get(ids.length);
    if (sql === undefined) {
      const ph = (k: number) => (this.legacy.options.type === 'mssql' ? `@${k}` : `$${k + 1}`);
      sql = `SELECT "PAT_ID", "PRACTICE_ID" FROM "PATIENT" WHERE "PAT_ID" IN (${ids.map((_, k) => ph(k)).join(', ')})`;
      if (this.texts.size < 64) this.texts.set(ids.length, sql);
    }
    return (await this.legacy.query(sql, ids)) as Array<{ PAT_ID: number; PRACTICE_ID: number }>;
  }
}
