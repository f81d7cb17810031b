/** Legacy `*_YN` / `*_FLAG` columns: `'Y'` is true; anything else (`'N'`, NULL, blank) is false. */
export function isYes(flag: string | null | undefined): boolean {
  return typeof flag === 'string' && flag.trim().toUpperCase() === 'Y';
}

/** Trims a nullable text column; blank becomes `undefined`. */
export function text(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const t = String(value).trim();
  return t === '' ? undefined : t;
}

/** Removes keys whose value is `undefined` or an empty array, recursively through plain objects and arrays. */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => compact(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v) && v.length === 0) continue;
      const c = compact(v);
      if (c && typeof c === 'object' && !Array.isArray(c) && Object.keys(c).length === 0) continue;
      out[k] = c;
    }
    return out as T;
  }
  return value;
}
