import type { DataSource, Repository } from 'typeorm';
import type { GrantContextRow } from '../schema/rows.js';
import { putRow } from './put-row.js';

/** The launch context decided for an OAuth grant (a JSON document owned by the auth app). */
export class GrantContextRepository<T extends { practiceId: number; accountId?: unknown }> {
  private readonly repo: Repository<GrantContextRow>;
  constructor(ds: DataSource, private readonly now: () => number = Date.now) {
    this.repo = ds.getRepository<GrantContextRow>('grant_contexts');
  }

  async save(grantId: string, clientId: string | null, context: T): Promise<void> {
    const accountId = typeof context.accountId === 'string' ? context.accountId : null;
    const row: GrantContextRow = { grantId, clientId, practiceId: context.practiceId, accountId, context: JSON.stringify(context), createdAt: this.now() };
    await putRow(this.repo, { grantId }, row);
  }

  async load(grantId: string): Promise<T | undefined> {
    const row = await this.repo.findOne({ where: { grantId } });
    return row ? (JSON.parse(row.context) as T) : undefined;
  }

  /** Grants of an app (optionally within one practice), newest first. */
  async listByClient(clientId: string, practiceId?: number): Promise<{ grantId: string; context: T; createdAt: number }[]> {
    const rows = await this.repo.find({ where: practiceId === undefined ? { clientId } : { clientId, practiceId }, order: { createdAt: 'DESC' } });
    return rows.map((r) => ({ grantId: r.grantId, context: JSON.parse(r.context) as T, createdAt: r.createdAt }));
  }

  /**
   * Grants an account (`user:<id>` / `portal:<id>`) gave, newest first: one query on the
   * (account_id, created_at) index.
   */
  async listByAccount(accountId: string): Promise<{ grantId: string; clientId: string | null; context: T; createdAt: number }[]> {
    const rows = await this.repo.find({ where: { accountId }, order: { createdAt: 'DESC' } });
    return rows.map((r) => ({ grantId: r.grantId, clientId: r.clientId, context: JSON.parse(r.context) as T, createdAt: r.createdAt }));
  }

  async delete(grantId: string): Promise<void> {
    await this.repo.delete({ grantId });
  }
}
