import { randomBytes } from 'node:crypto';
import { IsNull, type DataSource, type Repository } from 'typeorm';
import type { LaunchContextRow } from '../schema/rows.js';

/** What the EHR puts in context when it launches an app. */
export type NewLaunchContext = Omit<LaunchContextRow, 'id' | 'createdAt' | 'expiresAt' | 'consumedAt'>;

/** EHR launch contexts: opaque, expiring, single-use handles (`launch` parameter). */
export class LaunchContextRepository {
  private readonly repo: Repository<LaunchContextRow>;
  constructor(ds: DataSource, private readonly now: () => number = Date.now) {
    this.repo = ds.getRepository<LaunchContextRow>('launch_contexts');
  }

  /** Creates a context valid for `ttlSeconds`; returns it with its 256-bit random id. */
  async create(input: NewLaunchContext, ttlSeconds: number): Promise<LaunchContextRow> {
    const t = this.now();
    const row: LaunchContextRow = { ...input, id: randomBytes(32).toString('base64url'), createdAt: t, expiresAt: t + ttlSeconds * 1000, consumedAt: null };
    await this.repo.insert(row);
    return row;
  }

  /** The context if it exists, has not expired and was not used yet. */
  async findUsable(id: string): Promise<LaunchContextRow | undefined> {
    const row = await this.repo.findOne({ where: { id } });
    if (!row || row.consumedAt !== null || row.expiresAt <= this.now()) return undefined;
    return row;
  }

  /** Marks a context used; false if it was already used (or is unknown), so a launch works once only. */
  async consume(id: string): Promise<boolean> {
    const result = await this.repo.update({ id, consumedAt: IsNull() }, { consumedAt: this.now() });
    return (result.affected ?? 0) > 0;
  }
}
