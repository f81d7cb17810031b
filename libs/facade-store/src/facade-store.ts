import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DbUrl } from '#facade/config';
import { driverOptions } from '#facade/legacy-db';
import { facadeMigrations } from './migrations/index.js';
import { facadeEntitySchemas } from './schema/entity-schemas.js';
import { AppLimitRepository } from './repositories/app-limit.repository.js';
import { ApprovalRepository } from './repositories/approval.repository.js';
import { ClientRepository } from './repositories/client.repository.js';
import { GrantContextRepository } from './repositories/grant-context.repository.js';
import { LaunchContextRepository } from './repositories/launch-context.repository.js';
import { AuditRepository, DeveloperAccountRepository, SettingsRepository } from './repositories/misc.repositories.js';
import { OidcRecordRepository } from './repositories/oidc-record.repository.js';
import { RevocationRepository } from './repositories/revocation.repository.js';
import { AccountSignInRepository, SignInThrottleRepository, WebSessionRepository } from './repositories/sign-in.repositories.js';
import { SigningKeyRepository } from './repositories/signing-key.repository.js';
import { PhiAuditRepository } from './phi-audit/phi-audit.repository.js';
import { BulkExportRepository } from './repositories/bulk-export.repository.js';

/** Name of the table where TypeORM records which facade migrations ran. */
export const FACADE_MIGRATIONS_TABLE = 'facade_migrations';

/** TypeORM options of the facade's own store. Migrations run explicitly on start (see {@link openFacadeStore}). */
export function facadeDataSourceOptions(url: DbUrl, poolSize = 10): DataSourceOptions {
  const common = {
    entities: facadeEntitySchemas(url.kind),
    migrations: facadeMigrations,
    migrationsTableName: FACADE_MIGRATIONS_TABLE,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  return { ...driverOptions(url, poolSize), ...common } as DataSourceOptions;
}

/** The facade store: one DataSource and the repositories over it. */
export class FacadeStore {
  readonly clients: ClientRepository;
  readonly approvals: ApprovalRepository;
  readonly oidc: OidcRecordRepository;
  readonly keys: SigningKeyRepository;
  readonly launches: LaunchContextRepository;
  readonly grantContexts: GrantContextRepository<{ practiceId: number } & Record<string, unknown>>;
  readonly revocations: RevocationRepository;
  readonly audit: AuditRepository;
  readonly settings: SettingsRepository;
  readonly developers: DeveloperAccountRepository;
  readonly signInThrottle: SignInThrottleRepository;
  readonly accountSignIns: AccountSignInRepository;
  readonly webSessions: WebSessionRepository;
  /** The PHI access trail (issue 12): append-only, hash-chained. */
  readonly phiAudit: PhiAuditRepository;
  readonly appLimits: AppLimitRepository;
  readonly bulkExports: BulkExportRepository;

  constructor(readonly dataSource: DataSource, now: () => number = Date.now) {
    this.clients = new ClientRepository(dataSource, now);
    this.approvals = new ApprovalRepository(dataSource, now, (clientId, practiceId) => this.endPracticeGrants(clientId, practiceId));
    this.oidc = new OidcRecordRepository(dataSource, now);
    this.keys = new SigningKeyRepository(dataSource, now);
    this.launches = new LaunchContextRepository(dataSource, now);
    this.grantContexts = new GrantContextRepository(dataSource, now);
    this.revocations = new RevocationRepository(dataSource, now);
    this.audit = new AuditRepository(dataSource, now);
    this.settings = new SettingsRepository(dataSource);
    this.developers = new DeveloperAccountRepository(dataSource, now);
    this.signInThrottle = new SignInThrottleRepository(dataSource);
    this.accountSignIns = new AccountSignInRepository(dataSource);
    this.webSessions = new WebSessionRepository(dataSource);
    this.phiAudit = new PhiAuditRepository(dataSource, now);
    this.appLimits = new AppLimitRepository(dataSource, now);
    this.bulkExports = new BulkExportRepository(dataSource, now);
  }

  /**
   * Ends every grant of an app at a practice: a grant revocation in the feed (the FHIR API drops their access
   * tokens; refreshes are refused), their oidc-provider records (refresh tokens, codes, the grant) and their
   * SMART contexts. Returns how many grants were ended.
   */
  async endPracticeGrants(clientId: string, practiceId: number): Promise<number> {
    const grants = await this.grantContexts.listByClient(clientId, practiceId);
    for (const g of grants) {
      await this.revocations.revokeGrant(g.grantId, clientId, practiceId);
      await this.oidc.revokeByGrantId(g.grantId);
      await this.grantContexts.delete(g.grantId);
    }
    return grants.length;
  }

  async close(): Promise<void> {
    await this.phiAudit.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Connects to the facade store and applies pending migrations (creating the SQLite file's folder if needed).
 * Safe to call from several instances: TypeORM runs migrations in a transaction and records them in
 * {@link FACADE_MIGRATIONS_TABLE}.
 */
export async function openFacadeStore(url: DbUrl, options: { poolSize?: number; now?: () => number } = {}): Promise<FacadeStore> {
  if (url.kind === 'sqlite' && url.path !== ':memory:') mkdirSync(dirname(url.path), { recursive: true });
  const ds = new DataSource(facadeDataSourceOptions(url, options.poolSize));
  await ds.initialize();
  // WAL with synchronous=FULL: every commit is fsync'd (better-sqlite3 builds default WAL to NORMAL, which may lose
  // the last commits on a power cut); the PHI access trail relies on a commit being durable (issue 12).
  if (url.kind === 'sqlite') await ds.query('PRAGMA synchronous = FULL');
  try {
    await ds.runMigrations({ transaction: 'each' });
  } catch (err) {
    await ds.destroy();
    throw err;
  }
  return new FacadeStore(ds, options.now);
}
