import type { DataSource, Repository } from 'typeorm';
import type { SigningKeyRow } from '../schema/rows.js';

/** Signing keys of the authorization server (rows; encryption of the private part is the caller's). */
export class SigningKeyRepository {
  private readonly repo: Repository<SigningKeyRow>;
  constructor(ds: DataSource, private readonly now: () => number = Date.now) {
    this.repo = ds.getRepository<SigningKeyRow>('signing_keys');
  }

  async insert(row: Omit<SigningKeyRow, 'createdAt' | 'retiredAt' | 'status'>): Promise<void> {
    await this.repo.insert({ ...row, status: 'active', createdAt: this.now(), retiredAt: null });
  }

  /** Active keys first (newest first), then retired keys still inside their publication window. */
  async listPublishable(retiredKeepMs: number): Promise<SigningKeyRow[]> {
    const rows = await this.repo.find({ order: { createdAt: 'DESC' } });
    const t = this.now();
    const active = rows.filter((r) => r.status === 'active');
    const retired = rows.filter((r) => r.status === 'retired' && r.retiredAt !== null && r.retiredAt + retiredKeepMs > t);
    return [...active, ...retired];
  }

  /** Marks every active key of an algorithm as retired (after a new one was inserted). */
  async retireAllExcept(alg: string, keepKid: string): Promise<number> {
    const rows = await this.repo.find({ where: { alg, status: 'active' } });
    let n = 0;
    for (const r of rows) {
      if (r.kid === keepKid) continue;
      await this.repo.update({ kid: r.kid }, { status: 'retired', retiredAt: this.now() });
      n++;
    }
    return n;
  }

  /** Deletes retired keys past their publication window. */
  async purgeRetired(retiredKeepMs: number): Promise<number> {
    const rows = await this.repo.find({ where: { status: 'retired' } });
    let n = 0;
    for (const r of rows) {
      if (r.retiredAt !== null && r.retiredAt + retiredKeepMs <= this.now()) {
        await this.repo.delete({ kid: r.kid });
        n++;
      }
    }
    return n;
  }
}
