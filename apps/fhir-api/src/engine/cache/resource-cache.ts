/**
 * The mapped-resource cache: per base URL and source, row key (engine/sql/row-key.ts) -> the row version it was built from, the
 * normalised row (includes and Provenance read it) and the mapped resources. An entry is only ever served after
 * the engine has read the row's current versions from the database in the same request (the key-first loader's
 * version statement) and found them equal, so a stale entry is never served: it is simply replaced.
 *
 * Bounded by approximate bytes (a multiple of the resources' JSON length), least recently used first out. Recency
 * is an intrusive doubly-linked list: a hit relinks one node (a few pointer writes), no Map delete + set.
 */
import type { ExpandedItem, ResourceSource, SourceRow } from '../registry/resource-definition.js';
import type { ChildDigestValue } from '../sql/child-digest.js';
import type { RowKey } from '../sql/row-key.js';

/** What one cached row holds. */
export interface CachedRow {
  /** Version values of the row and its joined rows, as the driver returned them ({@link sameValue}). */
  ver: unknown[];
  /** Per child table (source.children order), the digest of the row's children (engine/sql/child-digest.ts). */
  kids: ChildDigestValue[];
  /** The normalised row with its children under their `as` names. */
  row: SourceRow;
  items: ExpandedItem[];
}

interface Node extends CachedRow {
  space: Map<RowKey, Node>;
  pk: RowKey;
  bytes: number;
  prev: Node | undefined;
  next: Node | undefined;
}

/** Equality of two version values from the driver (numbers/text; SQL Server DATETIMEs arrive as Dates). */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime()) || (Buffer.isBuffer(a) && Buffer.isBuffer(b) && a.equals(b));
}

export class ResourceCache {
  private readonly spaces = new Map<string, Map<ResourceSource, Map<RowKey, Node>>>();
  /** Most recently used first. */
  private head: Node | undefined;
  private tail: Node | undefined;
  private used = 0;
  private count = 0;

  /** @param maxBytes approximate bound (0 disables the cache). */
  constructor(readonly maxBytes: number) {}

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  /** Entries and approximate bytes held (tests, diagnostics). */
  stats(): { entries: number; bytes: number } {
    return { entries: this.count, bytes: this.used };
  }

  /** The key space of one source under one base URL (resources carry absolute references to their base). */
  space(baseUrl: string, source: ResourceSource): Map<RowKey, Node> {
    let bySource = this.spaces.get(baseUrl);
    if (!bySource) this.spaces.set(baseUrl, (bySource = new Map()));
    let space = bySource.get(source);
    if (!space) bySource.set(source, (space = new Map()));
    return space;
  }

  /** The entry of a primary key (not yet checked against the row's current versions). */
  peek(space: Map<RowKey, Node>, pk: RowKey): CachedRow | undefined {
    return space.get(pk);
  }

  /** Marks an entry as just used. */
  touch(entry: CachedRow): void {
    const n = entry as Node;
    if (n === this.head || n.space.get(n.pk) !== n) return;
    this.unlink(n);
    this.linkFirst(n);
  }

  /**
   * Stores an entry (replacing the key's previous one), evicts least recently used entries over the bound and
   * returns the stored entry (or the value itself when the cache is off or the value alone exceeds the bound).
   */
  put(space: Map<RowKey, Node>, pk: RowKey, value: CachedRow, bytes: number): CachedRow {
    if (!this.enabled || bytes > this.maxBytes) return value;
    const old = space.get(pk);
    if (old) this.remove(old);
    const n: Node = { ver: value.ver, kids: value.kids, row: value.row, items: value.items, space, pk, bytes, prev: undefined, next: undefined };
    space.set(pk, n);
    this.linkFirst(n);
    this.used += bytes;
    this.count++;
    while (this.used > this.maxBytes && this.tail) this.remove(this.tail);
    return n;
  }

  private remove(n: Node): void {
    if (n.space.get(n.pk) === n) n.space.delete(n.pk);
    this.unlink(n);
    this.used -= n.bytes;
    this.count--;
  }

  private linkFirst(n: Node): void {
    n.prev = undefined;
    n.next = this.head;
    if (this.head) this.head.prev = n;
    this.head = n;
    if (!this.tail) this.tail = n;
  }

  private unlink(n: Node): void {
    if (n.prev) n.prev.next = n.next;
    else if (this.head === n) this.head = n.next;
    if (n.next) n.next.prev = n.prev;
    else if (this.tail === n) this.tail = n.prev;
    n.prev = n.next = undefined;
  }
}
