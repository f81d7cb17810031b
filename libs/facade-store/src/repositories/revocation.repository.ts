import { LessThan, MoreThan, type DataSource, type Repository } from 'typeorm';
import type { RevocationFeed } from '#facade/security';
import type { RevocationRow } from '../schema/rows.js';

/**
 * Revoked token ids, grants and app approvals. Implements the FHIR API's {@link RevocationFeed}: it polls
 * `revokedSince` so a revoked token fails there within the polling interval.
 */
export class RevocationRepository implements RevocationFeed {
  private readonly repo: Repository<RevocationRow>;
  constructor(ds: DataSource, private readonly now: () => number = Date.now) {
    this.repo = ds.getRepository<RevocationRow>('revocations');
  }

  /** Revokes one access token by its jti; `expiresAt` (epoch ms) is the token's own expiry. */
  async revokeJti(jti: string, clientId: string | null, expiresAt: number | null): Promise<void> {
    if (await this.isRevoked('jti', jti)) return;
    await this.repo.insert({ kind: 'jti', value: jti, clientId, practiceId: null, revokedAt: this.now(), expiresAt });
  }

  /** Revokes every token of a grant. */
  async revokeGrant(grantId: string, clientId: string | null, practiceId: number | null = null): Promise<void> {
    if (await this.isRevoked('grant', grantId)) return;
    await this.repo.insert({ kind: 'grant', value: grantId, clientId, practiceId, revokedAt: this.now(), expiresAt: null });
  }

  /** True when a jti or grant id has been revoked. */
  async isRevoked(kind: 'jti' | 'grant', value: string): Promise<boolean> {
    return (await this.repo.count({ where: { kind, value } })) > 0;
  }

  /** {@inheritDoc RevocationFeed.revokedSince} */
  async revokedSince(sinceEpochMs: number): Promise<{ jtis: string[]; grants: string[]; approvals: { clientId: string; practiceId: number; revokedAt: number }[] }> {
    const rows = await this.repo.find({ where: { revokedAt: MoreThan(sinceEpochMs - 1) }, order: { revokedAt: 'ASC', id: 'ASC' } });
    return {
      jtis: rows.filter((r) => r.kind === 'jti').map((r) => r.value),
      grants: rows.filter((r) => r.kind === 'grant').map((r) => r.value),
      approvals: rows
        .filter((r) => r.kind === 'approval' && r.practiceId !== null)
        .map((r) => ({ clientId: r.value, practiceId: r.practiceId as number, revokedAt: r.revokedAt })),
    };
  }

  /** Drops jti records whose tokens have expired anyway. */
  async purgeExpired(): Promise<number> {
    return (await this.repo.delete({ kind: 'jti', expiresAt: LessThan(this.now()) })).affected ?? 0;
  }
}
