import { timingSafeEqual } from 'node:crypto';
import { Body, Controller, Headers, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { JWK } from 'jose';
import type { RegisteredClient } from '#facade/facade-store';
import type { AuthConfig } from '../auth-config.js';
import { AUTH_CONFIG } from '../tokens.js';
import { ClientRegistrationError, ClientRegistrationService, type ClientRegistrationInput } from './client-registration.service.js';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);

/** Maps RFC 7591 client metadata to a registration request. */
export function fromRfc7591(m: Record<string, unknown>): ClientRegistrationInput | string {
  const method = m.token_endpoint_auth_method ?? 'client_secret_basic';
  if (method !== 'none' && method !== 'client_secret_basic' && method !== 'private_key_jwt') return `token_endpoint_auth_method "${String(method)}" is not supported`;
  const grants = strings(m.grant_types) ?? ['authorization_code'];
  const backend = grants.includes('client_credentials');
  if (backend && grants.some((g) => g !== 'client_credentials')) return 'a backend-services client uses the client_credentials grant only';
  if (!backend && grants.some((g) => g !== 'authorization_code' && g !== 'refresh_token')) return 'grant_types must be authorization_code (+ refresh_token) or client_credentials';
  if (m.redirect_uris !== undefined && !strings(m.redirect_uris)) return 'redirect_uris must be an array of strings';
  if (m.contacts !== undefined && !strings(m.contacts)) return 'contacts must be an array of e-mail addresses';
  const practiceIds = m.smart_practice_ids;
  if (practiceIds !== undefined && !(Array.isArray(practiceIds) && practiceIds.every((x) => Number.isSafeInteger(x)))) return 'smart_practice_ids must be an array of practice ids';
  const launch = m.smart_launch_uri ?? m.initiate_login_uri;
  return {
    name: typeof m.client_name === 'string' ? m.client_name : '',
    clientType: method === 'none' ? 'public' : 'confidential',
    authMethod: method,
    redirectUris: strings(m.redirect_uris) ?? [],
    launchUri: typeof launch === 'string' ? launch : null,
    jwks: (m.jwks as { keys: JWK[] } | undefined) ?? null,
    jwksUri: typeof m.jwks_uri === 'string' ? m.jwks_uri : null,
    scope: typeof m.scope === 'string' ? m.scope : '',
    backendServices: backend,
    contacts: strings(m.contacts) ?? [],
    practiceIds: (practiceIds as number[] | undefined) ?? [],
  };
}

/** RFC 7591 response metadata of a registered client. */
export function toRfc7591(c: RegisteredClient, secret?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    client_id: c.clientId, client_id_issued_at: Math.floor(c.createdAt / 1000), client_name: c.name,
    token_endpoint_auth_method: c.authMethod, scope: c.scope,
    grant_types: c.backendServices ? ['client_credentials'] : ['authorization_code', 'refresh_token'],
    response_types: c.backendServices ? [] : ['code'], redirect_uris: c.redirectUris,
  };
  if (secret) Object.assign(out, { client_secret: secret, client_secret_expires_at: 0 });
  if (c.jwks) out.jwks = c.jwks;
  if (c.jwksUri) out.jwks_uri = c.jwksUri;
  if (c.launchUri) out.smart_launch_uri = c.launchUri;
  if (Array.isArray(c.metadata.contacts)) out.contacts = c.metadata.contacts;
  if (Array.isArray(c.metadata.practiceIds)) out.smart_practice_ids = c.metadata.practiceIds;
  return out;
}

/**
 * RFC 7591 dynamic client registration (`POST /reg`), with the same validation as the developer portal.
 * Needs the initial access token (AUTH_REGISTRATION_TOKEN) unless AUTH_OPEN_REGISTRATION=true; registrations
 * per client IP are limited. A registered app still gets no token until a practice approves it.
 */
@Controller('reg')
export class RegistrationController {
  constructor(private readonly registration: ClientRegistrationService, @Inject(AUTH_CONFIG) private readonly config: AuthConfig) {}

  @Post()
  @HttpCode(201)
  async register(@Body() body: unknown, @Headers('authorization') authorization: string | undefined, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    const required = this.config.auth.registrationToken;
    const presented = authorization && /^bearer /i.test(authorization) ? authorization.slice(7).trim() : '';
    if (required ? !sameSecret(presented, required) : !this.config.auth.openRegistration) {
      res.status(401).set('WWW-Authenticate', 'Bearer');
      return { error: 'invalid_token', error_description: 'registration requires the initial access token; developers can register apps in the Connect portal' };
    }
    const wait = this.registration.admit(req.ip);
    if (wait !== undefined) {
      res.status(429).set('Retry-After', String(wait));
      return { error: 'too_many_requests', error_description: 'too many registrations from this address; try again later' };
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      res.status(400);
      return { error: 'invalid_client_metadata', error_description: 'send the client metadata as a JSON object' };
    }
    const input = fromRfc7591(body as Record<string, unknown>);
    if (typeof input === 'string') {
      res.status(400);
      return { error: 'invalid_client_metadata', error_description: input };
    }
    try {
      const { client, clientSecret } = await this.registration.register(input, 'rfc7591');
      return toRfc7591(client, clientSecret);
    } catch (err) {
      if (!(err instanceof ClientRegistrationError)) throw err;
      res.status(400);
      return { error: err.code, error_description: err.message };
    }
  }
}
