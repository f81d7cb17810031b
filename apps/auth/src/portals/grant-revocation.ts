import type { ScreensDeps } from '../web/screens-deps.js';

/**
 * Ends a grant everywhere: oidc-provider's stored records of it (refresh tokens, codes, the grant itself) and a
 * revocation record the FHIR API polls, so access tokens already issued (self-contained JWTs) stop working there
 * within its polling interval.
 */
export async function revokeGrant(deps: ScreensDeps, grantId: string, clientId: string | null, practiceId: number | null): Promise<void> {
  await deps.store.revocations.revokeGrant(grantId, clientId, practiceId);
  const adapter = deps.provider.Grant.adapter as { revokeByGrantId(id: string): Promise<void>; destroy(id: string): Promise<void> };
  await adapter.revokeByGrantId(grantId);
  await adapter.destroy(grantId);
  // The facade store's own records too, whichever adapter the provider was built with.
  await deps.store.oidc.revokeByGrantId(grantId);
  await deps.store.grantContexts.delete(grantId);
}
