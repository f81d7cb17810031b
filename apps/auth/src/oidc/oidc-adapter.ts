import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { FacadeStore } from '#facade/facade-store';
import { toOidcClientMetadata } from './client-metadata.js';

/**
 * oidc-provider adapter over the facade store: every artifact (sessions, interactions, codes, refresh tokens,
 * grants, replay records) is persisted, so several auth instances can serve behind a load balancer.
 * `Client` is read from the registered-apps table (registration goes through ClientRegistrationService).
 */
export function facadeAdapterFactory(store: FacadeStore, pepper: () => string) {
  return class FacadeOidcAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.model === 'Client') throw new Error('Clients are registered through the registration service');
      await store.oidc.upsert(this.model, id, payload as Record<string, unknown>, expiresIn);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') {
        const client = await store.clients.find(id);
        return client ? (toOidcClientMetadata(client, pepper()) as AdapterPayload) : undefined;
      }
      return (await store.oidc.find(this.model, id)) as AdapterPayload | undefined;
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return (await store.oidc.findByUserCode(this.model, userCode)) as AdapterPayload | undefined;
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return (await store.oidc.findByUid(this.model, uid)) as AdapterPayload | undefined;
    }

    async consume(id: string): Promise<void> {
      await store.oidc.consume(this.model, id);
    }

    async destroy(id: string): Promise<void> {
      await store.oidc.destroy(this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await store.oidc.revokeByGrantId(grantId);
    }
  };
}
