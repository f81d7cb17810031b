/**
 * Compact FHIR JSON text with the serialised form of each cached resource kept next to it. Resources the engine
 * serves from its mapped-resource cache are shared, never-mutated objects (one per row version): the engine
 * registers each with {@link resourceJson} when it stores it (the text sizes the entry), and that text is reused by
 * every later read or search page that includes them. A searchset Bundle is written by concatenating its entries'
 * cached texts instead of serialising the whole Bundle again.
 *
 * Resources that were never registered (the cache is off, an entry did not fit, `_elements` copies, Provenance)
 * will not be served again: their text is not memoised (no WeakMap entry, no retained string or bytes), and a
 * Bundle made only of them is one `JSON.stringify` (what a plain server does).
 *
 * Contract: a resource passed to {@link resourceJson} must not be mutated afterwards (the engine's mapped resources
 * never are; shaped `_elements`/`_summary` copies are new objects each time).
 */
const texts = new WeakMap<object, string>();

/** `JSON.stringify(resource)`, memoised per object: registers a shared (cached) resource. */
export function resourceJson(resource: object): string {
  let text = texts.get(resource);
  if (text === undefined) {
    text = JSON.stringify(resource);
    texts.set(resource, text);
  }
  return text;
}

/** Whether a resource is a registered shared one (its text, and what is derived from it, may be memoised). */
export function isShared(resource: object): boolean {
  return texts.has(resource);
}

/** The memoised text of a shared resource, else `JSON.stringify` without keeping anything. */
function jsonOf(resource: object): string {
  return texts.get(resource) ?? JSON.stringify(resource);
}

/** Per shared resource, the UTF-8 bytes of its searchset `match` entry under one base URL. */
const matchBytes = new WeakMap<object, { url: string; bytes: Buffer }>();

/**
 * The text of a `{fullUrl, resource, search: {mode: 'match'}}` entry (members in that order, as
 * buildSearchBundle writes them), with the resource's memoised text when it is shared.
 */
function matchEntryJson(url: string, resource: object): string {
  return `{"fullUrl":${JSON.stringify(url)},"resource":${jsonOf(resource)},"search":{"mode":"match"}}`;
}

/** Whether an entry is exactly `{fullUrl: string, resource: object, search: {mode: 'match'}}`, in that order. */
function isMatchEntry(e: Record<string, unknown>): boolean {
  let n = 0;
  for (const k in e) {
    if (k !== (n === 0 ? 'fullUrl' : n === 1 ? 'resource' : 'search')) return false;
    n++;
  }
  if (n !== 3 || typeof e.fullUrl !== 'string' || e.resource === null || typeof e.resource !== 'object') return false;
  const search = e.search as Record<string, unknown> | null;
  if (search === null || typeof search !== 'object' || search.mode !== 'match') return false;
  let m = 0;
  for (const _k in search) m++;
  return m === 1;
}

/** One object's members in order, the `resource` member written with {@link resourceJson}. */
function entryJson(entry: Record<string, unknown>): string {
  if (isMatchEntry(entry)) return matchEntryJson(entry.fullUrl as string, entry.resource as object);
  let out = '';
  for (const key of Object.keys(entry)) {
    const value = entry[key];
    if (value === undefined || typeof value === 'function') continue;
    const text = key === 'resource' && value !== null && typeof value === 'object' ? jsonOf(value) : JSON.stringify(value);
    out += `${out ? ',' : ''}${JSON.stringify(key)}:${text}`;
  }
  return `{${out}}`;
}

/**
 * Compact JSON text of a resource, identical to `JSON.stringify(resource)`: the text of {@link fhirJsonBytes} (the
 * one assembly the server uses), for callers that want a string.
 */
export function fhirJson(resource: { resourceType?: unknown; entry?: unknown }): string {
  return fhirJsonBytes(resource).toString('utf8');
}

const COMMA = Buffer.from(',');

/**
 * UTF-8 bytes of a shared resource's match entry, memoised per resource: a cached resource belongs to one base URL,
 * so its entry is the same on every page that lists it (the URL is compared in case a caller reuses the object).
 * Only the bytes are kept (off the JS heap): the entry's text is a temporary (keeping it, flattened by the
 * encoding, added a second copy of every cached resource's text to the heap the GC walks).
 */
function matchEntryBytes(url: string, resource: object): Buffer {
  const hit = matchBytes.get(resource);
  if (hit !== undefined && hit.url === url) return hit.bytes;
  const bytes = Buffer.from(matchEntryJson(url, resource));
  matchBytes.set(resource, { url, bytes });
  return bytes;
}

/** Whether any entry of a Bundle holds a shared resource (else nothing of it is memoised or reusable). */
function hasSharedEntry(entries: unknown[]): boolean {
  for (let i = 0; i < entries.length; i++) {
    const r = (entries[i] as { resource?: unknown } | null)?.resource;
    if (r !== null && typeof r === 'object' && texts.has(r)) return true;
  }
  return false;
}

/**
 * The UTF-8 bytes of {@link fhirJson}. A searchset Bundle is assembled from its shared match entries' memoised
 * bytes (one memcpy each): writing a ~70 KB page as a string cost a flatten, a UTF-8 length count and an encoding
 * (~60 µs per page measured). The text of other entries is gathered into one string between them and encoded
 * once; a Bundle without shared entries is one `JSON.stringify` and one encoding.
 */
export function fhirJsonBytes(resource: { resourceType?: unknown; entry?: unknown }): Buffer {
  if (resource.resourceType !== 'Bundle' || !Array.isArray(resource.entry)) return Buffer.from(jsonOf(resource));
  if (!hasSharedEntry(resource.entry)) return Buffer.from(JSON.stringify(resource));
  let head = '{';
  let tail = '';
  let entries: unknown[] = [];
  let first = true;
  for (const key of Object.keys(resource)) {
    const value = (resource as Record<string, unknown>)[key];
    if (value === undefined || typeof value === 'function') continue;
    const member = `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (key === 'entry') {
      head += `${member}[`;
      entries = value as unknown[];
      tail = ']';
    } else if (tail) tail += member + JSON.stringify(value);
    else head += member + JSON.stringify(value);
  }
  const chunks: Buffer[] = [];
  // Text not yet encoded (the head, unshared entries, commas): encoded once before the next memoised bytes.
  let pending = head;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as Record<string, unknown> | null;
    if (i) pending += ',';
    if (e !== null && typeof e === 'object' && isMatchEntry(e) && texts.has(e.resource as object)) {
      if (pending) chunks.push(pending === ',' ? COMMA : Buffer.from(pending));
      chunks.push(matchEntryBytes(e.fullUrl as string, e.resource as object));
      pending = '';
    } else pending += e !== null && typeof e === 'object' ? entryJson(e) : JSON.stringify(e ?? null);
  }
  chunks.push(Buffer.from(`${pending}${tail}}`));
  return Buffer.concat(chunks);
}
