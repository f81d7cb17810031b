/**
 * Id schemes: how the FHIR logical ids of one legacy table's resources are written and parsed back. Each mapper
 * folder owns the scheme of the rows it maps (`encounter/encounter.ids.ts`, a new type next to its mapper); the
 * registry entry's source names it, and the engine derives reads, `_id` and reference search from it. There is no
 * central table of ids: a new type never edits this file.
 *
 * Keys are canonical positive integers (no sign, no leading zero, within SQL Server INT), so every row has exactly
 * one id and a malformed id never reaches the database.
 */

/** What an id of a scheme points at: the row key and, for rows that yield several resources, which item. */
export interface ParsedId<Item extends string = string> {
  key: number;
  /** The item (e.g. a vital sign slug) for multi-resource rows. */
  item?: Item;
  /** Position of the item in the scheme's `items` (the engine's paging sub-key); undefined for plain rows. */
  sub?: number;
}

/** The ids of one legacy table's resources. */
export interface IdScheme<Item extends string = never> {
  /** Items of one row in order (multi-resource rows only). */
  readonly items?: readonly Item[];
  /** The id of the row with primary key `key` (and item). Throws a RangeError for a key no row can have. */
  format(key: number, ...item: [Item] extends [never] ? [] : [Item]): string;
  /** The row key of an id, or undefined when the id cannot be one of this scheme's. */
  parse(id: string): ParsedId<Item> | undefined;
}

const MAX_INT = 2_147_483_647;
const KEY_RE = /^[1-9][0-9]{0,9}$/;
/** FHIR `id` datatype regex. */
export const FHIR_ID_RE = /^[A-Za-z0-9\-.]{1,64}$/;

