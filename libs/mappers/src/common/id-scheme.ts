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
