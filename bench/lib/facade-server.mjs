/**
 * One FHIR API process for the benchmark (forked by bench/fhir-api-load.mjs, so `node --cpu-prof` can profile it
 * alone): the real application from `dist/` (`createFhirApp`), the benchmark's public key injected as the token key
 * set (the mechanism the e2e tests use), no revocation feed, one SQLite legacy database.
 *
 * It records every SQL statement the engine prepares on the better-sqlite3 connection, with the parameters of its
 * first run, and answers the IPC message `{ type: 'sql' }` with that log: the bare server replays exactly that SQL.
 *
 * Environment: BENCH_ROOT (repository), BENCH_DB (sqlite path), BENCH_PORT, BENCH_JWKS (public JWK set, JSON),
 * BENCH_ISSUER, BENCH_FACADE_DB (facade store file; default an in-memory store, whose audit append runs on the event
 * loop, where the product's default file store appends in a worker thread).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.env.BENCH_ROOT;
const dist = (p) => import(pathToFileURL(join(root, 'dist', p)).href);
const [{ createFhirApp }, { loadConfig }, { createLegacyDataSource }, { JsonLogger }, { createLocalJWKSet }] = await Promise.all([
  dist('apps/fhir-api/src/bootstrap.js'),
  dist('libs/config/src/index.js'),
  dist('libs/legacy-db/src/index.js'),
  dist('libs/observability/src/index.js'),
  import('jose'),
]);

const port = Number(process.env.BENCH_PORT);
const config = loadConfig({
  LEGACY_DB_URL: `sqlite:${process.env.BENCH_DB}`,
  FACADE_DB_URL: process.env.BENCH_FACADE_DB ? `sqlite:${process.env.BENCH_FACADE_DB}` : 'sqlite::memory:',
  FHIR_PORT: String(port),
  FHIR_PUBLIC_URL: `http://127.0.0.1:${port}`,
  AUTH_PUBLIC_URL: process.env.BENCH_ISSUER,
  LOG_LEVEL: 'error',
  FHIR_RESOURCE_CACHE_MB: process.env.FHIR_RESOURCE_CACHE_MB,
  // The benchmark measures the engine with one app's token at thousands of requests a second: no request limits
  // unless asked for (FHIR_RATE_LIMITS=on measures their cost).
  FHIR_RATE_LIMITS: process.env.FHIR_RATE_LIMITS ?? 'off',
  // With limits on, caps that one token at full load never reaches (the cost is measured, not refusals).
  FHIR_APP_RATE_PER_MINUTE: process.env.FHIR_APP_RATE_PER_MINUTE ?? '1000000',
  FHIR_APP_CONCURRENCY: process.env.FHIR_APP_CONCURRENCY ?? '10000',
  FHIR_PRACTICE_RATE_PER_MINUTE: process.env.FHIR_PRACTICE_RATE_PER_MINUTE ?? '10000000',
  FHIR_PRACTICE_CONCURRENCY: process.env.FHIR_PRACTICE_CONCURRENCY ?? '100000',
  // Shared request counts in Redis (measures the limiter's Redis path; own key prefix per server).
  REDIS_URL: process.env.BENCH_REDIS_URL,
});

// The same data source the app would open itself, with the connection's prepare() observed.
const ds = createLegacyDataSource(config.legacyDb);
await ds.initialize();
const sqlLog = [];
const conn = ds.driver.databaseConnection;
const prepare = conn.prepare.bind(conn);
conn.prepare = (sql) => {
  const stmt = prepare(sql);
  const entry = { sql, params: undefined };
  sqlLog.push(entry);
  for (const method of ['all', 'get', 'iterate', 'run']) {
    const original = stmt[method].bind(stmt);
    // Named so that CPU profiles show the time spent inside SQLite (native code has no JS frame of its own).
    stmt[method] = function betterSqlite3Native(...args) {
      entry.params ??= args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
      return original(...args);
    };
  }
  return stmt;
};

const app = await createFhirApp(config, {
  tokenKeys: createLocalJWKSet(JSON.parse(process.env.BENCH_JWKS)),
  revocations: null,
  legacyDataSource: ds,
  logger: new JsonLogger('fhir-api', 'error'),
  cursorKey: 'bench-cursor-key-0123456789abcdef',
  rateLimitKeyPrefix: `bench:limits:${process.pid}`,
  // With BENCH_REDIS_URL: export queues of their own, no export workers (not another run's jobs).
  bulkExport: { queuePrefix: `bench-exports-${process.pid}`, workers: false },
});
await app.listen(port, '127.0.0.1');
process.on('message', (m) => {
  if (m?.type === 'sql') process.send({ type: 'sql', log: sqlLog.splice(0) });
  if (m?.type === 'cpu') process.send({ type: 'cpu', usage: process.cpuUsage() });
});
const stop = () => app.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
// The monotonic clock V8 profiles use (µs), so a profile can be cut to the time after start-up.
process.send({ type: 'ready', atUs: Number(process.hrtime.bigint() / 1000n) });
