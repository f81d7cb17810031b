import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createLegacyDataSource } from '../datasource/legacy-data-source.js';
import { createLegacyPostgresDatabase, createLegacySqliteDatabase, dropPostgresDatabase } from '../provision/create-legacy-database.js';
import type { LegacyPractice } from '../entities/index.js';
import { instantToWallClock, wallClockToInstant } from '#facade/time';

const NY = 'America/New_York';
// Instants around both 2024 New York transitions, written as FHIR instants with various offsets.
const INSTANTS = [
  '2024-03-10T06:59:59Z', // 01:59:59 EST, just before spring forward
  '2024-03-10T07:00:00Z', // 03:00:00 EDT, just after
  '2024-11-03T05:30:00Z', // 01:30 EDT (first pass)
  '2024-11-03T07:00:00+01:00', // 01:00 EST after the overlap... expressed in another offset
  '2024-07-01T12:00:00-07:00',
];

function practiceRow(id: number, createdAt: string, updatedAt: string): LegacyPractice {
  return {
    PRACTICE_ID: id, PRACTICE_NAME: `Practice ${id}`, NPI: null, TAX_ID: null, ADDR1: null, ADDR2: null, CITY: null,
    STATE: null, ZIP: null, PHONE: null, FAX: null, EMAIL: null, ACTIVE_YN: 'Y', CREATED_AT: createdAt, UPDATED_AT: updatedAt, ROW_VER: 1,
  };
}

async function roundTrip(ds: DataSource): Promise<void> {
  const repo = ds.getRepository<LegacyPractice>('PRACTICE');
  let id = 1;
  for (const instant of INSTANTS) {
    const local = instantToWallClock(instant, NY);
    await repo.insert(practiceRow(id, local, local));
    const back = await repo.findOneByOrFail({ PRACTICE_ID: id });
    expect(back.CREATED_AT).toBe(local);
    // Same absolute instant after the trip through the database (ambiguous local times excepted: the
    // legacy column cannot tell the two 01:30s apart, and we read them as the first).
    const expectedEpoch = local === '2024-11-03T01:00:00' ? Date.parse('2024-11-03T05:00:00Z') : Date.parse(instant);
    expect(Date.parse(wallClockToInstant(back.CREATED_AT, NY))).toBe(expectedEpoch);
    // Range filters on DATETIME compare wall-clock text the database parses, not process-zone Dates.
    const hits = await repo
      .createQueryBuilder('p')
      .where('p.CREATED_AT >= :from AND p.CREATED_AT <= :to', { from: local.replace('T', ' '), to: local.replace('T', ' ') })
      .getCount();
    expect(hits).toBe(1);
    id++;
  }
}

describe('DATETIME round trips through real databases across DST changes (process TZ != clinic TZ)', () => {
  const pgUrl = (() => {
    const u = new URL(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    u.pathname = `/legacy_tz_${process.pid}_${Date.now()}`;
    return u.toString();
  })();
  let sqlite: DataSource;
  let postgres: DataSource;

  beforeAll(async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'legacy-tz-')), 'ehr.sqlite');
    await createLegacySqliteDatabase(path);
    sqlite = await createLegacyDataSource({ kind: 'sqlite', path }).initialize();
    await createLegacyPostgresDatabase(pgUrl);
    postgres = await createLegacyDataSource({ kind: 'postgres', url: pgUrl }).initialize();
  });
  afterAll(async () => {
    await sqlite?.destroy();
    await postgres?.destroy();
    await dropPostgresDatabase(pgUrl);
  });

  it('SQLite keeps the wall clock and the instant', async () => {
    await roundTrip(sqlite);
  });

  it('PostgreSQL keeps the wall clock and the instant', async () => {
    await roundTrip(postgres);
  });
});
