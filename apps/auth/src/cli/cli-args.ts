/** Parsed command line: positional command plus `--name value` options (repeatable) and `--flag` switches. */
export interface ParsedArgs {
  command: string | undefined;
  options: Map<string, string[]>;
  flags: Set<string>;
}

/** Options that take no value. */
const FLAGS = new Set(['backend', 'help', 'json']);

/** Parses argv (without node and script). Throws on a missing value. */
export function parseArgs(argv: string[]): ParsedArgs {
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (FLAGS.has(name)) {
        flags.add(name);
        continue;
      }
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new Error(`--${name} needs a value`);
      options.set(name, [...(options.get(name) ?? []), value]);
    } else if (!command) {
      command = a;
    } else {
      throw new Error(`unexpected argument "${a}"`);
    }
  }
  return { command, options, flags };
}

/** The single value of an option (last wins), or undefined. */
export function opt(p: ParsedArgs, name: string): string | undefined {
  const v = p.options.get(name);
  return v?.[v.length - 1];
}

/** A required option; throws a usage error naming it. */
export function required(p: ParsedArgs, name: string): string {
  const v = opt(p, name);
  if (v === undefined || v === '') throw new Error(`--${name} is required`);
  return v;
}

/** A positive integer option. */
export function intOpt(p: ParsedArgs, name: string): number | undefined {
  const v = opt(p, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,10}$/.test(v) || Number(v) <= 0) throw new Error(`--${name} must be a positive whole number`);
  return Number(v);
}
