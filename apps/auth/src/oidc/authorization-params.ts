import { errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { FacadeStore } from '#facade/facade-store';

/** Normalizes a FHIR base URL for comparison (no trailing slash). */
export function normalizeBase(value: string): string {
  return value.replace(/\/+$/, '');
}

function rawAuthorizationParam(ctx: KoaContextWithOIDC, name: string): string | undefined {
  const source = (ctx.method === 'POST' ? (ctx.oidc as unknown as { body?: Record<string, unknown> }).body : ctx.query) ?? {};
  const v = source[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * oidc-provider drops `offline_access` unless `prompt=consent` was sent (SMART apps never send it). Put it (and
 * `online_access`) back when the app asked for it and may use refresh tokens. Runs as an extraParams validator,
 * i.e. after the scope check. https://github.com/panva/node-oidc-provider/issues/777
 */
export function restoreRefreshScopes(ctx: KoaContextWithOIDC): void {
  const raw = (rawAuthorizationParam(ctx, 'scope') ?? '').split(' ');
  const current = new Set((ctx.oidc.params?.scope as string | undefined)?.split(' ').filter(Boolean) ?? []);
  if (!ctx.oidc.client?.grantTypeAllowed('refresh_token')) return;
  for (const s of ['offline_access', 'online_access']) if (raw.includes(s)) current.add(s);
  (ctx.oidc.params as Record<string, unknown>).scope = [...current].join(' ') || undefined;
}

/**
 * The authorize-request `aud` and `launch` parameter validators. An unknown `aud` or an unusable `launch` is
 * an error redirect to the app (no code is issued).
 */
export function smartExtraParams(store: FacadeStore, fhirBases: string[]) {
  const bases = new Set(fhirBases.map(normalizeBase));
  return {
    aud(ctx: KoaContextWithOIDC, value: string | undefined) {
      restoreRefreshScopes(ctx);
      if (!value) throw new errors.InvalidRequest("missing required parameter 'aud' (the FHIR server base URL)");
      if (!bases.has(normalizeBase(value))) throw new errors.InvalidRequest("'aud' is not a FHIR server this authorization server protects");
      const resource = ctx.oidc.params?.resource as string | string[] | undefined;
      if (resource && (Array.isArray(resource) || normalizeBase(resource) !== normalizeBase(value))) {
        throw new errors.InvalidTarget("'resource' must equal 'aud'");
      }
    },
    async launch(ctx: KoaContextWithOIDC, value: string | undefined, client: { clientId: string }) {
      if (value === undefined) return;
      const launch = value ? await store.launches.findUsable(value) : undefined;
      if (!launch) throw new errors.InvalidRequest("'launch' is unknown, expired or already used");
      if (launch.clientId && launch.clientId !== client.clientId) throw new errors.InvalidRequest("'launch' was issued for another app");
      const aud = ctx.oidc.params?.aud as string | undefined;
      if (aud && normalizeBase(aud) !== normalizeBase(launch.audience)) throw new errors.InvalidRequest("'aud' must equal the 'iss' of the EHR launch");
      const scopes = ((ctx.oidc.params?.scope as string | undefined) ?? '').split(' ');
      if (!scopes.includes('launch')) throw new errors.InvalidScope("an EHR launch must request the 'launch' scope", 'launch');
    },
  };
}
