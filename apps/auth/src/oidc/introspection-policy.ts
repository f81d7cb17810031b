import type { EndpointCaller } from './endpoint-client-auth.js';

/**
 * Who may learn about a token at the introspection endpoint (everyone else gets `{"active":false}`, the same answer
 * as for an unknown token, so the endpoint is no token-testing oracle):
 * - the token's own client, authenticated with its client credentials or presenting one of its own access tokens
 *   as bearer (SMART: introspection SHALL accept a bearer token; a bearer may thus introspect itself or any token
 *   of its own client, never another app's);
 * - a resource server the operator listed in AUTH_INTROSPECTION_CLIENTS, authenticated with client credentials
 *   (a bearer token never makes its caller a resource server).
 */
export function mayIntrospect(caller: EndpointCaller, tokenClientId: string, resourceServers: readonly string[]): boolean {
  if (!caller.authenticated) return false;
  if (caller.clientId === tokenClientId) return true;
  return caller.kind === 'client' && resourceServers.includes(caller.clientId);
}
