import type Provider from 'oidc-provider';
import type { AuthConfig } from '../auth-config.js';
import type { AccountKind } from '../accounts/account.types.js';
import type { ClientSummary } from './views/app-header.view.js';

/** The FHIR base an authorization request is for, and which account table signs in for it. */
export interface RequestAudience {
  base: string;
  kind: 'provider' | 'patient';
  accountKind: AccountKind;
}

const trimSlash = (s: string) => s.replace(/\/+$/, '');

/**
 * `aud` (SMART) or `resource` (RFC 8707) of the request matched against our two FHIR bases: `/fhir` signs in EHR
 * users (USERS), `/open` signs in portal accounts (PORTAL_ACCOUNT). Undefined for anything else.
 */
export function audienceOf(params: Record<string, unknown>, config: Pick<AuthConfig, 'fhirBases'>): RequestAudience | undefined {
  const raw = [params.aud, params.resource].flat().find((v): v is string => typeof v === 'string' && v.length > 0);
  if (!raw) return undefined;
  const aud = trimSlash(raw);
  if (aud === trimSlash(config.fhirBases.provider)) return { base: config.fhirBases.provider, kind: 'provider', accountKind: 'ehr-user' };
  if (aud === trimSlash(config.fhirBases.patient)) return { base: config.fhirBases.patient, kind: 'patient', accountKind: 'portal' };
  return undefined;
}

/** The requested scopes, in request order, without duplicates. */
export function requestedScopes(params: Record<string, unknown>): string[] {
  const raw = typeof params.scope === 'string' ? params.scope : '';
  return [...new Set(raw.split(/\s+/).filter(Boolean))];
}

/** Name and redirect host of a client, for the page headers. */
export async function clientSummary(provider: Provider, clientId: unknown): Promise<ClientSummary> {
  const id = typeof clientId === 'string' ? clientId : '';
  const client = id ? await provider.Client.find(id) : undefined;
  const meta = (client ?? {}) as { clientName?: string; redirectUris?: string[] };
  let host: string | undefined;
  try {
    host = meta.redirectUris?.[0] ? new URL(meta.redirectUris[0]).host : undefined;
  } catch {
    host = undefined;
  }
  return { clientId: id, name: meta.clientName || 'An app', host };
}
