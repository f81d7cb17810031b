import { In, LessThan, type DataSource, type Repository } from 'typeorm';
import type { BulkExportChunkRow, BulkExportFile, BulkExportRow, BulkExportStatus } from '../schema/rows.js';

/** Statuses of an export that still holds a slot (per-client and global limits). */
export const ACTIVE_EXPORT_STATUSES: readonly BulkExportStatus[] = ['queued', 'running'];

/** A planned chunk before it is stored. */
export type PlannedChunk = Pick<BulkExportChunkRow, 'type' | 'sourceKey' | 'keyFrom' | 'keyTo'>;

/**
 * Bulk Data export jobs and their chunks. Every state change is one conditional UPDATE, so several workers (and the
 * API process) can race on a row and exactly one wins (e.g. the last chunk completing the export).
 */
export class BulkExportRepository {
  private readonly exports: Repository<BulkExportRow>;
  private readonly chunks: Repository<BulkExportChunkRow>;

  constructor(ds: DataSource, private readonly now: () => number = Date.now) {
    this.exports = ds.getRepository<BulkExportRow>('bulk_exports');
    this.chunks = ds.getRepository<BulkExportChunkRow>('bulk_export_chunks');
  }

  async create(row: Omit<BulkExportRow, 'status' | 'chunksTotal' | 'chunksDone' | 'resources' | 'bytes' | 'error' | 'createdAt' | 'updatedAt' | 'completedAt' | 'expiresAt' | 'lastPolledAt'>): Promise<BulkExportRow> {
    const at = this.now();
    const full: BulkExportRow = {
      ...row, status: 'queued', chunksTotal: 0, chunksDone: 0, resources: 0, bytes: 0, error: null,
      createdAt: at, updatedAt: at, completedAt: null, expiresAt: null, lastPolledAt: null,
    };
    await this.exports.insert(full);
    return full;
  }

  async get(id: string): Promise<BulkExportRow | undefined> {
    return (await this.exports.findOne({ where: { id } })) ?? undefined;
  }

  /** Exports holding a slot: of one client, or (no argument) of everybody. */
  async countActive(clientId?: string): Promise<number> {
    return this.exports.count({ where: { status: In([...ACTIVE_EXPORT_STATUSES]), ...(clientId ? { clientId } : {}) } });
  }

  /** Exports still to run (queued or running), oldest first: what an embedded runner resumes after a restart. */
  async unfinished(): Promise<BulkExportRow[]> {
    return this.exports.find({ where: { status: In([...ACTIVE_EXPORT_STATUSES]) }, order: { createdAt: 'ASC' } });
  }

  /** The newest exports of a practice (operator view). */
  async listByPractice(practiceId: number, limit = 100): Promise<BulkExportRow[]> {
    return this.exports.find({ where: { practiceId }, order: { createdAt: 'DESC' }, take: limit });
  }

  /** Records a poll; returns the previous poll time. */
  async touchPoll(id: string): Promise<number | null> {
    const row = await this.get(id);
    await this.exports.update({ id }, { lastPolledAt: this.now() });
    return row?.lastPolledAt ?? null;
  }

  /**
   * Stores the plan (idempotent: a re-planned export keeps the chunks it has) and moves the export to `running`.
   * Returns the chunks (existing or new).
   */
  async plan(id: string, planned: readonly PlannedChunk[]): Promise<BulkExportChunkRow[]> {
    const existing = await this.chunksOf(id);
    if (existing.length > 0) return existing;
    const rows: BulkExportChunkRow[] = planned.map((p, chunkNo) => ({
      exportId: id, chunkNo, ...p, status: 'pending', files: null, resources: 0, bytes: 0, completedAt: null,
    }));
    for (let i = 0; i < rows.length; i += 200) await this.chunks.insert(rows.slice(i, i + 200));
    await this.exports.update({ id, status: In(['queued', 'running']) }, { status: 'running', chunksTotal: rows.length, updatedAt: this.now() });
    return rows;
  }

  async chunksOf(id: string): Promise<BulkExportChunkRow[]> {
    return this.chunks.find({ where: { exportId: id }, order: { chunkNo: 'ASC' } });
  }

  async chunk(id: string, chunkNo: number): Promise<BulkExportChunkRow | undefined> {
    return (await this.chunks.findOne({ where: { exportId: id, chunkNo } })) ?? undefined;
  }

  /** Marks a chunk done with its files; false when it already was (a retried chunk after a crash). */
  async completeChunk(id: string, chunkNo: number, files: readonly BulkExportFile[]): Promise<boolean> {
    const resources = files.reduce((n, f) => n + f.count, 0);
    const bytes = files.reduce((n, f) => n + f.bytes, 0);
    const r = await this.chunks.update({ exportId: id, chunkNo, status: 'pending' }, { status: 'done', files: JSON.stringify(files), resources, bytes, completedAt: this.now() });
    if (!r.affected) return false;
    const row = await this.get(id);
    if (row) {
      await this.exports.update({ id }, { chunksDone: row.chunksDone + 1, resources: row.resources + resources, bytes: row.bytes + bytes, updatedAt: this.now() });
    }
    return true;
  }

  /** `running` -> `complete` once every chunk is done; true for the one caller that made the change. */
  async finish(id: string, expiresAt: number): Promise<boolean> {
    const pending = await this.chunks.count({ where: { exportId: id, status: 'pending' } });
    if (pending > 0) return false;
    const at = this.now();
    const r = await this.exports.update({ id, status: 'running' }, { status: 'complete', completedAt: at, expiresAt, updatedAt: at });
    return !!r.affected;
  }

  async fail(id: string, error: string, expiresAt: number): Promise<void> {
    const at = this.now();
    await this.exports.update({ id, status: In(['queued', 'running']) }, { status: 'failed', error: error.slice(0, 2000), completedAt: at, expiresAt, updatedAt: at });
  }

  /** Cancels a live or finished export (it then answers 404; the cleanup deletes its files); false when there is nothing to cancel. */
  async cancel(id: string): Promise<boolean> {
    const at = this.now();
    const r = await this.exports.update({ id, status: In(['queued', 'running', 'complete', 'failed']) }, { status: 'cancelled', expiresAt: at, updatedAt: at });
    return !!r.affected;
  }

  /** Files of the finished chunks, in chunk order. */
  async filesOf(id: string): Promise<BulkExportFile[]> {
    return (await this.chunksOf(id)).flatMap((c) => (c.files ? (JSON.parse(c.files) as BulkExportFile[]) : []));
  }

  /** Exports whose files are due for deletion: finished ones past their expiry, and cancelled ones. */
  async due(limit = 100): Promise<BulkExportRow[]> {
    return this.exports.find({ where: { expiresAt: LessThan(this.now() + 1) }, take: limit });
  }

  /** Removes an export and its chunks (after its files were deleted). */
  async remove(id: string): Promise<void> {
    await this.chunks.delete({ exportId: id });
    await this.exports.delete({ id });
  }
}
