/**
 * What the drivers return for the legacy DATETIME and DATE columns, normalised to wall-clock text. Zone
 * conversion is not done here: that is `#facade/time`.
 */

/** Whether `s` (19 characters) is `YYYY-MM-DDTHH:mm:ss` or `YYYY-MM-DD HH:mm:ss`, checked per character. */
function isPlainDateTime(s: string): boolean {
  for (let i = 0; i < 19; i++) {
    const c = s.charCodeAt(i);
    if (i === 4 || i === 7) {
      if (c !== 45) return false; // '-'
    } else if (i === 10) {
      if (c !== 84 && c !== 32) return false; // 'T' or ' '
    } else if (i === 13 || i === 16) {
      if (c !== 58) return false; // ':'
    } else if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Normalises what a driver returns for a DATETIME column into the wall-clock string form.
 * SQLite returns the stored text; PostgreSQL (with our type parsers) returns text; mssql with `useUTC: true`
 * returns a Date whose UTC fields are the wall clock.
 */
export function normalizeDbDateTime(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  // Fast path (the usual SQLite/PostgreSQL text): exactly `YYYY-MM-DD[T ]HH:mm:ss`, no fraction.
  if (typeof value === 'string' && value.length === 19 && isPlainDateTime(value)) {
    return value.charCodeAt(10) === 84 ? value : `${value.slice(0, 10)}T${value.slice(11)}`;
  }
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
  }
  const s = String(value).replace(' ', 'T');
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(\.\d+)?/.exec(s);
  if (!m) throw new RangeError(`Unexpected DATETIME value from the database: ${s}`);
  const base = m[1].length === 16 ? `${m[1]}:00` : m[1];
  const frac = m[2] && Number(m[2]) !== 0 ? m[2].slice(0, 4).padEnd(4, '0') : '';
  return base + frac;
}

/** Normalises what a driver returns for a DATE column into `YYYY-MM-DD`. */
export function normalizeDbDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const s = String(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) throw new RangeError(`Unexpected DATE value from the database: ${s}`);
  return s.slice(0, 10);
}
