const MAX_INT = 2_147_483_647;
const KEY_RE = /^[1-9][0-9]{0,9}$/;

/**
 * The canonical text of a legacy integer key (a FHIR id or id part). Throws a RangeError for a key no legacy
 * row can have (not a positive SQL Server INT).
 */
export function rowKeyText(key: number): string {
  if (!Number.isSafeInteger(key) || key < 1 || key > MAX_INT) throw new RangeError(`Not a legacy row key: ${key}`);
  return String(key);
}

/** Parses the canonical text of a legacy integer key (no sign, no leading zero, within INT); else `undefined`. */
export function parseRowKey(text: string): number | undefined {
  if (!KEY_RE.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_INT ? n : undefined;
}
