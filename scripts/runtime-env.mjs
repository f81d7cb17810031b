// The environment the product's processes run under, beside their own configuration (the Dockerfile's runtime stage
// sets the same ENV; scripts/lts-node.mjs sets what is not set already, so `npm start`, `npm run start:fhir` and
// `npm run start:worker` get it; bench/bulk-export.mjs re-executes itself under it):
// - MALLOC_ARENA_MAX=2: glibc gives each thread that allocates its own malloc arena (up to 8 per core); the export
//   thread, V8's compiler and GC threads and libuv's pool each keep freed memory in theirs. Two arenas: a fresh
//   process's RSS grows by ~16 MB less through a 10,000-patient export (bench/README.md "Session 6, BULK2"), with the
//   API's read rate and the export's CPU per resource unchanged within the noise.
export const RUNTIME_ENV = Object.freeze({ MALLOC_ARENA_MAX: '2' });
