/**
 * Keyset positions of the engine and their signed, opaque form in `_cursor` (libs/fhir's HMAC cursor, bound to
 * the resource type and the query so a cursor cannot be replayed against another search).
 */
import { decodeCursor as decodeSigned, encodeCursor as encodeSigned, invalid } from '#facade/fhir';
import { isCompositeKey } from '#facade/mappers';
import { compareRowKeys, type RowKey } from '../sql/row-key.js';

/** A keyset position: a resource's (sort value, source index, primary key, item index). */
export interface Cursor {
  /** Sort value (normalised wall-clock or date text) when sorting; null otherwise. */
  s: string | null;
  i: number;
  /** The row key: a number, or a composite key's text (engine/sql/row-key.ts). */
  k: RowKey;
  x: number;
}

/** A position and which way the page goes from it. */
export interface PageCursor {
  at: Cursor;
  direction: 'next' | 'prev';
}

/** Signs a position for a link. */
export function encodePageCursor(c: PageCursor, key: string, scope: string): string {
  return encodeSigned({ values: [c.at.s, c.at.i, c.at.k, c.at.x], direction: c.direction, scope }, key);
}

/** Verifies and decodes a `_cursor` value; a tampered or foreign value is a 400, never a database error. */
export function decodePageCursor(text: string, key: string, scope: string): PageCursor {
  const p = decodeSigned(text, key, scope);
  const [s, i, k, x] = p.values;
  const int = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= -1;
  if ((s === null || typeof s === 'string') && int(i) && (int(k) || isCompositeKey(k)) && int(x)) {
    return { at: { s: s as string | null, i: i as number, k: k as RowKey, x: x as number }, direction: p.direction };
  }
  throw invalid('The paging cursor is invalid; repeat the search from the first page', { messageCode: 'SEARCH_CURSOR_INVALID', expression: '_cursor' });
}

/** Compares two keyset positions in ascending order. */
export function compareKeys(a: Cursor, b: Cursor): number {
  if (a.s !== b.s) {
    if (a.s === null) return -1;
    if (b.s === null) return 1;
    return a.s < b.s ? -1 : 1;
  }
  return a.i - b.i || compareRowKeys(a.k, b.k) || a.x - b.x;
}
