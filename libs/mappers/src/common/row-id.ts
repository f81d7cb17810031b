const MAX_INT = 2_147_483_647;
const KEY_RE = /^[1-9][0-9]{0,9}$/;

/**
 * The FHIR id text of a legacy INT primary key (`42`). Throws a RangeError on a key no legacy row can have
 * (not a positive SQL Server INT), like the central id builders.
 */
export function rowKeyId(key: number): string {
  if (!Number.isSafeInteger(key) || key < 1 || key > MAX_INT) throw new RangeError(`Not a legacy row key: ${key}`);
  return String(key);
}

/**
 * Parses the canonical text of a legacy INT key (no sign, no leading zero, within SQL Server INT); `undefined`
 * for anything else, so a malformed id never reaches the database.
 */
export function parseRowKey(text: string): number | undefined {
  if (!KEY_RE.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_INT ? n : undefined;
}