/** The row key written in an id, or undefined when it is not a canonical legacy key. */
export function parseKey(text: string): number | undefined {
  if (!KEY_RE.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_INT ? n : undefined;
}

/** The canonical text of a row key; RangeError for a key no legacy row can have. */
export function keyText(key: number): string {
  if (!Number.isSafeInteger(key) || key < 1 || key > MAX_INT) throw new RangeError(`Not a legacy row key: ${key}`);
  return String(key);
}

/** Ids that are the row key itself (`42`). */
export function plainIds(): IdScheme {
  return {
    format: (key: number) => keyText(key),
    parse: (id) => {
      const key = FHIR_ID_RE.test(id) ? parseKey(id) : undefined;
      return key === undefined ? undefined : { key };
    },
  };
}

/** Ids `<prefix>-<key>` (`practice-1`, `lab-90`): for tables that share a resource type with others. */
export function prefixedIds(prefix: string): IdScheme {
  const head = `${prefix}-`;
  return {
    format: (key: number) => head + keyText(key),
    parse: (id) => {
      if (!id.startsWith(head) || !FHIR_ID_RE.test(id)) return undefined;
      const key = parseKey(id.slice(head.length));
      return key === undefined ? undefined : { key };
    },
  };
}

/**
 * Ids of rows that yield one resource per item (a wide row such as VITALS): `<prefix>-<key>-<item>` when a prefix
 * is given (`vitals-12-bp`), else `<item>-<key>` (`smoking-95`). Items are lower-case slugs.
 */
export function itemIds<Item extends string>(items: readonly Item[], opts: { prefix?: string } = {}): IdScheme<Item> {
  const re = opts.prefix ? new RegExp(`^${opts.prefix}-([0-9]+)-([a-z-]+)$`) : /^([a-z-]+)-([0-9]+)$/;
  const index = new Map(items.map((item, i) => [item as string, i]));
  return {
    items,
    format: ((key: number, item: Item) => (opts.prefix ? `${opts.prefix}-${keyText(key)}-${item}` : `${item}-${keyText(key)}`)) as IdScheme<Item>['format'],
    parse: (id) => {
      const m = FHIR_ID_RE.test(id) ? re.exec(id) : null;
      if (!m) return undefined;
      const [keyPart, itemPart] = opts.prefix ? [m[1], m[2]] : [m[2], m[1]];
      const key = parseKey(keyPart);
      const sub = index.get(itemPart);
      return key === undefined || sub === undefined ? undefined : { key, item: items[sub], sub };
    },
  };
}

/**
 * A row key as the engine holds it: the INT primary key, or for a table whose primary key is several INT columns
 * (PORTAL_PROXY: PORTAL_ID, PAT_ID) the {@link compositeKey} text of the parts.
 */
export type RowKey = number | string;

const PART_WIDTH = 10;
const COMPOSITE_RE = /^[0-9]{10}(?:\.[0-9]{10})+$/;

/**
 * A composite row key as one value: each part as 10 zero-padded digits, joined by `.` (`0000000160.0000000012`).
 * Text order is the order of the key columns' tuples (what `ORDER BY a, b` returns), so the engine compares,
 * hashes and pages such keys like numbers. RangeError for a part no legacy row can have.
 */
export function compositeKey(parts: readonly number[]): string {
  if (parts.length < 2) throw new RangeError('A composite key has at least two parts');
  return parts.map((p) => keyText(p).padStart(PART_WIDTH, '0')).join('.');
}

/** Whether a value is a well-formed composite key (a paging cursor's key, say). */
export function isCompositeKey(key: unknown): key is string {
  return typeof key === 'string' && COMPOSITE_RE.test(key);
}

/** The parts of a {@link compositeKey}, in key-column order. */
export function keyParts(key: string): number[] {
  if (!isCompositeKey(key)) throw new RangeError(`Not a composite row key: ${key}`);
  return key.split('.').map(Number);
}

/** The ids of a table with a composite primary key (`arity` INT columns). */
export interface CompositeIdScheme {
  readonly arity: number;
  /** The id of the row with composite key `key` ({@link compositeKey}). */
  format(key: string): string;
  /** The same id from the key columns' values, in key-column order. */
  formatParts(...parts: number[]): string;
  /** The composite key of an id, or undefined when the id cannot be one of this scheme's. */
  parse(id: string): { key: string } | undefined;
}

/**
 * Ids `<prefix>-<part1>-<part2>...` of a table whose primary key is `arity` INT columns (`proxy-160-12` =
 * PORTAL_PROXY (PORTAL_ID 160, PAT_ID 12)): canonical parts (no sign, no leading zero), in key-column order.
 */
export function compositeIds(prefix: string, arity: number): CompositeIdScheme {
  const head = `${prefix}-`;
  const re = new RegExp(`^${prefix}${'-([0-9]+)'.repeat(arity)}$`);
  const formatParts = (...parts: number[]) => {
    if (parts.length !== arity) throw new RangeError(`${prefix} ids have ${arity} key parts`);
    return head + parts.map(keyText).join('-');
  };
  return {
    arity,
    formatParts,
    format: (key) => formatParts(...keyParts(key)),
    parse: (id) => {
      const m = FHIR_ID_RE.test(id) ? re.exec(id) : null;
      if (!m) return undefined;
      const parts = m.slice(1).map(parseKey);
      return parts.every((p): p is number => p !== undefined) ? { key: compositeKey(parts) } : undefined;
    },
  };
}

/** The id of the Provenance of a resource: `<TargetType>-<target id>`. */
export function provenanceId(targetType: string, targetId: string): string {
  return `${targetType}-${targetId}`;
}

/** The target of a Provenance id (type and id), or undefined when it cannot be one. */
export function parseProvenanceId(id: string): { targetType: string; targetId: string } | undefined {
  if (typeof id !== 'string' || !FHIR_ID_RE.test(id)) return undefined;
  const dash = id.indexOf('-');
  if (dash < 1 || dash === id.length - 1) return undefined;
  const targetType = id.slice(0, dash);
  if (!/^[A-Z][A-Za-z]+$/.test(targetType) || targetType === 'Provenance') return undefined;
  return { targetType, targetId: id.slice(dash + 1) };
}
