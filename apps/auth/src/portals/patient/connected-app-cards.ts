import type { FacadeStore } from '#facade/facade-store';
import type { SmartGrantContext } from '../../contracts.js';

/** A grant a portal account gave, with its app. */
export interface AccountGrant {
  grantId: string;
  clientId: string;
  appName: string;
  context: SmartGrantContext;
  createdAt: number;
}

/** Longest access-token lifetime: a grant without refresh token or code is dead once its last access token is. */
const ACCESS_TOKEN_MAX_MS = 3600_000;

/**
 * True while a grant can still reach data: not revoked, its oidc-provider grant record alive, the app still
 * approved for the practice, and either a live refresh token or code, or an access token that may not have
 * expired yet.
 */
export async function isGrantLive(store: FacadeStore, g: AccountGrant, now: number): Promise<boolean> {
  if (await store.revocations.isRevoked('grant', g.grantId)) return false;
  if (!(await store.oidc.find('Grant', g.grantId))) return false;
  if (!(await store.approvals.findActive(g.clientId, g.context.practiceId))) return false;
  if (g.createdAt > now - ACCESS_TOKEN_MAX_MS) return true;
  return (await store.oidc.idsByGrant(g.grantId, ['RefreshToken', 'AuthorizationCode'])).length > 0;
}

/** One card of the connected-apps page: an app at a practice, over every live grant the account gave it there. */
export interface AppCardGrants {
  clientId: string;
  practiceId: number;
  appName: string;
  /** Newest first. */
  grants: AccountGrant[];
}

/** Groups live grants into one entry per app and practice (newest grant first, cards by newest grant). */
export function groupByAppAndPractice(grants: AccountGrant[]): AppCardGrants[] {
  const cards = new Map<string, AppCardGrants>();
  for (const g of [...grants].sort((a, b) => b.createdAt - a.createdAt)) {
    const key = `${g.clientId}\0${g.context.practiceId}`;
    const card = cards.get(key) ?? { clientId: g.clientId, practiceId: g.context.practiceId, appName: g.appName, grants: [] };
    card.grants.push(g);
    cards.set(key, card);
  }
  return [...cards.values()];
}
