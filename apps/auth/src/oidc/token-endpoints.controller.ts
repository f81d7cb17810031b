import { Body, Controller, Headers, HttpCode, Inject, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { FacadeStore } from '#facade/facade-store';
import { smartAuthEndpoints } from '#facade/security';
import type { AuthConfig } from '../auth-config.js';
import { AUTH_CONFIG, FACADE_STORE, OIDC_RUNTIME } from '../tokens.js';
import type { OidcRuntime } from './provider-factory.js';
import { mayIntrospect } from './introspection-policy.js';
import { absoluteFhirUser } from './smart-context.js';

type Form = Record<string, unknown>;

function oauthError(res: Response, status: number, error: string, description: string) {
  res.status(status).set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  if (status === 401) res.set('WWW-Authenticate', 'Basic realm="token", Bearer');
  return { error, error_description: description };
}

/**
 * RFC 7662 introspection (with the SMART fields) and RFC 7009 revocation for this server's JWT access tokens and
 * its refresh tokens. oidc-provider's own endpoints only handle opaque tokens and client authentication;
 * SMART also asks introspection to accept a bearer token.
 * https://hl7.org/fhir/smart-app-launch/STU2.2/token-introspection.html
 */
@Controller('token')
export class TokenEndpointsController {
  constructor(
    @Inject(OIDC_RUNTIME) private readonly rt: OidcRuntime,
    @Inject(FACADE_STORE) private readonly store: FacadeStore,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  @Post('introspection')
  @HttpCode(200)
  async introspect(@Headers() headers: Record<string, string | undefined>, @Body() body: Form, @Res({ passthrough: true }) res: Response) {
    const caller = await this.rt.endpointAuth.authenticate(headers, body ?? {}, smartAuthEndpoints(this.config.authPublicUrl).introspect, { bearer: true, publicClient: false });
    if (!caller) return oauthError(res, 401, 'invalid_client', 'authenticate with client credentials or a bearer access token');
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    const token = typeof body?.token === 'string' ? body.token : '';
    if (!token) return oauthError(res, 400, 'invalid_request', "missing required parameter 'token'");
    const allowed = (tokenClientId: unknown) => typeof tokenClientId === 'string' && mayIntrospect(caller, tokenClientId, this.config.auth.introspectionClients);
    const at = await this.rt.verifier.verify(token);
    if (at) {
      // Another app's token: the same answer as for an unknown one (see introspection-policy.ts).
      if (!allowed(at.client_id)) return { active: false };
      const out: Record<string, unknown> = {
        active: true, scope: at.scope, client_id: at.client_id, exp: at.exp, iat: at.iat, sub: at.sub, aud: at.aud, iss: at.iss, token_type: 'Bearer',
      };
      for (const k of ['patient', 'encounter', 'fhirUser'] as const) if (at[k] !== undefined) out[k] = at[k];
      return out;
    }
    const rtk = await this.rt.provider.RefreshToken.find(token);
    if (rtk && allowed(rtk.clientId) && !rtk.isExpired && !rtk.consumed && !(await this.store.revocations.isRevoked('grant', rtk.grantId as string))) {
      const context = rtk.grantId ? await this.rt.grantContexts.load(rtk.grantId) : undefined;
      const approved = context ? await this.store.approvals.findActive(rtk.clientId as string, context.practiceId) : undefined;
      if (context && approved) {
        const out: Record<string, unknown> = { active: true, scope: rtk.scope, client_id: rtk.clientId, exp: rtk.exp, iat: rtk.iat, sub: rtk.accountId, iss: this.config.authPublicUrl, token_type: 'refresh_token' };
        if (context.patientId !== undefined) out.patient = String(context.patientId);
        if (context.encounterId !== undefined) out.encounter = String(context.encounterId);
        const fhirUser = absoluteFhirUser(context);
        if (fhirUser) out.fhirUser = fhirUser;
        return out;
      }
    }
    return { active: false };
  }

  @Post('revocation')
  @HttpCode(200)
  async revoke(@Headers() headers: Record<string, string | undefined>, @Body() body: Form, @Res({ passthrough: true }) res: Response) {
    const caller = await this.rt.endpointAuth.authenticate(headers, body ?? {}, smartAuthEndpoints(this.config.authPublicUrl).revoke, { bearer: false, publicClient: true });
    if (!caller) return oauthError(res, 401, 'invalid_client', 'client authentication failed');
    res.set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    const token = typeof body?.token === 'string' ? body.token : '';
    if (!token) return oauthError(res, 400, 'invalid_request', "missing required parameter 'token'");
    const at = await this.rt.verifier.verify(token);
    if (at) {
      if (at.client_id === caller.clientId) {
        await this.store.revocations.revokeJti(at.jti, at.client_id, (at.exp ?? 0) * 1000);
        await this.store.audit.record('token.revoked', { clientId: at.client_id, detail: { kind: 'access_token' } });
      }
      return {};
    }
    const rtk = await this.rt.provider.RefreshToken.find(token);
    if (rtk && rtk.clientId === caller.clientId && rtk.grantId) {
      // Revoking a refresh token ends the whole grant (its access tokens too), as RFC 7009 §2.1 suggests.
      const context = await this.rt.grantContexts.load(rtk.grantId);
      await this.store.revocations.revokeGrant(rtk.grantId, rtk.clientId, context?.practiceId ?? null);
      await this.store.oidc.revokeByGrantId(rtk.grantId);
      await this.store.audit.record('grant.revoked', { clientId: rtk.clientId, practiceId: context?.practiceId ?? null, detail: { via: 'refresh_token' } });
    }
    return {};
  }
}
