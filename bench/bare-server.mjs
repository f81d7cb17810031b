/**
 * The baseline of the benchmark: bare `node:http` + better-sqlite3, no framework, no engine. It runs exactly the
 * SQL statements the facade ran for the same request (captured from the facade's connection by
 * bench/fhir-api-load.mjs and handed over in BENCH_SQL), normalises rows with the legacy-db column normalisers
 * and maps them with the product's own mappers (libs/mappers), so the facade/bare ratio is the cost of the
 * framework, authentication, search parsing, the query engine and paging on top of "SQL + mapping + JSON".
 * It does not verify tokens (a floor, not a competitor).
 *
 * Environment (set by the benchmark): BENCH_ROOT, BENCH_DB, BENCH_PORT, BENCH_SQL (JSON of
 * `{ read: Statement[], search: Statement[] }`, each `{ sql, params }` with the patient id as the string `$id`).
 * Routes: GET /fhir/Patient/<id>, GET /fhir/Observation?patient=<id>&category=laboratory[&_count=n], and GET /hello
 * (a tiny JSON without the database: how fast this machine serves node:http at the moment, for calibration).
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';

const root = process.env.BENCH_ROOT;
const dist = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const [{ loadConfig }, legacy, { toPatient }, { toLabObservation }] = await Promise.all([
  dist('libs/config/src/index.js'),
  dist('libs/legacy-db/src/index.js'),
  dist('libs/mappers/src/patient/patient.mapper.js'),
  dist('libs/mappers/src/observation/lab-result.mapper.js'),
]);

const port = Number(process.env.BENCH_PORT);
const base = `http://127.0.0.1:${port}/fhir`;
const config = loadConfig({ FHIR_PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'error' });
const ctx = {
  baseUrl: base,
  timeZone: config.legacyTimeZone,
  identifierSystems: { mrn: config.mrnSystem, ssn: config.ssnSystem, npi: 'http://hl7.org/fhir/sid/us-npi', practice: `${config.fhirPublicUrl}/sid/practice-id` },
  report() {},
};

// Column normalisers by table, as the facade's row normaliser builds them (DATETIME/DATE text, numbers, CHAR trim).
const num = (v) => (v === null || v === undefined ? null : typeof v === 'number' ? v : Number(v));
const text = (v) => (v === null || v === undefined ? null : String(v));
const fixed = (v) => (v === null || v === undefined ? null : String(v).trimEnd());
const normalizers = new Map(
  legacy.LEGACY_TABLES.map((t) => [
    t.name,
    new Map(Object.entries(t.columns).map(([c, d]) => [c, d.type === 'DATETIME' ? legacy.normalizeDbDateTime : d.type === 'DATE' ? legacy.normalizeDbDate : d.type === 'INT' || d.type === 'DECIMAL' ? num : d.type === 'CHAR' ? fixed : text])),
  ]),
);

const db = new Database(process.env.BENCH_DB, { fileMustExist: true });
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');

/** A captured statement, prepared once, with a reader per result column (`o__X` goes to `row.o.X`). */
function compile({ sql, params }) {
  const stmt = db.prepare(sql);
  const table = /FROM "(\w+)"/.exec(sql)[1];
  const joined = Object.fromEntries([...sql.matchAll(/JOIN "(\w+)" "(\w+)"/g)].map((m) => [m[2], m[1]]));
  const readers = stmt.columns().map(({ name }) => {
    const m = /^(\w+)__(\w+)$/.exec(name);
    return m ? { name, join: m[1], column: m[2], norm: normalizers.get(joined[m[1]]).get(m[2]) } : { name, column: name, norm: normalizers.get(table).get(name) };
  });
  // Named like the facade's wrapper so that CPU profiles of both servers put SQLite's native time in one area.
  const betterSqlite3Native = (values) => stmt.all(values);
  return {
    run(id) {
      return betterSqlite3Native(params.map((p) => (p === '$id' ? id : p))).map((r) => {
        const row = {};
        for (const rd of readers) {
          if (rd.join) (row[rd.join] ??= {})[rd.column] = rd.norm(r[rd.name]);
          else row[rd.column] = rd.norm(r[rd.name]);
        }
        return row;
      });
    },
  };
}

const sql = JSON.parse(process.env.BENCH_SQL);
const [patientQ, racesQ, contactsQ] = sql.read.map(compile);
const [labQ] = sql.search.map(compile);

const JSON_TYPE = 'application/fhir+json; charset=utf-8';
/** JSON text (named like libs/fhir's serialiser so profiles compare). */
const toJson = (body) => JSON.stringify(body);
function send(res, status, body, headers = {}) {
  const text = toJson(body);
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
const notFound = (res) => send(res, 404, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });

function readPatient(res, id) {
  const [row] = patientQ.run(id);
  if (!row) return notFound(res);
  const resource = toPatient({ patient: row, races: racesQ.run(id), contacts: contactsQ.run(id) }, ctx);
  send(res, 200, resource, { ETag: `W/"${resource.meta.versionId}"`, 'Last-Modified': new Date(resource.meta.lastUpdated).toUTCString() });
}

function searchLabs(res, url) {
  const id = Number(url.searchParams.get('patient'));
  const count = Number(url.searchParams.get('_count') ?? 50);
  const rows = labQ.run(id); // LIMIT count + 1, as the facade's statement
  const page = rows.slice(0, count);
  const self = `${base}/Observation?patient=${id}&category=laboratory&_count=${count}`;
  const link = [{ relation: 'self', url: self }];
  if (rows.length > count) link.push({ relation: 'next', url: `${self}&_cursor=${Buffer.from(String(page[page.length - 1].RESULT_ID)).toString('base64url')}` });
  send(res, 200, {
    resourceType: 'Bundle',
    type: 'searchset',
    link,
    entry: page.map((r) => ({ fullUrl: `${base}/Observation/lab-${r.RESULT_ID}`, resource: toLabObservation(r, r.o, ctx), search: { mode: 'match' } })),
  });
}

createServer((req, res) => {
  try {
    if (req.url === '/hello') return send(res, 200, { ok: true }); // the machine's HTTP ceiling (calibration)
    const url = new URL(req.url, 'http://bare');
    const read = /^\/fhir\/Patient\/(\d+)$/.exec(url.pathname);
    if (read) return readPatient(res, Number(read[1]));
    if (url.pathname === '/fhir/Observation' && url.searchParams.get('category') === 'laboratory') return searchLabs(res, url);
    notFound(res);
  } catch {
    send(res, 500, { resourceType: 'OperationOutcome', issue: [{ severity: 'fatal', code: 'exception' }] });
  }
}).listen(port, '127.0.0.1', () => process.send?.({ type: 'ready', atUs: Number(process.hrtime.bigint() / 1000n) }));
process.on('message', (m) => {
  if (m?.type === 'cpu') process.send({ type: 'cpu', usage: process.cpuUsage() });
});
process.on('disconnect', () => process.exit(0));
// A normal exit on SIGTERM, so that `node --cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));
