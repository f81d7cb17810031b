/**
 * A source whose primary key is composite (PORTAL_PROXY: PORTAL_ID, PAT_ID; RelatedPerson `proxy-<PORTAL_ID>-<PAT_ID>`)
 * through the engine on SQLite and PostgreSQL, over the mappers' fixture rows: keyset pages of one resource walk
 * every row once in key order (with and without a sort whose values tie), `previous` pages walk back, reads and
 * `_id` find exactly the keyed row within the compartment, counts are counted in SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { parseSearch } from '#facade/fhir';
import { TEMP_LEGACY_DIALECTS } from '#facade/legacy-db/src/testing/temp-legacy-db.js';
import { compositeKey } from '#facade/mappers';
import { testContext } from '#facade/mappers/src/testing/test-context.js';
import { expectValidUsCore } from '#facade/mappers/src/testing/expect-valid.js';
import { resourceDefinitions } from '../../resources/index.js';
import { insertRows, loadFixtureRows } from '../../testing/registry-rows.js';
import { ResourceRegistry } from '../registry/resource-registry.js';
import { compareKeys, type Cursor } from './cursor.js';
import { SearchExecutor } from './search-executor.js';
import type { AccessScope } from './source-conditions.js';

const registry = new ResourceRegistry(resourceDefinitions({ mrnSystem: 'urn:oid:2.16.840.1.113883.3.4.5.6', ssnSystem: 'http://hl7.org/fhir/sid/us-ssn' }));
const entry = registry.get('RelatedPerson')!;

function suite(open: () => Promise<{ ds: DataSource; close: () => Promise<void> }>) {
  let ds: DataSource;
  let close: () => Promise<void>;
  let engine: SearchExecutor;
  const ctx = testContext();

  beforeAll(async () => {
    ({ ds, close } = await open());
    await insertRows(ds, await loadFixtureRows());
    engine = new SearchExecutor(ds, ctx.timeZone);
  });
  afterAll(async () => close?.());

  const plan = (query: string, access: AccessScope = {}) => {
    const req = parseSearch(query, entry.spec, { timeZone: ctx.timeZone });
    return { def: entry.def, clauses: req.clauses, access, sort: req.sort[0], count: req.count };
  };
  /** Every page of a search, `count` resources each, following `next`; then back along `previous` from the end. */
  async function walk(query: string, access: AccessScope = {}) {
    const p = plan(query, access);
    const forward: string[] = [];
    const keys: Cursor[] = [];
    let cursor: Cursor | undefined;
    for (let n = 0; n < 20; n++) {
      const page = await engine.search({ ...p, cursor }, ctx);
      expect(page.found.length).toBeLessThanOrEqual(p.count);
      for (const f of page.found) {
        forward.push(f.resource.id!);
        keys.push(f.key);
      }
      if (!page.next) break;
      cursor = page.next;
    }
    const backward: string[] = [];
    cursor = keys[keys.length - 1];
    for (let n = 0; n < 20 && cursor; n++) {
      const page = await engine.search({ ...p, cursor, reverse: true }, ctx);
      backward.push(...page.found.map((f) => f.resource.id!));
      cursor = page.next;
    }
    return { forward, backward, keys };
  }

  it('pages of one walk contacts then proxies, proxies in (PORTAL_ID, PAT_ID) order, each once; previous pages walk back', async () => {
    const all = await engine.search(plan('patient=12&_count=100'), ctx);
    const ids = all.found.map((f) => f.resource.id);
    expect(ids).toEqual(['contact-30', 'contact-32', 'proxy-160-12', 'proxy-161-12']);
    const { forward, backward, keys } = await walk('patient=12&_count=1');
    expect(forward).toEqual(ids);
    expect(backward).toEqual([...ids].reverse().slice(1));
    expect(keys.slice(2).map((k) => k.k)).toEqual([compositeKey([160, 12]), compositeKey([161, 12])]);
    for (let i = 1; i < keys.length; i++) expect(compareKeys(keys[i - 1], keys[i])).toBeLessThan(0);
    for (const f of all.found) expectValidUsCore(f.resource as never);
  });

  it('a sort whose values tie (one account, two grants) is broken by the composite key, both directions', async () => {
    const asc = await walk('_sort=_lastUpdated&_count=1', {});
    const proxiesOf160 = asc.forward.filter((id) => id.startsWith('proxy-160-'));
    expect(proxiesOf160).toEqual(['proxy-160-12', 'proxy-160-14']);
    const desc = await walk('_sort=-_lastUpdated&_count=1', {});
    expect(desc.forward).toEqual([...asc.forward].reverse());
    expect(new Set(asc.forward).size).toBe(asc.forward.length);
    const everything = await engine.search(plan('_count=100'), ctx);
    expect([...asc.forward].sort()).toEqual(everything.found.map((f) => f.resource.id!).sort());
  });

  it('reads and _id find exactly the keyed grant, within the patient compartment', async () => {
    const read = await engine.read(entry.def, 'proxy-160-14', {}, ctx);
    expect(read.kind).toBe('found');
    const proxy = read.kind === 'found' ? (read.found.resource as Record<string, any>) : {};
    expect(proxy).toMatchObject({ id: 'proxy-160-14', active: false, patient: { reference: 'Patient/14' }, period: { start: '2020-02-01', end: '2024-01-31' } });
    expect((await engine.read(entry.def, 'proxy-160-13', {}, ctx)).kind).toBe('missing');
    expect((await engine.read(entry.def, 'proxy-14-160', {}, ctx)).kind).toBe('missing');
    expect((await engine.read(entry.def, 'proxy-160-12', { patientId: '14' }, ctx)).kind).toBe('missing');
    expect((await engine.read(entry.def, 'proxy-160-14', { patientId: '14' }, ctx)).kind).toBe('found');
    const byId = await engine.search(plan('_id=proxy-161-12,proxy-160-14,proxy-160-13,contact-31'), ctx);
    expect(byId.found.map((f) => f.resource.id)).toEqual(['contact-31', 'proxy-160-14', 'proxy-161-12']);
    const confined = await engine.search(plan('_id=proxy-161-12,proxy-160-14', { patientId: '12' }), ctx);
    expect(confined.found.map((f) => f.resource.id)).toEqual(['proxy-161-12']);
  });

  it('searches by name (the holder), relationship and patient+name; counts in SQL', async () => {
    const guardians = await engine.search(plan('relationship=GUARD'), ctx);
    expect(guardians.found.map((f) => f.resource.id)).toEqual(['contact-31', 'proxy-161-12']);
    const spouses = await engine.search(plan('patient=12&relationship=http://terminology.hl7.org/CodeSystem/v3-RoleCode|SPS'), ctx);
    expect(spouses.found.map((f) => f.resource.id)).toEqual(['contact-30', 'proxy-160-12']);
    const holder = (await engine.read(entry.def, 'proxy-160-12', {}, ctx)) as { kind: 'found'; found: { resource: Record<string, any> } };
    const family = holder.found.resource.name[0].family as string;
    const byName = await engine.search(plan(`patient=14&name=${family.slice(0, 3).toLowerCase()}`), ctx);
    expect(byName.found.map((f) => f.resource.id)).toContain('proxy-160-14');
    expect(await engine.count(plan('patient=12'), ctx)).toBe(4);
  });
}

describe.each(TEMP_LEGACY_DIALECTS)('composite primary keys through the engine (%s)', (_dialect, open) => {
  suite(() => open('composite-key-'));
});
