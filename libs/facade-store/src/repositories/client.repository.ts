import { randomBytes } from 'node:crypto';
import { IsNull, type DataSource, type Repository } from 'typeorm';
import type { ClientAuthMethod, ClientRow, ClientType } from '../schema/rows.js';
import { hashSecret, newSecret } from './secret-hash.js';

/** A registered app as the rest of the code sees it (JSON columns parsed). */
export interface RegisteredClient {
  clientId: string;
  name: string;
  developerAccountId: string | null;
  clientType: ClientType;
  authMethod: ClientAuthMethod;
  secretHash: string | null;
  redirectUris: string[];
  launchUri: string | null;
  jwks: { keys: Record<string, unknown>[] } | null;
  jwksUri: string | null;
  scope: string;
  backendServices: boolean;
  allowedOrigins: string[];
  metadata: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

/** Input of {@link ClientRepository.create}; validation happens in the auth app's ClientRegistrationService. */
export type NewClient = Omit<RegisteredClient, 'clientId' | 'secretHash' | 'createdAt' | 'updatedAt'> & { clientId?: string };

function toModel(r: ClientRow): RegisteredClient {
  return {
    clientId: r.clientId, name: r.name, developerAccountId: r.developerAccountId, clientType: r.clientType, authMethod: r.authMethod,
    secretHash: r.secretHash, redirectUris: JSON.parse(r.redirectUris) as string[], launchUri: r.launchUri,
    jwks: r.jwks ? (JSON.parse(r.jwks) as RegisteredClient['jwks']) : null, jwksUri: r.jwksUri, scope: r.scope,
    backendServices: r.backendServices, allowedOrigins: JSON.parse(r.allowedOrigins) as string[],
    metadata: JSON.parse(r.metadata) as Record<string, unknown>, createdAt: r.createdAt, updatedAt: r.updatedAt,
  };
}

/** Registered apps (soft-deleted rows are invisible). */
export class ClientRepository {
  private readonly repo: Repository<ClientRow>;
  constructor(ds: DataSource, private readonly now: () => number = Date.now) {
    this.repo = ds.getRepository<ClientRow>('clients');
  }

  /**
   * Stores a new app. For `client_secret_basic` a secret is generated and returned ONCE; only its hash is kept.
   */
  async create(input: NewClient): Promise<{ client: RegisteredClient; clientSecret?: string }> {
    const clientId = input.clientId ?? randomBytes(16).toString('base64url');
    const clientSecret = input.authMethod === 'client_secret_basic' ? newSecret() : undefined;
    const t = this.now();
    const row: ClientRow = {
      clientId, name: input.name, developerAccountId: input.developerAccountId, clientType: input.clientType, authMethod: input.authMethod,
      secretHash: clientSecret ? await hashSecret(clientSecret) : null, redirectUris: JSON.stringify(input.redirectUris),
      launchUri: input.launchUri, jwks: input.jwks ? JSON.stringify(input.jwks) : null, jwksUri: input.jwksUri, scope: input.scope,
      backendServices: input.backendServices, allowedOrigins: JSON.stringify(input.allowedOrigins), metadata: JSON.stringify(input.metadata),
      createdAt: t, updatedAt: t, deletedAt: null,
    };
    await this.repo.insert(row);
    return { client: toModel(row), clientSecret };
  }

  async find(clientId: string): Promise<RegisteredClient | undefined> {
    const row = await this.repo.findOne({ where: { clientId, deletedAt: IsNull() } });
    return row ? toModel(row) : undefined;
  }

  async listByDeveloper(developerAccountId: string): Promise<RegisteredClient[]> {
    const rows = await this.repo.find({ where: { developerAccountId, deletedAt: IsNull() }, order: { createdAt: 'ASC' } });
    return rows.map(toModel);
  }

  async listAll(): Promise<RegisteredClient[]> {
    return (await this.repo.find({ where: { deletedAt: IsNull() }, order: { createdAt: 'ASC' } })).map(toModel);
  }

  /** Updates the editable fields of an app. */
  async update(clientId: string, changes: Partial<Omit<NewClient, 'clientId' | 'authMethod' | 'clientType'>>): Promise<void> {
    const patch: Partial<ClientRow> = { updatedAt: this.now() };
    if (changes.name !== undefined) patch.name = changes.name;
    if (changes.redirectUris !== undefined) patch.redirectUris = JSON.stringify(changes.redirectUris);
    if (changes.launchUri !== undefined) patch.launchUri = changes.launchUri;
    if (changes.jwks !== undefined) patch.jwks = changes.jwks ? JSON.stringify(changes.jwks) : null;
    if (changes.jwksUri !== undefined) patch.jwksUri = changes.jwksUri;
    if (changes.scope !== undefined) patch.scope = changes.scope;
    if (changes.allowedOrigins !== undefined) patch.allowedOrigins = JSON.stringify(changes.allowedOrigins);
    if (changes.metadata !== undefined) patch.metadata = JSON.stringify(changes.metadata);
    await this.repo.update({ clientId }, patch);
  }

  /** Replaces the secret of a `client_secret_basic` app; returns the new secret (shown once). */
  async rotateSecret(clientId: string): Promise<string> {
    const client = await this.find(clientId);
    if (!client || client.authMethod !== 'client_secret_basic') throw new Error('Only apps using client_secret_basic have a secret');
    const secret = newSecret();
    await this.repo.update({ clientId }, { secretHash: await hashSecret(secret), updatedAt: this.now() });
    return secret;
  }

  /** Soft-deletes an app (its tokens stop being issued: Client lookups no longer find it). */
  async delete(clientId: string): Promise<void> {
    await this.repo.update({ clientId }, { deletedAt: this.now() });
  }
}
