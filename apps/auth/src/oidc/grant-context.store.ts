import type { FacadeStore } from '#facade/facade-store';
import type { SmartGrantContext, SmartGrantContextStore } from '../contracts.js';

/** {@link SmartGrantContextStore} over the facade store's `grant_contexts` table. */
export class FacadeGrantContextStore implements SmartGrantContextStore {
  constructor(private readonly store: FacadeStore) {}

  /** Saves (replaces) the context of a grant. `clientId` is recorded for per-app listings and revocation. */
  async save(grantId: string, context: SmartGrantContext, clientId?: string): Promise<void> {
    await this.store.grantContexts.save(grantId, clientId ?? null, context as unknown as SmartGrantContext & Record<string, unknown>);
  }

  async load(grantId: string): Promise<SmartGrantContext | undefined> {
    return (await this.store.grantContexts.load(grantId)) as SmartGrantContext | undefined;
  }
}
