import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DbUrl } from '#facade/config';
import { MAX_DEMO_PATIENTS } from './generate-demo-ehr.js';

/** The CLI's help text. */
export const USAGE = `Usage: npm run demo:generate -- --out <sqlite:path | postgres://user@host:port/newdb> [--patients N] [--seed S]

  --out       target database; it must not exist yet (a new file, or a new PostgreSQL database)
  --patients  number of patients, 3..${MAX_DEMO_PATIENTS} (default 500; 50 or more covers every local code)
  --seed      integer 0..4294967295 (default 1); the same seed and count give identical data
  --help      show this help`;

/** A bad command line: the CLI prints the message and the usage, exit code 2, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

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

/** The validated command line of `demo:generate`. */
export interface CliArgs {
  target: DbUrl;
  out: string;
  patients: number;
  seed: number;
}

/** Parses and validates the `demo:generate` arguments; `'help'` for --help. Throws {@link UsageError}. */
export function parseCliArgs(argv: string[]): CliArgs | 'help' {
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
  if (values.help) return 'help';
  if (!values.out) throw new UsageError('--out is required');
  const patients = parseInteger('patients', values.patients, 500);
  if (patients < 3 || patients > MAX_DEMO_PATIENTS) throw new UsageError(`--patients must be from 3 to ${MAX_DEMO_PATIENTS} (got ${patients})`);
  const seed = parseInteger('seed', values.seed, 1);
  if (seed > 0xffffffff) throw new UsageError(`--seed must be from 0 to 4294967295 (got ${seed})`);
  return { target: parseTarget(values.out), out: values.out, patients, seed };
}
