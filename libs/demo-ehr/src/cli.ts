#!/usr/bin/env node
/**
 * `npm run demo:generate -- --patients N --seed S --out sqlite:./data/x.sqlite | postgres://user@host:5432/newdb`
 *
 * Creates a NEW legacy database and fills it with the deterministic synthetic EHR; prints progress, a summary and
 * the demo logins. Bad arguments give a one-line error and exit code 2, never a stack trace.
 */
import { parseCliArgs, UsageError, USAGE } from './cli-args.js';
import { DemoEhrError, generateDemoEhr } from './generate-demo-ehr.js';

async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { target, patients, seed, out } = args;
  const where = target.kind === 'sqlite' ? target.path : out.replace(/\/\/[^@/]*@/, '//***@');
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
