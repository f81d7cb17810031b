import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import type { AuditEventRow, DeveloperAccountRow, SettingRow } from '../schema/rows.js';
import { putRow } from './put-row.js';

/** Append-only audit trail (no patient data in `detail`). */
export class AuditRepository {
  private readonly repo: Repository<AuditEventRow>;
  constructor(ds: DataSource, private readonly now: () => number = Date.now) {
    this.repo = ds.getRepository<AuditEventRow>('audit_events');
  }

  async record(type: string, fields: { actor?: string | null; clientId?: string | null; practiceId?: number | null; detail?: Record<string, unknown> } = {}): Promise<void> {
    await this.repo.insert({
      at: this.now(), type, actor: fields.actor ?? null, clientId: fields.clientId ?? null, practiceId: fields.practiceId ?? null,
      detail: fields.detail ? JSON.stringify(fields.detail) : null,
    });
  }

  async recent(limit = 100): Promise<AuditEventRow[]> {
    return this.repo.find({ order: { id: 'DESC' }, take: limit });
  }
}

/** Small key/value settings of the server (cookie keys and similar generated once). */
export class SettingsRepository {
  private readonly repo: Repository<SettingRow>;
  constructor(ds: DataSource) {
    this.repo = ds.getRepository<SettingRow>('settings');
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.repo.findOne({ where: { key } }))?.value;
  }

  /**
   * Returns the stored value, or stores `create()` if there is none. With several instances starting at once
   * the first insert wins and everybody reads it back.
   */
  async getOrCreate(key: string, create: () => string): Promise<string> {
    const existing = await this.get(key);
    if (existing !== undefined) return existing;
    try {
      await this.repo.insert({ key, value: create() });
    } catch {
      // another instance inserted it first
    }
    return (await this.get(key)) as string;
  }

  async set(key: string, value: string): Promise<void> {
    await putRow(this.repo, { key }, { key, value });
  }
}

/** Developer accounts of the Connect portal. */
export class DeveloperAccountRepository {
  private readonly repo: Repository<DeveloperAccountRow>;
  constructor(ds: DataSource, private readonly now: () => number = Date.now) {
    this.repo = ds.getRepository<DeveloperAccountRow>('developer_accounts');
  }

  /** Creates an account; `email` is stored lower-cased. `passwordHash` comes from hashSecret(). */
  async create(email: string, displayName: string, passwordHash: string | null): Promise<DeveloperAccountRow> {
    const row: DeveloperAccountRow = { id: randomUUID(), email: email.trim().toLowerCase(), displayName, passwordHash, createdAt: this.now() };
    await this.repo.insert(row);
    return row;
  }

  async findByEmail(email: string): Promise<DeveloperAccountRow | undefined> {
    return (await this.repo.findOne({ where: { email: email.trim().toLowerCase() } })) ?? undefined;
  }

  async find(id: string): Promise<DeveloperAccountRow | undefined> {
    return (await this.repo.findOne({ where: { id } })) ?? undefined;
  }
}
