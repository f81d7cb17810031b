import type { DataSource, Repository } from 'typeorm';
import type { PracticeApprovalRow, RevocationRow } from '../schema/rows.js';

/** Per-app token lifetimes set by the clinic (seconds; null = server default). */
export interface ApprovalLifetimes {
  accessTokenTtl?: number | null;
  refreshTokenTtl?: number | null;
}

/**
 * Ends, for good, every grant of an app at a practice (its refresh tokens, codes and the grant itself, plus a
 * grant revocation in the feed); returns how many grants it ended. Wired by the FacadeStore.
 */
export type PracticeGrantsTerminator = (clientId: string, practiceId: number) => Promise<number>;

/** Which apps each practice allows, and the token lifetimes it chose for them. */
export class ApprovalRepository {
  private readonly repo: Repository<PracticeApprovalRow>;
  constructor(
    private readonly ds: DataSource,
    private readonly now: () => number = Date.now,
    private readonly endGrants: PracticeGrantsTerminator = async () => 0,
  ) {
    this.repo = ds.getRepository<PracticeApprovalRow>('practice_approvals');
  }

  /** Approves (or re-approves) an app for a practice. */
  async approve(clientId: string, practiceId: number, decidedBy: string | null, lifetimes: ApprovalLifetimes = {}): Promise<PracticeApprovalRow> {
    const existing = await this.repo.findOne({ where: { clientId, practiceId } });
    const patch = {
      status: 'approved' as const, decidedBy, approvedAt: this.now(), revokedAt: null,
      accessTokenTtl: lifetimes.accessTokenTtl ?? existing?.accessTokenTtl ?? null,
      refreshTokenTtl: lifetimes.refreshTokenTtl ?? existing?.refreshTokenTtl ?? null,
    };
    if (existing) await this.repo.update({ id: existing.id }, patch);
    else await this.repo.insert({ clientId, practiceId, ...patch });
    return (await this.repo.findOneOrFail({ where: { clientId, practiceId } }));
  }

  /** Sets the token lifetimes of an existing approval. */
  async setLifetimes(clientId: string, practiceId: number, lifetimes: ApprovalLifetimes): Promise<void> {
    const patch: Partial<PracticeApprovalRow> = {};
    if (lifetimes.accessTokenTtl !== undefined) patch.accessTokenTtl = lifetimes.accessTokenTtl;
    if (lifetimes.refreshTokenTtl !== undefined) patch.refreshTokenTtl = lifetimes.refreshTokenTtl;
    await this.repo.update({ clientId, practiceId }, patch);
  }

  /**
   * Revokes an approval and records it in the revocation feed, so every token of this app for this practice
   * stops working at the FHIR API (which polls the feed), and ends every grant of the app at the practice for
   * good: approving the app again later never revives a refresh token issued before (patients consent again).
   */
  async revoke(clientId: string, practiceId: number, decidedBy: string | null): Promise<void> {
    const t = this.now();
    // No transaction (SQLite connections cannot nest them under concurrency): approval first, then the feed,
    // then the grants (consent refuses new ones once the approval is revoked, so none can slip in after).
    await this.repo.update({ clientId, practiceId }, { status: 'revoked', revokedAt: t, decidedBy });
    const rev: Omit<RevocationRow, 'id'> = { kind: 'approval', value: clientId, clientId, practiceId, revokedAt: t, expiresAt: null };
    await this.ds.getRepository<RevocationRow>('revocations').insert(rev);
    await this.endGrants(clientId, practiceId);
  }

  /** The approval if it is currently in force. */
  async findActive(clientId: string, practiceId: number): Promise<PracticeApprovalRow | undefined> {
    const row = await this.repo.findOne({ where: { clientId, practiceId, status: 'approved' } });
    return row ?? undefined;
  }

  async listForPractice(practiceId: number): Promise<PracticeApprovalRow[]> {
    return this.repo.find({ where: { practiceId }, order: { id: 'ASC' } });
  }

  async listForClient(clientId: string): Promise<PracticeApprovalRow[]> {
    return this.repo.find({ where: { clientId }, order: { id: 'ASC' } });
  }
}
