import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { ClientRegistrationService, widenedScopes } from './client-registration.service.js';

describe('widenedScopes', () => {
  it('lists only scopes no earlier scope covers', () => {
    expect(widenedScopes('system/Patient.rs', 'system/*.rs')).toEqual(['system/*.rs']);
    expect(widenedScopes('patient/*.rs user/*.rs', 'patient/Observation.rs user/*.rs')).toEqual([]);
    expect(widenedScopes('patient/Patient.rs', 'patient/Patient.rs patient/Condition.rs')).toEqual(['patient/Condition.rs']);
    expect(widenedScopes('patient/*.rs', 'patient/*.rs')).toEqual([]);
  });
});

describe('ClientRegistrationService.update and practice approvals', () => {
  let dir: string;
  let store: FacadeStore;
  let svc: ClientRegistrationService;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'client-reg-'));
    store = await openFacadeStore({ kind: 'sqlite', path: join(dir, 'facade.sqlite') });
    svc = new ClientRegistrationService(store);
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const register = async () => (await svc.register({
    name: 'Scoped', clientType: 'confidential', authMethod: 'client_secret_basic', redirectUris: ['https://app.example/cb'], scope: 'patient/*.rs',
  })).client.clientId;

  it('revokes every approval (and its grants) when an edit adds a scope the practices never approved', async () => {
    const clientId = await register();
    await store.approvals.approve(clientId, 1, 'admin');
    await store.approvals.approve(clientId, 2, 'admin');
    await store.grantContexts.save('widen-g', clientId, { practiceId: 1, accountId: 'user:1' });
    await svc.update(clientId, { scope: 'patient/*.rs user/*.rs' }, 'developer:1');
    expect(await store.approvals.findActive(clientId, 1)).toBeUndefined();
    expect(await store.approvals.findActive(clientId, 2)).toBeUndefined();
    expect(await store.revocations.isRevoked('grant', 'widen-g')).toBe(true);
  });

  it('keeps approvals when an edit narrows the scopes or changes other settings', async () => {
    const clientId = await register();
    await store.approvals.approve(clientId, 1, 'admin');
    await svc.update(clientId, { scope: 'patient/Observation.rs', name: 'Renamed' }, 'developer:1');
    expect(await store.approvals.findActive(clientId, 1)).toBeDefined();
  });
});
