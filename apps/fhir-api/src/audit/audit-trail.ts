/**
 * The FHIR API's side of the PHI access trail: the repository in the facade store, the outbox that batches the
 * requests' events into it, and the retention purge (a daily timer; several instances may run it: the purge is
 * one transaction on the chain's head row). `close()` drains the outbox (SIGTERM) before the store closes.
 */
import { openFacadeStore, type FacadeStore, type PhiAuditFacts, type PhiAuditRepository } from '#facade/facade-store';
import type { DbUrl } from '#facade/config';
import type { JsonLogger } from '#facade/observability';
import { AuditOutbox, type AuditBatchObserver } from './audit-outbox.js';

/** HIPAA keeps documentation six years (45 CFR 164.316(b)(2)(i)); audit logs are commonly held as long. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 6 * 365 + 2;
const DAY_MS = 86_400_000;

export class AuditTrail {
  readonly outbox: AuditOutbox<PhiAuditFacts>;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly repository: PhiAuditRepository,
    private readonly logger: JsonLogger,
    readonly retentionDays: number = DEFAULT_AUDIT_RETENTION_DAYS,
    /** A store this trail opened itself (closed with it). */
    private readonly ownStore: FacadeStore | null = null,
    /** Told of every batch (the audit writer metrics). */
    observer?: AuditBatchObserver,
  ) {
    // The batch form of the append: the outbox needs the commit, not the stored rows.
    this.outbox = new AuditOutbox({ append: (batch) => repository.appendBatch(batch) }, { maxBatch: 500, maxQueued: 20_000, inFlight: repository.appendInFlight() }, observer);
  }

  /** The trail on the module's facade store, or on one it opens itself when the module has none. */
  static async open(store: FacadeStore | null, url: DbUrl, logger: JsonLogger, retentionDays?: number, observer?: AuditBatchObserver): Promise<AuditTrail> {
    if (store) return new AuditTrail(store.phiAudit, logger, retentionDays, null, observer);
    const own = await openFacadeStore(url, { poolSize: 4 });
    return new AuditTrail(own.phiAudit, logger, retentionDays, own, observer);
  }

  /** Purges rows older than the retention period now, then once a day. */
  startRetention(intervalMs = DAY_MS): void {
    const run = () => void this.purgeExpired().catch((e: unknown) => this.logger.error('audit_purge_failed', { error: e instanceof Error ? e.message : String(e) }));
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
    setImmediate(run);
  }

  /** Deletes the rows older than `retentionDays` (the chain keeps an anchor); logs the new anchor, a witness outside the store. */
  async purgeExpired(now = Date.now()): Promise<number> {
    const result = await this.repository.purgeBefore(now - this.retentionDays * DAY_MS);
    if (result.purged > 0) this.logger.info('audit_purged', { purged: result.purged, anchorSeq: result.anchorSeq, anchorHash: result.anchorHash });
    return result.purged;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.outbox.close();
    const s = this.outbox.stats();
    this.logger.info('audit_outbox_closed', { ...s, msPerRequest: s.requests ? s.writeMs / s.requests : 0 });
    await this.ownStore?.close();
  }
}
