/**
 * The PHI access trail in the facade store: append-only (append, read, verify; the retention purge is the one
 * deletion and leaves an anchor so the rest of the chain still verifies). No update path exists in code.
 *
 * Appends from several instances are serialised by the head row of `phi_audit_chain`: each append transaction
 * first takes that row (a row lock on PostgreSQL / SQL Server, `BEGIN IMMEDIATE`'s write lock on SQLite), then
 * reads the head, chains its rows onto it and moves the head (phi-audit.writer.ts). A SQLite file store appends in
 * a worker thread with its own connection (the fsync'd commit off the event loop); a statement of another
 * connection of the process that needs the write lock meanwhile waits for that commit (busy timeout), and the
 * worker never waits on the main thread, so they cannot deadlock. The purge stays in the thread, after the
 * appends this process handed to the worker before it.
 */
import { Brackets, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { ChainWalker, rowsOf, type ChainVerdict, type StoredBatch } from './phi-audit.chain.js';
import { PHI_AUDIT_CHAIN_TABLE, PHI_AUDIT_TABLE, PhiAuditWriter, type SqliteConnection } from './phi-audit.writer.js';
import type { PhiAuditChainRow, PhiAuditFacts, PhiAuditRow } from './phi-audit.rows.js';

export { PHI_AUDIT_CHAIN_TABLE, PHI_AUDIT_TABLE };

/** A trail search: always within one practice. */
export interface PhiAuditQuery {
  practiceId: number;
  patientId?: string;
  clientId?: string;
  subject?: string;
  /** Inclusive lower and exclusive upper bound of `recorded` (epoch ms). */
  from?: number;
  to?: number;
  /** Keyset paging, newest first: rows with a smaller seq than this. */
  beforeSeq?: number;
  /** At most this many rows (default 50, at most 1,000). */
  limit?: number;
}

export class PhiAuditRepository {
  private readonly rows: Repository<PhiAuditRow>;
  /** In-process queue of append/purge transactions (SQLite has one connection: no nested transactions). */
  private tail: Promise<unknown> = Promise.resolve();

  private readonly writer: PhiAuditWriter;

  constructor(private readonly ds: DataSource, private readonly now: () => number = Date.now) {
    this.rows = ds.getRepository<PhiAuditRow>(PHI_AUDIT_TABLE);
    this.writer = new PhiAuditWriter(ds, now);
  }

  /** Appends events in one transaction, chained onto the head (phi-audit.writer.ts); returns the stored rows. */
  async append(facts: readonly PhiAuditFacts[]): Promise<PhiAuditRow[]> {
    const stored = await this.appendBatch(facts);
    return stored ? rowsOf(facts, stored, stored.recorded) : [];
  }

  /** {@link append} returning only what was chained (seqs, hashes, time): the outbox's form, no row objects built. */
  async appendBatch(facts: readonly PhiAuditFacts[]): Promise<StoredBatch | undefined> {
    if (facts.length === 0) return undefined;
    const sqlite = this.writer.sqliteConnection();
    // The worker takes batches in order and commits them one transaction at a time: handed over at once, the next
    // batch waits in the worker while one commits (see appendInFlight).
    if (sqlite && this.writer.threaded()) return this.writer.appendSqlite(sqlite, facts);
    if (sqlite) return this.serial(async () => this.writer.appendSqlite(sqlite, facts));
    return this.serial(() => this.ds.transaction((m) => this.writer.appendServer(m, facts)));
  }

  /**
   * How many batches the outbox may hand over before the first is committed: 16 for a SQLite file store (each
   * turn's events go to the worker at once; it merges every batch that arrived during a commit into its next
   * transaction, so it never idles between commits and a commit holds as many events as before), 1 otherwise (each
   * batch its own transaction, serialised here). Measured (session 8, HTTP reads, 16 connections): 2 gave smaller
   * commits (6.3 events a commit, vs 7.5 with 16 and 7.9 before) and more CPU per read than 16.
   */
  appendInFlight(): number {
    return this.writer.threaded() ? 16 : 1;
  }

  /** SQLite: the journal mode and synchronous level of the connection that appends (2 = FULL: fsync per commit). */
  appendSettings(): Promise<{ journalMode: unknown; synchronous: unknown } | undefined> {
    return this.writer.appendSettings();
  }

  /** Stops the append worker (SQLite file stores), after the batches in flight. */
  async close(): Promise<void> {
    await this.serial(() => this.writer.close());
  }

  /** One row of a practice by seq (the AuditEvent id), or undefined. */
  async find(seq: number, practiceId: number): Promise<PhiAuditRow | undefined> {
    if (!Number.isSafeInteger(seq) || seq < 1) return undefined;
    return (await this.rows.findOne({ where: { seq, practiceId } })) ?? undefined;
  }

  /** Rows of one practice, newest first, `limit + 1` at most (the caller knows whether a next page exists). */
  async search(q: PhiAuditQuery): Promise<PhiAuditRow[]> {
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 1000);
    const qb = this.rows.createQueryBuilder('a').where('a.practiceId = :practiceId', { practiceId: q.practiceId });
    if (q.patientId !== undefined) qb.andWhere('a.patientId = :patientId', { patientId: q.patientId });
    if (q.clientId !== undefined) qb.andWhere('a.clientId = :clientId', { clientId: q.clientId });
    if (q.subject !== undefined) qb.andWhere(new Brackets((b) => b.where('a.subject = :subject', { subject: q.subject }).orWhere('a.fhirUser = :subject', { subject: q.subject })));
    if (q.from !== undefined) qb.andWhere('a.recorded >= :from', { from: q.from });
    if (q.to !== undefined) qb.andWhere('a.recorded < :to', { to: q.to });
    if (q.beforeSeq !== undefined) qb.andWhere('a.seq < :before', { before: q.beforeSeq });
    return qb.orderBy('a.seq', 'DESC').take(limit + 1).getMany();
  }

  /** The chain's head and anchor. */
  async head(): Promise<PhiAuditChainRow> {
    const head = await this.ds.getRepository<PhiAuditChainRow>(PHI_AUDIT_CHAIN_TABLE).findOne({ where: { id: 1 } });
    if (!head) throw new Error('phi_audit_chain has no head row (migration not applied?)');
    return head;
  }

  /**
   * Walks the whole chain from the anchor to the head, `pageSize` rows at a time: every row's hash is recomputed
   * from its content and compared with the next row's link; a missing seq, an edited row or a cut tail is
   * reported with the first bad row.
   */
  async verify(pageSize = 1000): Promise<ChainVerdict> {
    const head = await this.head();
    const walker = new ChainWalker(head.anchorSeq, head.anchorHash);
    let after = head.anchorSeq;
    for (;;) {
      const page = await this.rows.createQueryBuilder('a').where('a.seq > :after AND a.seq <= :last', { after, last: head.lastSeq }).orderBy('a.seq', 'ASC').take(pageSize).getMany();
      for (const row of page) {
        const bad = walker.next(row);
        if (bad) return bad;
      }
      if (page.length < pageSize) break;
      after = page[page.length - 1].seq;
    }
    return walker.end(head.lastSeq, head.lastHash);
  }

  /**
   * Retention: deletes the oldest rows recorded before `cutoff` (the leading run of the chain: the purge stops at
   * the first newer row) and moves the anchor to the last purged row, so the remaining chain still verifies.
   * Returns how many rows were purged and the new anchor.
   */
  async purgeBefore(cutoff: number): Promise<{ purged: number; anchorSeq: number; anchorHash: string }> {
    const sqlite = this.writer.sqliteConnection();
    // After the appends handed to the worker before it (it answers in order); a later one that holds the write lock
    // meanwhile is waited for by the busy timeout.
    if (sqlite) return this.serial(async () => this.writer.appendsHandedOver().then(() => this.purgeSqlite(sqlite, cutoff)));
    return this.serial(() => this.ds.transaction(async (m) => {
      const head = await this.lockHead(m);
      const events = m.getRepository<PhiAuditRow>(PHI_AUDIT_TABLE);
      const firstKept = await events.createQueryBuilder('a').where('a.recorded >= :cutoff', { cutoff }).orderBy('a.seq', 'ASC').take(1).getOne();
      const lastPurged = firstKept ? firstKept.seq - 1 : head.lastSeq;
      if (lastPurged <= head.anchorSeq) return { purged: 0, anchorSeq: head.anchorSeq, anchorHash: head.anchorHash };
      const anchor = await events.findOne({ where: { seq: lastPurged } });
      if (!anchor) throw new Error(`audit row ${lastPurged} is missing: verify the chain before purging`);
      const result = await events.createQueryBuilder().delete().from(PHI_AUDIT_TABLE).where('seq <= :last', { last: lastPurged }).execute();
      await m.getRepository<PhiAuditChainRow>(PHI_AUDIT_CHAIN_TABLE).update({ id: 1 }, { anchorSeq: anchor.seq, anchorHash: anchor.hash, updatedAt: this.now() });
      return { purged: result.affected ?? lastPurged - head.anchorSeq, anchorSeq: anchor.seq, anchorHash: anchor.hash };
    }));
  }

  /** Runs `work` after every append/purge started before it (one transaction at a time per process). */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** The purge on SQLite: one synchronous `BEGIN IMMEDIATE` transaction, like {@link appendSqlite}. */
  private purgeSqlite(db: SqliteConnection, cutoff: number): { purged: number; anchorSeq: number; anchorHash: string } {
    return db.transaction(() => {
      const now = this.now();
      db.prepare(`UPDATE ${PHI_AUDIT_CHAIN_TABLE} SET updated_at = ? WHERE id = 1`).run(now);
      const head = db.prepare(`SELECT last_seq AS lastSeq, anchor_seq AS anchorSeq, anchor_hash AS anchorHash FROM ${PHI_AUDIT_CHAIN_TABLE} WHERE id = 1`).get() as
        { lastSeq: number; anchorSeq: number; anchorHash: string } | undefined;
      if (!head) throw new Error('phi_audit_chain has no head row (migration not applied?)');
      const firstKept = db.prepare(`SELECT MIN(seq) AS seq FROM ${PHI_AUDIT_TABLE} WHERE recorded >= ?`).get(cutoff) as { seq: number | null };
      const lastPurged = firstKept.seq !== null ? Number(firstKept.seq) - 1 : Number(head.lastSeq);
      if (lastPurged <= Number(head.anchorSeq)) return { purged: 0, anchorSeq: Number(head.anchorSeq), anchorHash: head.anchorHash };
      const anchor = db.prepare(`SELECT hash FROM ${PHI_AUDIT_TABLE} WHERE seq = ?`).get(lastPurged) as { hash: string } | undefined;
      if (!anchor) throw new Error(`audit row ${lastPurged} is missing: verify the chain before purging`);
      const deleted = db.prepare(`DELETE FROM ${PHI_AUDIT_TABLE} WHERE seq <= ?`).run(lastPurged) as { changes: number };
      db.prepare(`UPDATE ${PHI_AUDIT_CHAIN_TABLE} SET anchor_seq = ?, anchor_hash = ?, updated_at = ? WHERE id = 1`).run(lastPurged, anchor.hash, now);
      return { purged: deleted.changes, anchorSeq: lastPurged, anchorHash: anchor.hash };
    }).immediate();
  }

  /** Takes the head's lock (an UPDATE first: a row lock, or SQLite's write lock) and reads it. */
  private async lockHead(m: EntityManager): Promise<PhiAuditChainRow> {
    const chain = m.getRepository<PhiAuditChainRow>(PHI_AUDIT_CHAIN_TABLE);
    await chain.update({ id: 1 }, { updatedAt: this.now() });
    const head = await chain.findOne({ where: { id: 1 } });
    if (!head) throw new Error('phi_audit_chain has no head row (migration not applied?)');
    return head;
  }
}


