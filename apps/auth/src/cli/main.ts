import '#facade/config/src/require-supported-node.js'; // first: refuses an unsupported Node before any dependency loads
import { runCli } from './auth-cli.js';

// Operator CLI entry point: `node dist/apps/auth/src/cli/main.js <command> ...` (see USAGE in auth-cli.ts).
runCli(process.argv.slice(2), process.env, { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) })
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
