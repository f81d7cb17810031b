#!/usr/bin/env node
// The benchmark entry point: runs bench/fhir-api-load.mjs (facade vs a bare node:http + better-sqlite3
// server replaying the facade's SQL with the same mappers). Same arguments, see that file.
await import('./fhir-api-load.mjs');
