// The baseline: bare node:http + better-sqlite3 running the same SQL as the facade (prepared once) and
// serialising the rows as JSON with minimal mapping. Usage: BENCH_DB=<path> BENCH_PORT=<port> node bench/bare-server.mjs
import { createServer } from 'node:http';
import Database from 'better-sqlite3';

const db = new Database(process.env.BENCH_DB, { readonly: true });
db.pragma('journal_mode = WAL');
const patient = db.prepare('SELECT * FROM PATIENT p WHERE p.PAT_ID = ? LIMIT 1');
const races = db.prepare('SELECT * FROM PATIENT_RACE c WHERE c.PAT_ID = ?');
const contacts = db.prepare('SELECT * FROM PAT_CONTACT c WHERE c.PAT_ID = ?');
const labs = db.prepare(`SELECT r.*, o.* FROM LAB_RESULT r INNER JOIN LAB_ORDER o ON o.ORDER_ID = r.ORDER_ID
  WHERE o.ORDER_CATEGORY = 'LAB' AND o.DELETED_YN = 'N' AND r.DELETED_YN = 'N' AND r.PAT_ID = ? ORDER BY r.RESULT_ID ASC LIMIT 51`);

const send = (res, status, body) => {
  res.writeHead(status, { 'Content-Type': 'application/fhir+json; charset=utf-8' });
  res.end(JSON.stringify(body));
};

createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const read = /^\/fhir\/Patient\/(\d+)$/.exec(url.pathname);
  if (read) {
    const row = patient.get(Number(read[1]));
    if (!row) return send(res, 404, { resourceType: 'OperationOutcome' });
    return send(res, 200, {
      resourceType: 'Patient', id: String(row.PAT_ID), meta: { versionId: String(row.ROW_VER), lastUpdated: row.UPDATED_AT },
      identifier: [{ value: row.MRN }], name: [{ family: row.LAST_NAME, given: [row.FIRST_NAME] }], gender: row.SEX, birthDate: row.DOB,
      race: races.all(row.PAT_ID), contact: contacts.all(row.PAT_ID),
    });
  }
  if (url.pathname === '/fhir/Observation') {
    const rows = labs.all(Number(url.searchParams.get('patient')));
    return send(res, 200, {
      resourceType: 'Bundle', type: 'searchset',
      entry: rows.slice(0, 50).map((r) => ({
        resource: { resourceType: 'Observation', id: `lab-${r.RESULT_ID}`, status: 'final', code: { coding: [{ system: 'http://loinc.org', code: r.LOINC_CODE }], text: r.TEST_NAME }, subject: { reference: `Patient/${r.PAT_ID}` }, effectiveDateTime: r.COLLECTED_AT, valueString: r.VALUE_TEXT },
      })),
    });
  }
  send(res, 404, {});
}).listen(Number(process.env.BENCH_PORT), '127.0.0.1', () => process.send?.('ready'));
