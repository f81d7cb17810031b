// Every test process runs with a process time zone different from the legacy database's zone
// (America/New_York by default), so that a DATETIME that leaks through the process zone fails a test.
if (!process.env.TZ || process.env.TZ === 'America/New_York') {
  throw new Error('Run the tests through `npm test` (TZ must differ from the legacy database zone).');
}
// @medplum/core expects a WebSocket global on Node 20.
(globalThis as { WebSocket?: unknown }).WebSocket ??= class {};
// Worker threads started by the code under test (the export thread) load the TypeScript sources through these hooks.
process.env.FACADE_THREAD_TS_LOADER ??= new URL('./ts-thread-loader.mjs', import.meta.url).href;
