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
  // jest runs in band on 2 cores, and ESM test files (vm modules) each keep their module graph alive until the end:
  // ~170 suites reach V8's default 4 GB heap limit. 8 GB is a third of these machines' memory.
  NODE_OPTIONS: [process.env.NODE_OPTIONS ?? '', '--experimental-vm-modules', '--no-warnings=ExperimentalWarning', '--max-old-space-size=8192'].join(' ').trim(),
  TEST_PG_URL: process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  TEST_REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
};
const args = ['node_modules/jest/bin/jest.js', '--forceExit', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)];
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
