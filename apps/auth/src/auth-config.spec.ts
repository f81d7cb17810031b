import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '#facade/config';
import { authConfigFrom } from './auth-config.js';

const base = () => loadConfig({ DATA_DIR: '/tmp/auth-config-spec', FHIR_PUBLIC_URL: 'https://api.clinic.example', AUTH_PUBLIC_URL: 'https://auth.clinic.example' });

describe('auth configuration', () => {
  it('defaults: 1 h access tokens, 92-day refresh tokens, 5-min backend tokens, POST authorize on https, both FHIR bases', () => {
    const c = authConfigFrom(base(), {});
    expect(c.auth).toMatchObject({ accessTokenTtl: 3600, refreshTokenTtl: 92 * 86400, clientCredentialsTtl: 300, authorizePost: true, secureCookies: true, keyEncryptionSecret: null });
    expect(c.fhirBases).toEqual({ provider: 'https://api.clinic.example/fhir', patient: 'https://api.clinic.example/open' });
  });

  it('names every invalid setting at once', () => {
    try {
      authConfigFrom(base(), { ACCESS_TOKEN_TTL_SECONDS: '7200', REFRESH_TOKEN_TTL_DAYS: '30', AUTH_KEY_ENCRYPTION_SECRET: 'short', EHR_LAUNCH_SECRET: 'x' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      for (const name of ['ACCESS_TOKEN_TTL_SECONDS', 'REFRESH_TOKEN_TTL_DAYS', 'AUTH_KEY_ENCRYPTION_SECRET', 'EHR_LAUNCH_SECRET']) expect(problems).toContain(name);
    }
  });

  it('registration: /reg closed by default, opened only explicitly; 10 registrations per IP and hour unless set', () => {
    expect(authConfigFrom(base(), {}).auth).toMatchObject({ registrationToken: null, openRegistration: false, registrationsPerHour: 10 });
    expect(authConfigFrom(base(), { AUTH_OPEN_REGISTRATION: 'true', AUTH_REGISTRATION_PER_HOUR: '50' }).auth).toMatchObject({ openRegistration: true, registrationsPerHour: 50 });
    expect(() => authConfigFrom(base(), { AUTH_REGISTRATION_PER_HOUR: '0' })).toThrow(ConfigError);
  });

  it('reads the resource servers allowed to introspect, refusing malformed ids', () => {
    expect(authConfigFrom(base(), {}).auth.introspectionClients).toEqual([]);
    expect(authConfigFrom(base(), { AUTH_INTROSPECTION_CLIENTS: ' rs-1 , fhir.api ' }).auth.introspectionClients).toEqual(['rs-1', 'fhir.api']);
    expect(() => authConfigFrom(base(), { AUTH_INTROSPECTION_CLIENTS: 'ok,bad id' })).toThrow(ConfigError);
  });

  it('plain http turns POST authorize off unless forced', () => {
    const http = loadConfig({ DATA_DIR: '/tmp/auth-config-spec' });
    expect(authConfigFrom(http, {}).auth.authorizePost).toBe(false);
    expect(authConfigFrom(http, { AUTH_AUTHORIZE_POST: 'true' }).auth.authorizePost).toBe(true);
  });
});
