import { Controller, Get, Header, Inject, Redirect } from '@nestjs/common';
import { buildSmartConfiguration } from '#facade/security';
import type { AuthConfig } from '../auth-config.js';
import { AUTH_CONFIG } from '../tokens.js';
import { SMART_STYLE } from './smart-style.js';

/** Discovery documents served by NestJS (oidc-provider serves openid-configuration and jwks). */
@Controller()
export class SmartConfigurationController {
  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {}

  /** SMART discovery at the auth server root too (the FHIR API serves the same document under each FHIR base). */
  @Get('.well-known/smart-configuration')
  @Header('Content-Type', 'application/json')
  @Header('Access-Control-Allow-Origin', '*')
  smartConfiguration() {
    return buildSmartConfiguration(this.config.authPublicUrl, { authorizePost: this.config.auth.authorizePost });
  }

  /** The `smart_style_url` document. */
  @Get('smart-style.json')
  @Header('Content-Type', 'application/json')
  @Header('Access-Control-Allow-Origin', '*')
  @Header('Cache-Control', 'public, max-age=3600')
  style() {
    return SMART_STYLE;
  }

  /** The advertised `management_endpoint`: the patient's connected-apps page. */
  @Get('apps')
  @Redirect('/portal/patient', 302)
  manage() {
    return undefined;
  }
}
