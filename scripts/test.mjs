#!/usr/bin/env node
// The README's test command (`npm test`): runs jest in native ESM mode with a process time zone that is neither
// UTC nor the legacy database's zone (so a DATETIME leaking through the process zone fails a test), then prints
// one closing line `Tests: N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.stdout.write(`Tests run on Node ${process.version}\n`);
const resultsFile = join(mkdtempSync(join(tmpdir(), 'jest-results-')), 'results.json');
const env = {
  ...process.env,
  TZ: process.env.TEST_TZ ?? 'Australia/Lord_Howe',
  // ESM test files (vm modules) each keep their module graph alive until the worker is replaced (below); the heap
  // limit leaves room for the largest files between two replacements.
  NODE_OPTIONS: [process.env.NODE_OPTIONS ?? '', '--experimental-vm-modules', '--no-warnings=ExperimentalWarning', '--max-old-space-size=8192'].join(' ').trim(),
  TEST_PG_URL: process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  TEST_REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
};
// One test file at a time (the suites share the machine's PostgreSQL, Redis and ports), but in a worker process that
// jest replaces when it holds more than WORKER_MEMORY after a file: ESM test files keep their module graphs alive, and
// 210 suites in one process outgrew even an 8 GB heap. (A memory limit makes jest use a worker even for one.)
const WORKER_MEMORY = process.env.TEST_WORKER_MEMORY ?? '3GB';
const args = ['node_modules/jest/bin/jest.js', '--forceExit', '--maxWorkers=1', `--workerIdleMemoryLimit=${WORKER_MEMORY}`, '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)];
const result = spawnSync(process.execPath, args, { stdio: 'inherit', env });

let summary;
try {
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  summary = `Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`;
  if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) summary += ` (${r.numFailedTestSuites} suites failed to run)`;
} catch {
  summary = 'Tests: 0 passed, 1 failed (jest wrote no results)';
}
process.stdout.write(`\n${summary}\n`);
process.exit(result.status ?? 1);
