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
  return compactValue(value) as T;
}

// Written as index loops without per-object entry arrays: this runs over every mapped resource on a cache miss.
function compactValue(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = compactValue(value[i]);
    return out;
  }
  if (value !== null && typeof value === 'object') return compactObject(value as Record<string, unknown>);
  return value;
}

/** A compacted copy of an object (`{}` when nothing is left; the caller drops it as a member). */
function compactObject(src: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(src);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = src[k];
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) {
      if (v.length > 0) out[k] = compactValue(v);
    } else if (typeof v === 'object') {
      const c = compactObject(v as Record<string, unknown>);
      for (const _ in c) {
        out[k] = c;
        break;
      }
    } else {
      out[k] = v;
    }
  }
  return out;
}
