import { In, LessThan, type DataSource, type Repository } from 'typeorm';
import type { OidcRecordRow, ReplayRecordRow } from '../schema/rows.js';
import { putRow } from './put-row.js';

/** What oidc-provider stores per artifact (the adapter payload). */
export type OidcPayload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string; consumed?: number; iss?: string; jti?: string };

/**
 * Persistence behind oidc-provider's adapter contract (Session, Interaction, AuthorizationCode, RefreshToken,
 * Grant, Client registrations, ReplayDetection, ...). Expired rows are treated as absent and purged lazily.
 * ReplayDetection records go to `replay_records`, the table shared with the auth app's own client-assertion checks.
 */
export class OidcRecordRepository {
  private readonly records: Repository<OidcRecordRow>;
  private readonly replay: Repository<ReplayRecordRow>;

  constructor(ds: DataSource, private readonly now: () => number = Date.now) {
    this.records = ds.getRepository<OidcRecordRow>('oidc_records');
    this.replay = ds.getRepository<ReplayRecordRow>('replay_records');
  }

  /** Creates or replaces a record; `expiresIn` is in seconds. */
  async upsert(model: string, id: string, payload: OidcPayload, expiresIn?: number): Promise<void> {
    const expiresAt = expiresIn ? this.now() + expiresIn * 1000 : null;
    if (model === 'ReplayDetection') {
      await this.insertReplay(String(payload.iss ?? ''), id, expiresAt ?? this.now() + 600_000);
      return;
    }
    const row: OidcRecordRow = {
      model, id, payload: JSON.stringify(payload), grantId: payload.grantId ?? null, userCode: payload.userCode ?? null,
      uid: payload.uid ?? null, expiresAt, consumedAt: null,
    };
    await putRow(this.records, { model, id }, row);
  }

  async find(model: string, id: string): Promise<OidcPayload | undefined> {
    if (model === 'ReplayDetection') {
      const r = await this.replay.findOne({ where: { jti: id } });
      return r && r.expiresAt > this.now() ? { jti: id, iss: r.issuer } : undefined;
    }
    return this.live(await this.records.findOne({ where: { model, id } }));
  }

  async findByUid(model: string, uid: string): Promise<OidcPayload | undefined> {
    return this.live(await this.records.findOne({ where: { model, uid } }));
  }

  async findByUserCode(model: string, userCode: string): Promise<OidcPayload | undefined> {
    return this.live(await this.records.findOne({ where: { model, userCode } }));
  }

  async consume(model: string, id: string): Promise<void> {
    const row = await this.records.findOne({ where: { model, id } });
    if (!row) return;
    const payload = JSON.parse(row.payload) as OidcPayload;
    payload.consumed = Math.floor(this.now() / 1000);
    await this.records.update({ model, id }, { payload: JSON.stringify(payload), consumedAt: this.now() });
  }

  async destroy(model: string, id: string): Promise<void> {
    if (model === 'ReplayDetection') await this.replay.delete({ jti: id });
    else await this.records.delete({ model, id });
  }

  /** Deletes every record (tokens, codes, the grant) of a grant, whatever the model. */
  async revokeByGrantId(grantId: string): Promise<void> {
    await this.records.delete({ grantId });
    await this.records.delete({ model: 'Grant', id: grantId });
  }

  /** Ids of the live records of some models that belong to a grant (e.g. to list a user's refresh tokens). */
  async idsByGrant(grantId: string, models: string[]): Promise<string[]> {
    const rows = await this.records.find({ where: { grantId, model: In(models) }, select: { id: true, expiresAt: true, model: true } });
    return rows.filter((r) => r.expiresAt === null || r.expiresAt > this.now()).map((r) => r.id);
  }

  /**
   * Records a one-time identifier (client-assertion jti). Returns false when it was already seen and is not expired.
   */
  async insertReplay(issuer: string, jti: string, expiresAt: number): Promise<boolean> {
    const existing = await this.replay.findOne({ where: { jti } });
    if (existing && existing.expiresAt > this.now()) return false;
    try {
      if (existing) await this.replay.delete({ issuer: existing.issuer, jti });
      await this.replay.insert({ issuer, jti, expiresAt });
      return true;
    } catch {
      return false; // a concurrent insert of the same jti won the race: a replay
    }
  }

  /** Removes expired rows; returns how many went. */
  async purgeExpired(): Promise<number> {
    const a = await this.records.delete({ expiresAt: LessThan(this.now()) });
    const b = await this.replay.delete({ expiresAt: LessThan(this.now()) });
    return (a.affected ?? 0) + (b.affected ?? 0);
  }

  private live(row: OidcRecordRow | null): OidcPayload | undefined {
    if (!row) return undefined;
    if (row.expiresAt !== null && row.expiresAt <= this.now()) return undefined;
    return JSON.parse(row.payload) as OidcPayload;
  }
}
