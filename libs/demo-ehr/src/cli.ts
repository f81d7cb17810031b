#!/usr/bin/env node
/**
 * `npm run demo:generate -- --patients N --seed S --out sqlite:./data/x.sqlite | postgres://user@host:5432/newdb`
 *
 * Creates a NEW legacy database and fills it with the deterministic synthetic EHR; prints progress, a summary and
 * the demo logins. Bad arguments give a one-line error and exit code 2, never a stack trace.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DbUrl } from '../../config/src/config.js';
import { DemoEhrError, generateDemoEhr, MAX_DEMO_PATIENTS } from './generate-demo-ehr.js';

const USAGE = `Usage: npm run demo:generate -- --out <sqlite:path | postgres://user@host:port/newdb> [--patients N] [--seed S]

  --out       target database; it must not exist yet (a new file, or a new PostgreSQL database)
  --patients  number of patients, 3..${MAX_DEMO_PATIENTS} (default 500; 50 or more covers every local code)
  --seed      integer 0..4294967295 (default 1); the same seed and count give identical data
  --help      show this help`;

class UsageError extends Error {}

function parseTarget(raw: string): DbUrl {
  if (raw.startsWith('sqlite:')) {
    const path = raw.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!path || path === ':memory:') throw new UsageError('--out sqlite: needs a file path, e.g. sqlite:./data/demo.sqlite');
    return { kind: 'sqlite', path: resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      const u = new URL(raw);
      if (!u.pathname.replace(/^\//, '')) throw new UsageError('--out postgres:// needs a database name, e.g. postgres://postgres@127.0.0.1:5432/demo_ehr');
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`--out: not a valid URL: ${raw}`);
    }
    return { kind: 'postgres', url: raw };
  }
  throw new UsageError('--out must be sqlite:<path> or postgres://user@host:port/<new database>');
}

function parseInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a non-negative integer (got "${raw}")`);
  return Number(raw);
}

async function main(argv: string[]): Promise<number> {
  let values: { out?: string; patients?: string; seed?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { out: { type: 'string' }, patients: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!values.out) throw new UsageError('--out is required');
  const target = parseTarget(values.out);
  const patients = parseInteger('patients', values.patients, 500);
  const seed = parseInteger('seed', values.seed, 1);
  const where = target.kind === 'sqlite' ? target.path : values.out.replace(/\/\/[^@/]*@/, '//***@');
  process.stdout.write(`Generating a demo EHR: ${patients} patients, seed ${seed} -> ${where}\n`);
  const summary = await generateDemoEhr(target, { patients, seed, onProgress: (m) => process.stdout.write(`  ${m}\n`) });
  const seconds = summary.elapsedMs / 1000;
  const lines = [
    '',
    `Done in ${seconds.toFixed(1)} s: ${summary.totalRows} rows (${Math.round(summary.totalRows / Math.max(seconds, 0.001))} rows/s)`,
    ...Object.entries(summary.rows).map(([table, n]) => `  ${table.padEnd(18)} ${String(n).padStart(10)}`),
    '',
    'Demo logins (DEMO DATA ONLY, practice 1):',
    ...summary.credentials.map((c) => `  ${c.kind === 'ehr' ? 'EHR   ' : 'portal'} ${c.login.padEnd(14)} ${c.password.padEnd(11)} ${c.role}${c.canLogIn ? '' : ' - must be refused'}`),
    `Demo patients: PAT_ID ${summary.demoPatientIds.parent} (parent), ${summary.demoPatientIds.child} (child, proxy of parent.demo), ${summary.demoPatientIds.patient} (patient.demo)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`Error: ${e.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`Error: ${e instanceof DemoEhrError ? '' : 'demo generation failed: '}${message}\n`);
    process.exit(1);
  },
);
