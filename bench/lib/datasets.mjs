/**
 * Demo EHR databases for the benchmark, generated once with the product's own generator
 * (`generateDemoEhr`, deterministic per seed and size) and cached under `data/bench/`.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Path of the cached demo database of `patients` patients, generating it first when absent. The file is written
 * under a temporary name and renamed when complete, so an interrupted run never leaves a half database behind.
 * @param {{ root: string, patients: number, seed?: number, log?: (m: string) => void }} o
 * @returns {Promise<string>}
 */
export async function demoDatabase({ root, patients, seed = 1, log = () => {} }) {
  const dir = join(root, 'data', 'bench');
  const path = join(dir, `demo-${patients}p-seed${seed}.sqlite`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const partial = `${path}.partial-${process.pid}`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true });
  const { generateDemoEhr } = await import(join(root, 'dist/libs/demo-ehr/src/index.js'));
  log(`generating ${patients} demo patients (seed ${seed}) into ${path} ...`);
  const summary = await generateDemoEhr({ kind: 'sqlite', path: partial }, { patients, seed });
  // Fold the WAL into the main file so the cached database is one self-contained file.
  const db = new Database(partial);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
  renameSync(partial, path);
  log(`  ${summary.totalRows} rows in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
  return path;
}

/** The laboratory-results predicate of the facade's LAB_RESULT source (see observation-lab.source.ts). */
const LAB_ROWS = `FROM LAB_RESULT r JOIN LAB_ORDER o ON o.ORDER_ID = r.ORDER_ID
  WHERE o.ORDER_CATEGORY = 'LAB' AND o.DELETED_YN = 'N' AND r.DELETED_YN = 'N'`;

/** The prescriptions (MedicationRequest intent `order`: RX_TYPE P) of the facade's MEDICATION source. */
const ORDER_ROWS = `FROM MEDICATION m WHERE m.RX_TYPE = 'P' AND m.DELETED_YN = 'N'`;

/**
 * Patient ids to rotate through: every non-deleted patient (reads) and the patients with at least `minLabs`
 * laboratory results (searches; a full page of 50 needs 51 to also produce a `next` link).
 * @param {string} path
 * @param {number} [minLabs]
 * Also every PRACTICE_ID (the benchmark's token reaches them all), and the patients with at least one prescription
 * (MedicationRequest searches) with the spread of their prescription counts.
 * @returns {{ patients: number[], labPatients: number[], practices: number[], labCounts: { min: number, median: number, max: number },
 *   medicationPatients: number[], medicationCounts: { min: number, median: number, max: number } }}
 */
export function samplePatients(path, minLabs = 51) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const cols = db.prepare('PRAGMA table_info(PATIENT)').all().map((c) => c.name);
    const live = cols.includes('DELETED_YN') ? "WHERE DELETED_YN = 'N'" : '';
    const patients = db.prepare(`SELECT PAT_ID FROM PATIENT ${live} ORDER BY PAT_ID`).pluck().all();
    const counts = db.prepare(`SELECT r.PAT_ID id, COUNT(*) n ${LAB_ROWS} GROUP BY r.PAT_ID HAVING COUNT(*) >= ? ORDER BY r.PAT_ID`).all(minLabs);
    const ns = counts.map((c) => c.n).sort((a, b) => a - b);
    const orders = db.prepare(`SELECT m.PAT_ID id, COUNT(*) n ${ORDER_ROWS} GROUP BY m.PAT_ID ORDER BY m.PAT_ID`).all();
    const os = orders.map((c) => c.n).sort((a, b) => a - b);
    return {
      patients,
      practices: db.prepare('SELECT PRACTICE_ID FROM PRACTICE ORDER BY PRACTICE_ID').pluck().all(),
      labPatients: counts.map((c) => c.id),
      labCounts: { min: ns[0] ?? 0, median: ns[Math.floor(ns.length / 2)] ?? 0, max: ns[ns.length - 1] ?? 0 },
      medicationPatients: orders.map((c) => c.id),
      medicationCounts: { min: os[0] ?? 0, median: os[Math.floor(os.length / 2)] ?? 0, max: os[os.length - 1] ?? 0 },
    };
  } finally {
    db.close();
  }
}

/**
 * Documents of a demo database for the DocumentReference + Binary rows: patients with at least one live clinical
 * note or stored document, and the live stored documents (`Binary/doc-<DOC_ID>`).
 */
export function sampleDocuments(path) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const patients = db
      .prepare("SELECT PAT_ID FROM CLINICAL_NOTE WHERE DELETED_YN = 'N' UNION SELECT PAT_ID FROM DOCUMENT WHERE DELETED_YN = 'N' ORDER BY 1")
      .pluck()
      .all();
    const documents = db.prepare("SELECT DOC_ID FROM DOCUMENT WHERE DELETED_YN = 'N' ORDER BY DOC_ID").pluck().all();
    return { patients, documents };
  } finally {
    db.close();
  }
}
