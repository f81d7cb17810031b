import type { NextFunction, Request, Response } from 'express';
import type Provider from 'oidc-provider';
import type { FacadeStore } from '#facade/facade-store';
import { isContextScope, isKnownScope, scopeCovers, splitScopes } from './smart-scopes.js';

/** oidc-provider's own limit for form bodies. */
const BODY_LIMIT = 56 * 1024;

type StoredRefreshToken = {
  clientId: string; grantId: string; resource?: string | string[]; scope?: string; scopes: Set<string>;
  isExpired: boolean; consumed?: unknown; save(): Promise<unknown>;
};
type StoredGrant = { getResourceScope(resource: string): string; addResourceScope(resource: string, scope: string): void; save(): Promise<unknown> };

async function readBody(req: Request): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * SMART's subset rule on refresh (App Launch 2.2 §"Refresh access token"): a refresh may ask for any scope the
 * grant covers, e.g. `patient/Observation.rs` under `patient/*.rs`, or `patient/Observation.read` under
 * `patient/*.read`. oidc-provider compares scope strings exactly, so each covered scope is recorded on the
 * refresh token and its grant first (they already cover it: nothing wider is ever issued). Context scopes
 * (`openid`, `launch/patient`, `offline_access`...) still need an exact match.
 *
 * @returns the scopes that were admitted this way.
 */
export async function admitCoveredScopes(provider: Provider, token: StoredRefreshToken, requested: string[]): Promise<string[]> {
  if (token.isExpired || token.consumed) return [];
  const resource = Array.isArray(token.resource) ? token.resource[0] : token.resource;
  if (!resource) return [];
  const held = [...token.scopes];
  const candidates = requested.filter((s) => !token.scopes.has(s) && isKnownScope(s) && !isContextScope(s) && held.some((h) => scopeCovers(h, s)));
  if (!candidates.length) return [];
  const grant = (await provider.Grant.find(token.grantId)) as unknown as StoredGrant | undefined;
  if (!grant) return [];
  const granted = splitScopes(grant.getResourceScope(resource));
  const admitted = candidates.filter((s) => granted.some((g) => scopeCovers(g, s)));
  if (!admitted.length) return [];
  grant.addResourceScope(resource, admitted.join(' '));
  await grant.save();
  token.scope = [...held, ...admitted].join(' ');
  await token.save();
  return admitted;
}

/**
 * Express middleware in front of oidc-provider's token endpoint for refresh requests (form bodies are read here
 * and handed on as `req.body`, which oidc-provider then uses):
 * - a public client's refresh without `client_id` (what fhirclient sends by default) is bound to the refresh
 *   token's own client. A public client has no secret, so `client_id` authenticates nothing: naming the
 *   token's client is what the request means. Confidential clients still have to authenticate.
 * - narrower scopes the grant covers are admitted (see {@link admitCoveredScopes}).
 */
export function refreshRequestBridge(provider: Provider, store: FacadeStore) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST' || !req.is('application/x-www-form-urlencoded')) return next();
    void (async () => {
      const raw = await readBody(req);
      if (raw === undefined) {
        res.status(413).set({ 'Cache-Control': 'no-store' }).json({ error: 'invalid_request', error_description: 'request body too large' });
        return;
      }
      const params = new URLSearchParams(raw);
      const value = params.get('refresh_token');
      if (params.get('grant_type') === 'refresh_token' && value) {
        const token = (await provider.RefreshToken.find(value, { ignoreExpiration: true })) as unknown as StoredRefreshToken | undefined;
        if (token) {
          const unauthenticated = !params.has('client_id') && !req.headers.authorization && !params.has('client_assertion');
          if (unauthenticated && (await store.clients.find(token.clientId))?.authMethod === 'none') params.set('client_id', token.clientId);
          const scope = params.get('scope');
          // Harmless whoever asks (only scopes the grant already covers); oidc-provider then authenticates the client.
          if (scope) await admitCoveredScopes(provider, token, splitScopes(scope));
        }
      }
      (req as Request & { body?: string }).body = params.toString();
      next();
    })().catch(() => {
      if (!res.headersSent) res.status(500).set({ 'Cache-Control': 'no-store' }).json({ error: 'server_error', error_description: 'the request could not be processed' });
    });
  };
}
