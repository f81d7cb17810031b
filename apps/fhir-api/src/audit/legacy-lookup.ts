/**
 * The two pieces the audit's look-ups in the EHR share (a chart's practice, a Binary's patient): a bounded,
 * time-limited cache of numbers (no PHI), and one statement with positional parameters — prepared once on SQLite
 * (the raw better-sqlite3 connection, as the engine's SourceQueryRunner does), a text built once per parameter count
 * on PostgreSQL (`$n`) and SQL Server (`@n`).
 */
import type { DataSource } from 'typeorm';

/** Entries live `ttlMs`; beyond `maxEntries` the oldest written is dropped first. */
export class TtlCache<V> {
  private readonly map = new Map<string, { value: V; at: number }>();

  constructor(private readonly ttlMs: number, private readonly maxEntries: number) {}

  /** The value written less than `ttlMs` before `now`, else undefined. */
  get(key: string, now: number): { value: V } | undefined {
    const hit = this.map.get(key);
    return hit && now - hit.at < this.ttlMs ? hit : undefined;
  }

  set(key: string, value: V, now: number): void {
    this.map.delete(key);
    this.map.set(key, { value, at: now });
    if (this.map.size > this.maxEntries) this.map.delete(this.map.keys().next().value as string);
  }

  get size(): number {
    return this.map.size;
  }
}

type Prepared<R> = { all(...params: unknown[]): R[] };

/**
 * One look-up statement; `sql(n, ph)` builds its text for `n` parameters from the dialect's placeholder `ph(k)`
 * (0-based). Texts (and SQLite statements) are kept per parameter count, at most 64 of them.
 */
export class LegacyLookup<R> {
  private readonly prepared = new Map<number, Prepared<R>>();
  private readonly texts = new Map<number, string>();

  constructor(private readonly ds: DataSource, private readonly sql: (n: number, ph: (k: number) => string) => string) {}

  async run(params: unknown[]): Promise<R[]> {
    const n = params.length;
    if (this.ds.options.type === 'better-sqlite3') {
      let s = this.prepared.get(n);
      if (!s) {
        const db = (this.ds.driver as unknown as { databaseConnection: { prepare(sql: string): Prepared<R> } }).databaseConnection;
        s = db.prepare(this.sql(n, () => '?'));
        if (this.prepared.size < 64) this.prepared.set(n, s);
      }
      return s.all(...params);
    }
    let text = this.texts.get(n);
    if (text === undefined) {
      const mssql = this.ds.options.type === 'mssql';
      text = this.sql(n, (k) => (mssql ? `@${k}` : `$${k + 1}`));
      if (this.texts.size < 64) this.texts.set(n, text);
    }
    return (await this.ds.query(text, params)) as R[];
  }
}
