import { rmSync } from 'node:fs';
import type { DbUrl } from '#facade/config';
import { openLegacyBulkWriter, type LegacyBulkWriter } from '#facade/legacy-db/src/bulk/index.js';
import { vendoredSchema, createLegacyPostgresDatabase, createLegacySqliteDatabase, dropPostgresDatabase } from '#facade/legacy-db';
import { IdAllocator, type RunContext, type TableName, type TableRows } from './context.js';
import { DEMO_CREDENTIALS, DEMO_PATIENT_IDS, type DemoCredential } from './credentials.js';
import { generatePatient } from './patient/generate-patient.js';
import type { PreviousPatient } from './patient/demographics.js';
import { planFor } from './patient/plan.js';
import { Coverage, Rng } from './random.js';
import { generateReference } from './reference/organizations.js';

/** Options of {@link generateDemoEhr}. */
export interface DemoEhrOptions {
  /** Number of patients (at least 3: the demo patients; 50 or more to see every local code). */
  patients: number;
  /** Any integer 0..4294967295: the same seed and patient count give byte-identical data. */
  seed: number;
  /** Progress lines (counts and speed only, never patient data). */
  onProgress?: (message: string) => void;
}

/** What was generated. */
export interface DemoSummary {
  engine: 'sqlite' | 'postgres';
  seed: number;
  patients: number;
  /** Rows written per legacy table. */
  rows: Record<TableName, number>;
  totalRows: number;
  /** PAT_IDs of the demo patients (see DEMO_CREDENTIALS). */
  demoPatientIds: typeof DEMO_PATIENT_IDS;
  credentials: readonly DemoCredential[];
  elapsedMs: number;
}

/** Thrown for invalid options or an unusable target; the message is meant for the operator. */
export class DemoEhrError extends Error {
  override name = 'DemoEhrError';
}

/** Upper bound of `patients` (ids and memory stay far from any limit). */
export const MAX_DEMO_PATIENTS = 1_000_000;

function validate(opts: DemoEhrOptions): void {
  if (!Number.isInteger(opts.patients) || opts.patients < 3 || opts.patients > MAX_DEMO_PATIENTS) {
    throw new DemoEhrError(`patients must be an integer from 3 to ${MAX_DEMO_PATIENTS} (got ${opts.patients})`);
  }
  if (!Number.isInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff) {
    throw new DemoEhrError(`seed must be an integer from 0 to 4294967295 (got ${opts.seed})`);
  }
}

async function createTarget(target: DbUrl): Promise<void> {
  if (target.kind === 'sqlite') {
    if (target.path === ':memory:') throw new DemoEhrError('An in-memory SQLite database cannot be filled and kept; give a file path');
    await createLegacySqliteDatabase(target.path);
  } else if (target.kind === 'postgres') {
    await createLegacyPostgresDatabase(target.url);
  } else {
    throw new DemoEhrError('The demo EHR is generated into a NEW SQLite or PostgreSQL database, never into SQL Server');
  }
}

async function removeTarget(target: DbUrl): Promise<void> {
  if (target.kind === 'sqlite') for (const suffix of ['', '-wal', '-shm']) rmSync(target.path + suffix, { force: true });
  if (target.kind === 'postgres') await dropPostgresDatabase(target.url);
}

const PRACTICE_WEIGHTS: readonly [number, number][] = [[1, 50], [2, 20], [3, 20], [4, 10]];

/**
 * Creates a NEW legacy database at `target` (refusing an existing file or database) and fills it with a
 * deterministic synthetic EHR: organisations, staff and the documented demo logins, then `patients` patients
 * with complete clinical histories, streamed patient by patient in batched transactions. On failure the
 * half-written database is removed again.
 */
export async function generateDemoEhr(target: DbUrl, opts: DemoEhrOptions): Promise<DemoSummary> {
  validate(opts);
  const started = Date.now();
  const progress = opts.onProgress ?? (() => undefined);
  await createTarget(target);
  let writer: LegacyBulkWriter | undefined;
  try {
    writer = await openLegacyBulkWriter(target);
    const sink = writer;
    const rows = {} as Record<TableName, number>;
    const emit = <T extends TableName>(table: T, row: TableRows[T]) => {
      sink.add(table, row as unknown as Record<string, unknown>);
      rows[table] = (rows[table] ?? 0) + 1;
    };
    const run: RunContext = { seed: opts.seed, ids: new IdAllocator(), cover: new Coverage(), emit, ref: undefined as never };
    run.ref = generateReference(run, new Rng(opts.seed, 0x5eed));
    let prev: PreviousPatient | null = null;
    let lastReport = Date.now();
    for (let index = 0; index < opts.patients; index++) {
      const rng = new Rng(opts.seed, index + 1);
      const plan = planFor(index);
      const inherits = prev && (plan.household || plan.mergedIntoPrevious || plan.proxyRelations);
      const practiceId = plan.demo ? 1 : inherits && prev ? prev.practiceId : rng.weighted(PRACTICE_WEIGHTS);
      run.cover.enabled = plan.demo === null && !plan.sparse;
      prev = generatePatient({ ...run, rng, index, patId: run.ids.next('PATIENT'), practiceId, users: run.ref.clinicalUsers.get(practiceId) ?? [] }, prev);
      await sink.flushIfFull();
      const done = index + 1;
      if (Date.now() - lastReport >= 2000 || done === opts.patients) {
        lastReport = Date.now();
        const total = Object.values(rows).reduce((s, n) => s + n, 0);
        const seconds = (Date.now() - started) / 1000;
        progress(`patients ${done}/${opts.patients}, ${total} rows, ${Math.round(total / Math.max(seconds, 0.001))} rows/s`);
      }
    }
    progress('committing');
    await sink.finish();
    writer = undefined;
    const ordered = Object.fromEntries(vendoredSchema().tables.map((t) => [t.name, rows[t.name as TableName] ?? 0])) as Record<TableName, number>;
    const totalRows = Object.values(ordered).reduce((s, n) => s + n, 0);
    return {
      engine: target.kind as 'sqlite' | 'postgres', seed: opts.seed, patients: opts.patients, rows: ordered, totalRows,
      demoPatientIds: DEMO_PATIENT_IDS, credentials: DEMO_CREDENTIALS, elapsedMs: Date.now() - started,
    };
  } catch (e) {
    if (writer) await writer.abort().catch(() => undefined);
    await removeTarget(target).catch(() => undefined);
    throw e;
  }
}
