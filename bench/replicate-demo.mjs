#!/usr/bin/env node
/**
 * Scales a generated demo EHR (SQLite) up for benchmarking by copying every patient's chart N times with
 * shifted keys (PATIENT, PATIENT_RACE, PAT_CONTACT, VISIT, VITALS, LAB_ORDER, LAB_RESULT, SOCIAL_HX, PROBLEM,
 * ALLERGY), so that a 1,000-patient demo becomes a 10,000-patient database with the same per-patient shape.
 *
 *   node bench/replicate-demo.mjs --from demo-1k.sqlite --to demo-10k.sqlite --times 10
 */
import { copyFileSync, existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

const { values: a } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' }, times: { type: 'string', default: '10' } } });
if (!a.from || !a.to || existsSync(a.to)) {
  console.error('Usage: node bench/replicate-demo.mjs --from <demo sqlite> --to <new file> [--times 10]');
  process.exit(2);
}
copyFileSync(a.from, a.to);
const db = new Database(a.to);
db.pragma('journal_mode = WAL');
const cols = (t) => db.prepare(`PRAGMA table_info(${t})`).all().map((c) => c.name);
const max = (t, pk) => db.prepare(`SELECT COALESCE(MAX(${pk}), 0) m FROM ${t}`).get().m;
// table -> [primary key or null, { column: table whose key it references }]
const TABLES = {
  PATIENT: ['PAT_ID', { PAT_ID: 'PATIENT', MERGED_INTO_PAT_ID: 'PATIENT' }],
  PATIENT_RACE: [null, { PAT_ID: 'PATIENT' }],
  PAT_CONTACT: ['CONTACT_ID', { CONTACT_ID: 'PAT_CONTACT', PAT_ID: 'PATIENT' }],
  VISIT: ['VISIT_ID', { VISIT_ID: 'VISIT', PAT_ID: 'PATIENT' }],
  VITALS: ['VITAL_ID', { VITAL_ID: 'VITALS', PAT_ID: 'PATIENT', VISIT_ID: 'VISIT' }],
  LAB_ORDER: ['ORDER_ID', { ORDER_ID: 'LAB_ORDER', PAT_ID: 'PATIENT', VISIT_ID: 'VISIT' }],
  LAB_RESULT: ['RESULT_ID', { RESULT_ID: 'LAB_RESULT', ORDER_ID: 'LAB_ORDER', PAT_ID: 'PATIENT' }],
  SOCIAL_HX: ['SOC_ID', { SOC_ID: 'SOCIAL_HX', PAT_ID: 'PATIENT', VISIT_ID: 'VISIT' }],
  PROBLEM: ['PROB_ID', { PROB_ID: 'PROBLEM', PAT_ID: 'PATIENT', VISIT_ID: 'VISIT' }],
  ALLERGY: ['ALLERGY_ID', { ALLERGY_ID: 'ALLERGY', PAT_ID: 'PATIENT' }],
};
const span = Object.fromEntries(Object.entries(TABLES).filter(([, [pk]]) => pk).map(([t, [pk]]) => [t, max(t, pk)]));
const started = Date.now();
db.transaction(() => {
  for (let k = 1; k < Number(a.times); k++) {
    for (const [table, [, refs]] of Object.entries(TABLES)) {
      const c = cols(table);
      const select = c.map((col) => {
        if (refs[col]) return `CASE WHEN ${col} IS NULL THEN NULL ELSE ${col} + ${k * span[refs[col]]} END`;
        if (col === 'MRN') return `MRN || '-${k}'`;
        return col;
      });
      const where = table === 'PATIENT' ? `PAT_ID <= ${span.PATIENT}` : refs.PAT_ID ? `PAT_ID <= ${span.PATIENT}` : '1=1';
      db.exec(`INSERT INTO ${table} (${c.join(', ')}) SELECT ${select.join(', ')} FROM ${table} WHERE ${where}`);
    }
  }
})();
const n = db.prepare('SELECT COUNT(*) n FROM PATIENT').get().n;
db.close();
console.log(`${a.to}: ${n} patients (${((Date.now() - started) / 1000).toFixed(1)} s)`);
