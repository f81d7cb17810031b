import { Controller, Get, Headers, Inject, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { LEGACY_DATA_SOURCE, OIDC_RUNTIME } from '../tokens.js';
import { profileClaims } from './account-claims.js';
import type { OidcRuntime } from './provider-factory.js';

/**
 * OpenID Connect userinfo for this server's JWT access tokens (oidc-provider's own endpoint only accepts its
 * opaque, audience-less tokens). Needs the `openid` scope; `fhirUser` and `profile` add their claims.
 */
@Controller('me')
export class UserinfoController {
  constructor(@Inject(OIDC_RUNTIME) private readonly rt: OidcRuntime, @Inject(LEGACY_DATA_SOURCE) private readonly legacy: DataSource) {}

  @Get()
  get(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.userinfo(authorization, res);
  }

  @Post()
  post(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: Response) {
    return this.userinfo(authorization, res);
  }

  private async userinfo(authorization: string | undefined, res: Response) {
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    const token = authorization && /^bearer /i.test(authorization) ? authorization.slice(7).trim() : '';
    const at = token ? await this.rt.verifier.verify(token) : undefined;
    if (!at) {
      res.status(401).set('WWW-Authenticate', 'Bearer error="invalid_token"');
      return { error: 'invalid_token', error_description: 'a valid access token is required' };
    }
    const scopes = new Set(at.scope.split(' '));
    if (!scopes.has('openid') || at.sub === at.client_id) {
      res.status(403).set('WWW-Authenticate', 'Bearer error="insufficient_scope", scope="openid"');
      return { error: 'insufficient_scope', error_description: 'the access token lacks the openid scope' };
    }
    const out: Record<string, unknown> = { sub: at.sub };
    if (scopes.has('fhirUser') && at.fhirUser) out.fhirUser = at.fhirUser;
    if (scopes.has('profile')) Object.assign(out, await profileClaims(this.legacy, at.sub));
    return out;
  }
}
