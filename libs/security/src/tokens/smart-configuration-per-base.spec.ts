import { describe, expect, it } from '@jest/globals';
import { buildSmartConfiguration } from './smart-configuration.js';
import { smartConfigurationForBase } from './smart-configuration-per-base.js';

describe('smartConfigurationForBase', () => {
  const doc = buildSmartConfiguration('https://auth.example', { authorizePost: true });

  it('/fhir advertises the whole deployment', () => {
    expect(smartConfigurationForBase(doc, 'fhir')).toEqual(doc);
  });

  it('/open advertises only what the patient API serves (no EHR launch, permission-user, user/system scopes, client_credentials)', () => {
    const open = smartConfigurationForBase(doc, 'open');
    expect(open.capabilities).not.toEqual(expect.arrayContaining(['launch-ehr']));
    for (const c of ['launch-ehr', 'permission-user', 'context-ehr-patient', 'context-ehr-encounter']) expect(open.capabilities).not.toContain(c);
    expect(open.capabilities).toEqual(expect.arrayContaining(['launch-standalone', 'context-standalone-patient', 'permission-patient', 'permission-offline', 'authorize-post']));
    expect(open.scopes_supported.filter((s) => /^(user|system)\//.test(s) || s === 'launch' || s === 'launch/encounter')).toEqual([]);
    expect(open.scopes_supported).toEqual(expect.arrayContaining(['openid', 'fhirUser', 'launch/patient', 'patient/*.rs', 'offline_access']));
    expect(open.grant_types_supported).toEqual(['authorization_code', 'refresh_token']);
    expect(open.token_endpoint).toBe(doc.token_endpoint);
  });
});
