import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { AuthConfig } from '../auth-config.js';
import { AUTH_CONFIG } from '../tokens.js';
import { SMART_STYLE, buildSmartConfiguration } from './smart-configuration.js';

/** Discovery documents served by NestJS (oidc-provider serves openid-configuration and jwks). */
@Controller()
export class SmartConfigurationController {
  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {}

  /** SMART discovery at the auth server root too (the FHIR API serves it under each FHIR base). */
  @Get('.well-known/smart-configuration')
  @Header('Content-Type', 'application/json')
  @Header('Access-Control-Allow-Origin', '*')
  smartConfiguration() {
    return buildSmartConfiguration(this.config.authPublicUrl);
  }

  /** The `smart_style_url` document. */
  @Get('smart-style.json')
  @Header('Content-Type', 'application/json')
  @Header('Access-Control-Allow-Origin', '*')
  @Header('Cache-Control', 'public, max-age=3600')
  style() {
    return SMART_STYLE;
  }
}
