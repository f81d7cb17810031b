import type { KoaContextWithOIDC } from 'oidc-provider';
import type { FacadeStore, PracticeApprovalRow } from '#facade/facade-store';
import type { SmartGrantContext } from '../contracts.js';
import type { FacadeGrantContextStore } from './grant-context.store.js';

/** Per-request memo of grant contexts and approvals (oidc-provider asks several hooks for the same data). */
const MEMO = Symbol('smart-memo');
type Memo = { contexts: Map<string, SmartGrantContext | undefined>; approvals: Map<string, PracticeApprovalRow | undefined> };

function memo(ctx: KoaContextWithOIDC): Memo {
  const c = ctx as unknown as { [MEMO]?: Memo };
  c[MEMO] ??= { contexts: new Map(), approvals: new Map() };
  return c[MEMO];
}

/** The grant id of whatever artifact the current request is working on. */
export function currentGrantId(ctx: KoaContextWithOIDC): string | undefined {
  const e = ctx.oidc?.entities ?? {};
  return e.AccessToken?.grantId ?? e.AuthorizationCode?.grantId ?? e.RefreshToken?.grantId ?? e.Grant?.jti;
}

/** Loads (memoized per request) the SMART context and the practice approval of a grant. */
export class SmartContextLookup {
  constructor(private readonly store: FacadeStore, private readonly contexts: FacadeGrantContextStore) {}

  async context(ctx: KoaContextWithOIDC | undefined, grantId: string): Promise<SmartGrantContext | undefined> {
    const m = ctx ? memo(ctx) : undefined;
    if (m?.contexts.has(grantId)) return m.contexts.get(grantId);
    const found = await this.contexts.load(grantId);
    m?.contexts.set(grantId, found);
    return found;
  }

  async approval(ctx: KoaContextWithOIDC | undefined, clientId: string, practiceId: number): Promise<PracticeApprovalRow | undefined> {
    const key = `${clientId}\0${practiceId}`;
    const m = ctx ? memo(ctx) : undefined;
    if (m?.approvals.has(key)) return m.approvals.get(key);
    const found = await this.store.approvals.findActive(clientId, practiceId);
    m?.approvals.set(key, found);
    return found;
  }

  /** The approval memoized earlier in this request, if any (for oidc-provider's synchronous TTL hooks). */
  memoizedApproval(ctx: KoaContextWithOIDC | undefined, clientId: string): PracticeApprovalRow | undefined {
    if (!ctx) return undefined;
    for (const [key, value] of memo(ctx).approvals) if (key.startsWith(`${clientId}\0`) && value) return value;
    return undefined;
  }
}

/** Absolute fhirUser URL from the relative one stored in a grant context. */
export function absoluteFhirUser(context: Pick<SmartGrantContext, 'fhirUser' | 'audience'>): string | undefined {
  if (!context.fhirUser) return undefined;
  return /^https?:\/\//.test(context.fhirUser) ? context.fhirUser : `${context.audience}/${context.fhirUser}`;
}
