/**
 * The practice of each event of a `system/` token that reaches several practices (its `practices` claim): the
 * token names no single practice, so each event takes its patient's PATIENT.PRACTICE_ID, kept only when it is one
 * of the token's practices. Events without a patient keep none.
 *
 * Cost: a bounded patient -> practice cache in front of one statement per request with misses (legacy-lookup.ts:
 * prepared on SQLite, a once-built text elsewhere; no query builder). Staleness: a patient moved to another
 * practice keeps the old practice in the cache for at most `ttlMs` (default 60 s), and only for tokens that hold
 * both practices; the event, its patient and its resources are recorded either way. The cache holds numbers
 * only (no PHI): `maxEntries` pairs (default 50,000, ~5 MB), the oldest dropped first.
 */
import type { DataSource } from 'typeorm';
import type { PhiAuditFacts } from '#facade/facade-store';
import type { Caller } from '../service/request-auth.js';
import { LegacyLookup, TtlCache } from './legacy-lookup.js';

type PracticeRow = { PAT_ID: number; PRACTICE_ID: number };

export class PatientPractices {
  private readonly cache: TtlCache<number | null>;
  private readonly lookup: LegacyLookup<PracticeRow>;
  /** Statements run (misses), for tests and the bench. */
  lookups = 0;

  constructor(
    legacy: DataSource,
    private readonly options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
  ) {
    this.cache = new TtlCache(options.ttlMs ?? 60_000, options.maxEntries ?? 50_000);
    this.lookup = new LegacyLookup(legacy, (n, ph) => `SELECT "PAT_ID", "PRACTICE_ID" FROM "PATIENT" WHERE "PAT_ID" IN (${Array.from({ length: n }, (_, k) => ph(k)).join(', ')})`);
  }

  /**
   * Fills `practiceId` of the events in place (no-op for tokens with one practice). Synchronous when every patient
   * is cached (the usual case: no promise per request); a promise only when the statement has to run.
   */
  assign(caller: Caller | undefined, events: PhiAuditFacts[]): Promise<void> | undefined {
    const practices = caller?.claims.practices;
    if (!practices || practices.length < 2 || caller?.claims.practice !== undefined) return undefined;
    const now = (this.options.now ?? Date.now)();
    let missing: number[] | undefined;
    for (const e of events) {
      if (e.practiceId !== null || e.patientId === null) continue;
      const hit = this.cache.get(e.patientId, now);
      // Cached: filled here (one look-up per event); the rest after the statement.
      if (hit) {
        if (hit.value !== null && practices.includes(hit.value)) e.practiceId = hit.value;
        continue;
      }
      const id = Number(e.patientId);
      if (Number.isSafeInteger(id) && !(missing ??= []).includes(id)) missing.push(id);
    }
    if (!missing) return undefined;
    return this.load(missing, now).then(() => this.fill(practices, events, now));
  }

  private fill(practices: readonly number[], events: PhiAuditFacts[], now: number): undefined {
    for (const e of events) {
      if (e.practiceId !== null || e.patientId === null) continue;
      const p = this.cache.get(e.patientId, now)?.value;
      if (p !== undefined && p !== null && practices.includes(p)) e.practiceId = p;
    }
    return undefined;
  }

  private async load(ids: number[], now: number): Promise<void> {
    this.lookups++;
    const rows = await this.lookup.run(ids);
    const found = new Map(rows.map((r) => [String(r.PAT_ID), Number(r.PRACTICE_ID)]));
    for (const id of ids) this.cache.set(String(id), found.get(String(id)) ?? null, now);
  }
}
