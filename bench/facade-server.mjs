// One FHIR API process for the benchmark: the real app (compiled to bench/.build), a local test key set.
// Usage (spawned by fhir-read-search.mjs): BENCH_DB=<sqlite path> BENCH_PORT=<port> BENCH_JWKS=<json> node bench/facade-server.mjs
import { createLocalJWKSet } from 'jose';
import { createFhirApp } from './.build/apps/fhir-api/src/bootstrap.js';
import { loadConfig } from './.build/libs/config/src/index.js';
import { JsonLogger } from './.build/libs/observability/src/index.js';

const port = Number(process.env.BENCH_PORT);
const config = loadConfig({
  LEGACY_DB_URL: `sqlite:${process.env.BENCH_DB}`,
  FACADE_DB_URL: 'sqlite::memory:',
  FHIR_PORT: String(port),
  FHIR_PUBLIC_URL: `http://127.0.0.1:${port}`,
  AUTH_PUBLIC_URL: 'http://bench.auth',
  LOG_LEVEL: 'error',
});
const app = await createFhirApp(config, {
  tokenKeys: createLocalJWKSet(JSON.parse(process.env.BENCH_JWKS)),
  revocations: null,
  logger: new JsonLogger('fhir-api', 'error'),
  cursorKey: 'bench-cursor-key-0123456789abcdef',
});
await app.listen(port, '127.0.0.1');
process.send?.('ready');
for (const s of ['SIGTERM', 'SIGINT']) process.on(s, () => app.close().then(() => process.exit(0)));
