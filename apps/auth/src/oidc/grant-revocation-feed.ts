import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { FacadeStore } from '#facade/facade-store';
import type { SmartContextLookup } from './smart-context.js';

const PENDING = Symbol('grant-revocations-pending');
type WithPending = { [PENDING]?: Promise<void>[] };

/**
 * Makes every grant oidc-provider revokes on its own (a replayed authorization code, a replayed rotated refresh
 * token) reach the revocation feed the FHIR API polls, like the revocations of the token endpoints and portals:
 * the access tokens the grant already issued are self-contained JWTs and would otherwise stay valid there until
 * they expire. The feed record is written before the token endpoint answers.
 */
export function feedProviderGrantRevocations(provider: Provider, store: FacadeStore, lookup: SmartContextLookup, onError: (err: Error) => void): void {
  provider.on('grant.revoked', (ctx: KoaContextWithOIDC, grantId: string) => {
    const write = (async () => {
      const context = await lookup.context(undefined, grantId);
      await store.revocations.revokeGrant(grantId, ctx?.oidc?.client?.clientId ?? null, context?.practiceId ?? null);
    })().catch(onError);
    if (ctx) ((ctx as unknown as WithPending)[PENDING] ??= []).push(write);
  });
  // Answer only once the feed has the revocation (a client seeing the error may at once try its access token).
  provider.use(async (ctx, next) => {
    await next();
    const pending = (ctx as unknown as WithPending)[PENDING];
    if (pending) await Promise.all(pending);
  });
}
