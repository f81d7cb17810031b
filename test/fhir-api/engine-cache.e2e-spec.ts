/**
 * The mapped-resource cache never serves a stale or foreign resource: the EHR writes concurrently (rows, joined
 * rows, version-less child rows), the compartment WHERE runs on every request, eviction keeps the byte bound.
 * Runs the engine through FhirService (no HTTP) on SQLite (synchronous path) and PostgreSQL (async path).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SearchExecutor } from '../../apps/fhir-api/src/engine/search/search-executor.js';
import { FhirService, type RequestScope } from '../../apps/fhir-api/src/service/fhir.service.js';
import { openDatabase, registry, scope, ZONE, type Engine } from './support/engine-db.js';
import { LegacyFactory } from './support/legacy-factory.js';

describe.each<Engine>(['sqlite', 'postgres'])('mapped-resource cache (%s)', (engine) => {
  let db: Awaited<ReturnType<typeof openDatabase>>;
  let f: LegacyFactory;
  let exec: SearchExecutor;
  let service: FhirService;
  let practice: number;
  let other: number;
  let amy: number;
  let zed: number;
  let order: number;
  let result: number;
  let rs: RequestScope;

  const names = (bundle: { entry?: { resource: { id?: string } }[] }) => (bundle.entry ?? []).map((e) => e.resource.id);
  const races = (p: Record<string, unknown>) => JSON.stringify(p.extension ?? []).match(/"code":"[0-9-]+"/g) ?? [];
  const searchPatient = async (r: RequestScope, q: string) => (await service.search(r, 'Patient', new URLSearchParams(q), false)).bundle;

  beforeAll(async () => {
    db = await openDatabase(engine);
    f = new LegacyFactory(db.ds);
    practice = await f.practice();
    other = await f.practice();
    amy = await f.patient(practice, { LAST_NAME: 'Shaw' });
    zed = await f.patient(other, { LAST_NAME: 'Zed' });
    order = await f.labOrder(amy);
    result = await f.labResult(order, amy);
    exec = new SearchExecutor(db.ds, ZONE);
    service = new FhirService(registry, exec, ZONE, 'test-cursor-key-0123456789');
    rs = scope({ practice });
  });
  afterAll(async () => db?.close());

  it('serves a repeated read from the cache (same object) and an updated row fresh on the next read and search', async () => {
    const first = await service.read(rs, 'Patient', String(amy));
    expect(await service.read(rs, 'Patient', String(amy))).toBe(first);
    await f.update('PATIENT', 'PAT_ID', amy, { LAST_NAME: 'Shaw-Updated', UPDATED_AT: '2024-04-01T10:00:00' });
    const read = await service.read(rs, 'Patient', String(amy));
    expect(read).not.toBe(first);
    expect(read.meta).toMatchObject({ versionId: '2', lastUpdated: '2024-04-01T10:00:00-04:00' });
    expect(JSON.stringify(read.name)).toContain('Shaw-Updated');
    const found = await searchPatient(rs, `_id=${amy}`);
    expect(found.entry?.[0].resource).toBe(read);
  });

  it('sees a PATIENT_RACE row added, changed or removed without any change to PATIENT', async () => {
    await service.read(rs, 'Patient', String(amy));
    await f.race(amy, '2106-3');
    expect(races(await service.read(rs, 'Patient', String(amy)))).toContain('"code":"2106-3"');
    expect(races((await searchPatient(rs, 'family=shaw')).entry![0].resource)).toContain('"code":"2106-3"');
    await db.ds.query(`UPDATE "PATIENT_RACE" SET "RACE_CODE" = '2054-5' WHERE "PAT_ID" = ${amy}`);
    const changed = races(await service.read(rs, 'Patient', String(amy)));
    expect(changed).toContain('"code":"2054-5"');
    expect(changed).not.toContain('"code":"2106-3"');
    await db.ds.query(`DELETE FROM "PATIENT_RACE" WHERE "PAT_ID" = ${amy}`);
    expect(races(await service.read(rs, 'Patient', String(amy)))).toEqual([]);
    expect(races((await searchPatient(rs, 'family=shaw')).entry![0].resource)).toEqual([]);
  });

  it('sees a PAT_CONTACT row added and updated', async () => {
    await service.read(rs, 'Patient', String(amy));
    const contact = await f.insert('PAT_CONTACT', { PAT_ID: amy, RELATION_CODE: 'SPS', LAST_NAME: 'Partner', IS_EMERGENCY_YN: 'Y', IS_GUARDIAN_YN: 'N', ACTIVE_YN: 'Y', UPDATED_AT: '2024-03-01T09:00:00', ROW_VER: 1 });
    expect(JSON.stringify((await service.read(rs, 'Patient', String(amy))).contact)).toContain('Partner');
    await f.update('PAT_CONTACT', 'CONTACT_ID', contact, { LAST_NAME: 'Renamed' });
    expect(JSON.stringify((await service.read(rs, 'Patient', String(amy))).contact)).toContain('Renamed');
  });

  it('sees a change of the joined LAB_ORDER row and a soft delete of the result', async () => {
    const q = new URLSearchParams(`patient=${amy}&category=laboratory`);
    const before = (await service.search(rs, 'Observation', q, false)).bundle;
    expect(names(before)).toEqual([`lab-${result}`]);
    await f.update('LAB_ORDER', 'ORDER_ID', order, { COLLECTED_AT: '2024-01-09T11:45:00' });
    const after = (await service.search(rs, 'Observation', q, false)).bundle;
    expect(after.entry![0].resource.effectiveDateTime).toBe('2024-01-09T11:45:00-05:00');
    expect((await service.read(rs, 'Observation', `lab-${result}`)).effectiveDateTime).toBe('2024-01-09T11:45:00-05:00');
    await f.update('LAB_RESULT', 'RESULT_ID', result, { DELETED_YN: 'Y' });
    await expect(service.read(rs, 'Observation', `lab-${result}`)).rejects.toMatchObject({ status: 410 });
    expect(names((await service.search(rs, 'Observation', q, false)).bundle)).toEqual([]);
  });

  it('never serves a cached resource outside the caller\'s compartment: the WHERE decides on every request', async () => {
    const zedRead = await service.read(scope({ practice: other }), 'Patient', String(zed));
    expect(zedRead.id).toBe(String(zed));
    await expect(service.read(rs, 'Patient', String(zed))).rejects.toMatchObject({ status: 404 });
    expect(names(await searchPatient(rs, `_id=${zed}`))).toEqual([]);
    const amyOnly = scope({ scope: 'patient/*.rs', patient: String(amy) });
    await expect(service.read(amyOnly, 'Patient', String(zed))).rejects.toMatchObject({ status: 404 });
    expect((await service.read(amyOnly, 'Patient', String(amy))).id).toBe(String(amy));
    // Moved to the other practice by the EHR: the cached entry is not reached by the first practice any more.
    await f.update('PATIENT', 'PAT_ID', amy, { PRACTICE_ID: other });
    await expect(service.read(rs, 'Patient', String(amy))).rejects.toMatchObject({ status: 404 });
    await f.update('PATIENT', 'PAT_ID', amy, { PRACTICE_ID: practice });
  });

  it('keeps the byte bound by evicting the least recently used entries, and reloads evicted rows correctly', async () => {
    const small = new SearchExecutor(db.ds, ZONE, 12_000);
    const svc = new FhirService(registry, small, ZONE, 'test-cursor-key-0123456789');
    const ids = [amy];
    for (let i = 0; i < 6; i++) ids.push(await f.patient(practice, { LAST_NAME: `Many${i}` }));
    for (const id of ids) await svc.read(rs, 'Patient', String(id));
    const { entries, bytes } = small.cache.stats();
    expect(bytes).toBeLessThanOrEqual(12_000);
    expect(entries).toBeGreaterThan(0);
    expect(entries).toBeLessThan(ids.length);
    const again = await svc.read(rs, 'Patient', String(ids[0]));
    expect(again).toEqual(await service.read(rs, 'Patient', String(ids[0])));
    expect(small.cache.stats().bytes).toBeLessThanOrEqual(12_000);
  });

  it('with the cache off (FHIR_RESOURCE_CACHE_MB=0) answers the same from the full statements and keeps nothing', async () => {
    const off = new SearchExecutor(db.ds, ZONE, 0);
    const svc = new FhirService(registry, off, ZONE, 'test-cursor-key-0123456789');
    const read = await svc.read(rs, 'Patient', String(amy));
    expect(read).toEqual(await service.read(rs, 'Patient', String(amy)));
    expect(await svc.read(rs, 'Patient', String(amy))).not.toBe(read);
    const q = new URLSearchParams(`patient=${amy}&category=laboratory`);
    expect(names((await svc.search(rs, 'Observation', q, false)).bundle)).toEqual(names((await service.search(rs, 'Observation', q, false)).bundle));
    expect(off.cache.stats()).toEqual({ entries: 0, bytes: 0 });
  });

  it('fetches more than 500 misses in chunks (SQL Server allows 2,100 parameters) and serves them from the cache next', async () => {
    const rows = Array.from({ length: 520 }, (_, i) => ({
      PRACTICE_ID: practice, MRN: `BULK${i}`, LAST_NAME: 'Bulkload', FIRST_NAME: `N${i}`, DOB: '1990-01-01', SEX: 'F',
      DECEASED_YN: 'N', INACTIVE_YN: 'N', CREATED_AT: '2024-03-01T09:00:00', UPDATED_AT: '2024-03-01T09:00:00', ROW_VER: 1,
    }));
    for (let i = 0; i < rows.length; i += 100) await db.ds.getRepository('PATIENT').insert(rows.slice(i, i + 100));
    const first = await searchPatient(rs, 'family=bulkload&_count=1000');
    expect(first.entry).toHaveLength(520);
    const again = await searchPatient(rs, 'family=bulkload&_count=1000');
    expect(names(again)).toEqual(names(first));
    again.entry!.forEach((e, i) => expect(e.resource).toBe(first.entry![i].resource));
  });

  /** Runs `update` right before the first full-row fetch of PATIENT (after its version statement), once. */
  function raceBeforeFullFetch(target: SearchExecutor, update: string): { raced: () => boolean; restore(): void } {
    const step = target.queries.step.bind(target.queries);
    let raced = false;
    target.queries.step = (plan, values) => {
      if (!raced && plan.sql.includes('"LAST_NAME"') && plan.sql.includes('FROM "PATIENT"') && !plan.sql.includes('LIMIT')) {
        raced = true;
        (db.ds.driver as unknown as { databaseConnection: { prepare(s: string): { run(): void } } }).databaseConnection.prepare(update).run();
      }
      return step(plan, values);
    };
    return { raced: () => raced, restore: () => void (target.queries.step = step) };
  }

  // A synchronous interleaving of the EHR's write needs the synchronous (SQLite) driver.
  (engine === 'sqlite' ? it : it.skip)('a row changed between the version statement and the full fetch is served with its own version, and only if it still matches', async () => {
    const fresh = new SearchExecutor(db.ds, ZONE);
    const svc = new FhirService(registry, fresh, ZONE, 'test-cursor-key-0123456789');
    // Cached at version 1, updated to 2 (so the version statement sees a miss), raced to 7 before the full fetch.
    const id = await f.patient(practice, { LAST_NAME: 'Racer' });
    await svc.read(rs, 'Patient', String(id));
    await f.update('PATIENT', 'PAT_ID', id, { UPDATED_AT: '2024-04-04T10:00:00' });
    const renamed = raceBeforeFullFetch(fresh, `UPDATE "PATIENT" SET "LAST_NAME" = 'Racer-Changed', "ROW_VER" = 7, "UPDATED_AT" = '2024-05-05 10:00:00' WHERE "PAT_ID" = ${id}`);
    const read = await svc.read(rs, 'Patient', String(id));
    renamed.restore();
    expect(renamed.raced()).toBe(true);
    expect(read.meta?.versionId).toBe('7');
    expect(JSON.stringify(read.name)).toContain('Racer-Changed');
    expect(await svc.read(rs, 'Patient', String(id))).toBe(read);

    // Moved to another practice between the statements: the version statement saw it in the caller's practice,
    // the full fetch must not serve it (the query runs again in full and no longer finds it).
    const moved = await f.patient(practice, { LAST_NAME: 'Mover' });
    await svc.read(rs, 'Patient', String(moved));
    await f.update('PATIENT', 'PAT_ID', moved, { UPDATED_AT: '2024-04-04T10:00:00' });
    const move = raceBeforeFullFetch(fresh, `UPDATE "PATIENT" SET "PRACTICE_ID" = ${other}, "ROW_VER" = 3, "UPDATED_AT" = '2024-05-05 10:00:00' WHERE "PAT_ID" = ${moved}`);
    await expect(svc.read(rs, 'Patient', String(moved))).rejects.toMatchObject({ status: 404 });
    move.restore();
    expect(move.raced()).toBe(true);
  });
});
