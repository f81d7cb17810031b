/**
 * A bounded cache of mapped resources keyed by the row's version: the source, primary key, ROW_VER and UPDATED_AT
 * of the row and of every joined row (or the joined values when a join has no version columns), and the base URL.
 * The legacy schema's convention is that every writer increments ROW_VER and sets UPDATED_AT on every update, so
 * a changed row never hits a stale entry. Child rows (loaded before mapping) join the key by their versions, or by
 * their content when the table has no version columns (PATIENT_RACE), so an added or removed child changes it too.
 */
import type { ExpandedItem, ResourceSource, SourceRow } from '../registry/resource-definition.js';

export class MappedResourceCache {
  private readonly entries = new Map<string, ExpandedItem[]>();

  constructor(private readonly maxEntries: number) {}

  /** The cache key of a row, or undefined when the row cannot be cached. */
  keyOf(source: ResourceSource, row: SourceRow, baseUrl: string): string | undefined {
    if (this.maxEntries <= 0 || row.ROW_VER === undefined || row.UPDATED_AT === undefined) return undefined;
    let key = `${baseUrl}|${source.key}|${String(row[source.pk])}|${String(row.ROW_VER)}|${String(row.UPDATED_AT)}`;
    for (const j of source.joins ?? []) {
      const jr = row[j.alias] as Record<string, unknown> | undefined;
      key += jr && 'ROW_VER' in jr && 'UPDATED_AT' in jr ? `|${String(jr.ROW_VER)}|${String(jr.UPDATED_AT)}` : `|${JSON.stringify(jr ?? null)}`;
    }
    for (const c of source.children ?? []) {
      const rows = (row[c.as] as Record<string, unknown>[] | undefined) ?? [];
      key += `|${c.as}:` + rows.map((r) => ('ROW_VER' in r && 'UPDATED_AT' in r ? `${JSON.stringify(Object.values(r)[0])}@${String(r.ROW_VER)}@${String(r.UPDATED_AT)}` : JSON.stringify(r))).join(',');
    }
    return key;
  }

  get(key: string): ExpandedItem[] | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Refresh recency (Map keeps insertion order: the oldest entry is evicted first).
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, items: ExpandedItem[]): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, items);
  }
}
