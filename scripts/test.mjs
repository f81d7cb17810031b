#!/usr/bin/env node
// The README's test command (`npm test`): builds nothing, runs jest in native ESM mode with a process time zone
// that is neither UTC nor the legacy database's zone, so that any DATETIME leaking through the process zone fails.
import { spawnSync } from 'node:child_process';

const env = {
  ...process.env,
  TZ: process.env.TEST_TZ ?? 'Australia/Lord_Howe',
  NODE_OPTIONS: [process.env.NODE_OPTIONS ?? '', '--experimental-vm-modules', '--no-warnings=ExperimentalWarning'].join(' ').trim(),
  TEST_PG_URL: process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  TEST_REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
};
const args = ['node_modules/jest/bin/jest.js', '--runInBand', ...process.argv.slice(2)];
const result = spawnSync(process.execPath, args, { stdio: 'inherit', env });
process.exit(result.status ?? 1);
