import type { DataSource, Repository } from 'typeorm';
import type { AppRequestLimitRow } from '../schema/rows.js';

/** An app's request limits at one practice; null = the deployment default. */
export interface AppRequestLimits {
  ratePerMinute: number | null;
  concurrent: number | null;
}

/** The request rate and concurrency cap each practice sets for each app (`/admin`; read by the FHIR API). */
export class AppLimitRepository {
  private readonly repo: Repository<AppRequestLimitRow>;
  constructor(
    ds: DataSource,
    private readonly now: () => number = Date.now,
  ) {
    this.repo = ds.getRepository<AppRequestLimitRow>('app_request_limits');
  }

  async find(clientId: string, practiceId: number): Promise<AppRequestLimits | undefined> {
    const row = await this.repo.findOne({ where: { clientId, practiceId } });
    return row ? { ratePerMinute: row.ratePerMinute, concurrent: row.concurrent } : undefined;
  }

  /** Sets (or, with both values null, clears) an app's limits at a practice. */
  async set(clientId: string, practiceId: number, limits: AppRequestLimits, updatedBy: string | null): Promise<void> {
    if (limits.ratePerMinute === null && limits.concurrent === null) {
      await this.repo.delete({ clientId, practiceId });
      return;
    }
    const row: AppRequestLimitRow = { clientId, practiceId, ...limits, updatedBy, updatedAt: this.now() };
    const existing = await this.repo.findOne({ where: { clientId, practiceId } });
    if (existing) await this.repo.update({ clientId, practiceId }, row);
    else await this.repo.insert(row);
  }
}
