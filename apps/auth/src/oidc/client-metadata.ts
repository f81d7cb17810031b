import { createHmac } from 'node:crypto';
import type { RegisteredClient } from '#facade/facade-store';

/** Extra client metadata properties this server understands (oidc-provider `extraClientMetadata`). */
export const EXTRA_CLIENT_METADATA = ['smart_scope', 'smart_backend_services', 'smart_launch_uri', 'smart_allowed_origins'] as const;

/**
 * The secret oidc-provider compares for a `client_secret_basic` client. The real secret is only stored as a
 * scrypt hash; the pre-token middleware checks the presented secret against that hash and, when it matches,
 * substitutes this derived value (an HMAC over the hash, so rotating the secret changes it too).
 */
export function internalClientSecret(pepper: string, client: Pick<RegisteredClient, 'clientId' | 'secretHash'>): string {
  return createHmac('sha256', pepper).update(`${client.clientId}\0${client.secretHash ?? ''}`).digest('base64url');
}

/** oidc-provider client metadata for a registered app. */
export function toOidcClientMetadata(client: RegisteredClient, pepper: string): Record<string, unknown> {
  const base: Record<string, unknown> = {
    client_id: client.clientId,
    client_name: client.name,
    token_endpoint_auth_method: client.authMethod,
    smart_scope: client.scope,
    smart_backend_services: client.backendServices,
    smart_allowed_origins: client.allowedOrigins,
    client_id_issued_at: Math.floor(client.createdAt / 1000),
  };
  if (client.launchUri) base.smart_launch_uri = client.launchUri;
  if (client.backendServices) {
    Object.assign(base, { grant_types: ['client_credentials'], response_types: [], redirect_uris: [] });
  } else {
    Object.assign(base, { grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], redirect_uris: client.redirectUris });
  }
  if (client.authMethod === 'client_secret_basic') base.client_secret = internalClientSecret(pepper, client);
  if (client.jwks) base.jwks = client.jwks;
  if (client.jwksUri) base.jwks_uri = client.jwksUri;
  return base;
}
