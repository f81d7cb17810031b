/**
 * A whole-number setting read from the environment: unset or blank gives `fallback`; anything that is not a whole
 * number within [min, max] appends a problem (the loaders throw all problems together) and gives `fallback`.
 */
export function envInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name}: "${raw}" must be a whole number between ${min} and ${max}`);
    return fallback;
  }
  return n;
}
