import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { licenseListing, readLicenseQuery } from './license-listing.js';

describe('License Management listing', () => {
  let dir: string;
  let store: FacadeStore;
  const PRACTICE = 7;
  const app = (name: string, metadata: Record<string, unknown> = {}, developerAccountId: string | null = null) => store.clients.create({
    name, developerAccountId, clientType: 'public', authMethod: 'none', redirectUris: ['https://app.example/cb'], launchUri: null, jwks: null, jwksUri: null,
    scope: 'launch/patient patient/*.rs', backendServices: false, allowedOrigins: [], metadata,
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'license-listing-'));
    store = await openFacadeStore({ kind: 'sqlite', path: join(dir, 'facade.sqlite') });
    // 150 anonymous registrations (what an open /reg produced) and a few apps this practice knows.
    for (let i = 0; i < 150; i++) await app(`Spam ${i}`);
    const dev = await store.developers.create('dev@acme.example', 'Acme Health', null);
    const asked = await app('Acme Viewer', { practiceIds: [PRACTICE] }, dev.id);
    const approved = await app('Approved App', { contacts: ['ops@approved.example'] });
    const revoked = await app('Revoked App');
    await app('Other Clinic App', { practiceIds: [PRACTICE + 1] });
    for (let i = 0; i < 25; i++) await app(`Asking ${String(i).padStart(2, '0')}`, { practiceIds: [PRACTICE] });
    await store.approvals.approve(approved.client.clientId, PRACTICE, 'admin');
    await store.approvals.approve(revoked.client.clientId, PRACTICE, 'admin');
    await store.approvals.revoke(revoked.client.clientId, PRACTICE, 'admin');
    expect(asked.client.clientId).toBeTruthy();
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const names = (p: { entries: { app: { name: string } }[] }) => p.entries.map((e) => e.app.name);

  it('lists only apps the practice decided on or that asked for it, 20 per page', async () => {
    const first = await licenseListing(store, PRACTICE, readLicenseQuery({}));
    expect(first.total).toBe(28);
    expect(first.pages).toBe(2);
    expect(first.entries).toHaveLength(20);
    const all = [...names(first), ...names(await licenseListing(store, PRACTICE, readLicenseQuery({ page: '2' })))];
    expect(all).toHaveLength(28);
    expect(all.some((n) => n.startsWith('Spam') || n === 'Other Clinic App')).toBe(false);
    expect(all).toEqual(expect.arrayContaining(['Acme Viewer', 'Approved App', 'Revoked App']));
  });

  it('filters by status and shows the developer and contacts', async () => {
    expect(names(await licenseListing(store, PRACTICE, readLicenseQuery({ status: 'approved' })))).toEqual(['Approved App']);
    expect(names(await licenseListing(store, PRACTICE, readLicenseQuery({ status: 'revoked' })))).toEqual(['Revoked App']);
    expect((await licenseListing(store, PRACTICE, readLicenseQuery({ status: 'pending' }))).total).toBe(26);
    const acme = (await licenseListing(store, PRACTICE, readLicenseQuery({ q: 'acme' }))).entries;
    expect(acme.map((e) => [e.app.name, e.developer])).toEqual([['Acme Viewer', { name: 'Acme Health', email: 'dev@acme.example' }]]);
    expect((await licenseListing(store, PRACTICE, readLicenseQuery({ q: 'ops@approved' }))).entries[0].contacts).toEqual(['ops@approved.example']);
  });

  it('a search looks at every registered app; bad query values fall back to defaults', async () => {
    const spam = await licenseListing(store, PRACTICE, readLicenseQuery({ q: 'spam 149' }));
    expect(names(spam)).toEqual(['Spam 149']);
    expect(readLicenseQuery({ status: 'nonsense', page: '-3', q: ['x'] })).toEqual({ q: '', status: 'all', page: 1 });
    expect((await licenseListing(store, PRACTICE, readLicenseQuery({ page: '999' }))).page).toBe(2);
  });
});
