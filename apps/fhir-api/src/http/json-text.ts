/**
 * Compact FHIR JSON text with the serialised form of each resource kept next to it. Resources the engine serves
 * come from the mapped-resource cache (one shared, never-mutated object per row version), so their JSON text is
 * computed once and reused by every later read or search page that includes them. A searchset Bundle is written
 * by concatenating its entries' cached texts instead of serialising the whole Bundle again.
 *
 * Contract: a resource passed here must not be mutated afterwards (the engine's mapped resources never are; shaped
 * `_elements`/`_summary` copies are new objects each time).
 */
const texts = new WeakMap<object, string>();

/** `JSON.stringify(resource)`, memoised per object. */
export function resourceJson(resource: object): string {
  let text = texts.get(resource);
  if (text === undefined) {
    text = JSON.stringify(resource);
    texts.set(resource, text);
  }
  return text;
}

/** One object's members in order, the `resource` member written with {@link resourceJson}. */
function entryJson(entry: Record<string, unknown>): string {
  let out = '';
  for (const key of Object.keys(entry)) {
    const value = entry[key];
    if (value === undefined || typeof value === 'function') continue;
    const text = key === 'resource' && value !== null && typeof value === 'object' ? resourceJson(value) : JSON.stringify(value);
    out += `${out ? ',' : ''}${JSON.stringify(key)}:${text}`;
  }
  return `{${out}}`;
}

/**
 * Compact JSON text of a resource, identical to `JSON.stringify(resource)`: a Bundle's entries reuse the texts of
 * their (cached) resources; the Bundle itself and any other resource are serialised directly.
 */
export function fhirJson(resource: { resourceType?: unknown; entry?: unknown }): string {
  if (resource.resourceType !== 'Bundle' || !Array.isArray(resource.entry)) return resourceJson(resource);
  let out = '';
  for (const key of Object.keys(resource)) {
    const value = (resource as Record<string, unknown>)[key];
    if (value === undefined || typeof value === 'function') continue;
    const text = key === 'entry'
      ? `[${(value as unknown[]).map((e) => (e !== null && typeof e === 'object' ? entryJson(e as Record<string, unknown>) : JSON.stringify(e ?? null))).join(',')}]`
      : JSON.stringify(value);
    out += `${out ? ',' : ''}${JSON.stringify(key)}:${text}`;
  }
  return `{${out}}`;
}
