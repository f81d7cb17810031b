/**
 * Opaque keyset paging cursors: the sort-key values of the last (or first) row of a page and the direction,
 * serialised as URL-safe base64 and signed with HMAC-SHA256 so that a client cannot forge or alter one.
 * A cursor is bound to a `scope` (e.g. the resource type plus a digest of the query) when one is given.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { invalid } from '../errors/fhir-error.js';

/** A keyset position. */
export interface CursorPayload {
  /** Sort-key values of the boundary row, in sort order (the unique key last). */
  values: readonly (string | number | boolean | null)[];
  /** `next`: rows after the position; `prev`: rows before it. */
  direction: 'next' | 'prev';
  /** What the cursor is valid for; {@link decodeCursor} rejects a cursor used in another scope. */
  scope?: string;
}

const MAC_BYTES = 16;
const MAC_CHARS = 22; // base64url length of 16 bytes, no padding

function checkKey(key: string | Uint8Array): void {
  const length = typeof key === 'string' ? Buffer.byteLength(key) : key.byteLength;
  if (length < 16) throw new RangeError('The cursor signing key must have at least 16 bytes');
}

function mac(key: string | Uint8Array, body: string): Buffer {
  return createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);
}

/**
 * The MAC text of a body, memoised per (string) key (an HMAC is a pure function of key and body; the same pages are asked
 * for again and again, and an HMAC costs microseconds). Bounded: the memo of a key is dropped when full.
 */
const macTexts = new Map<string, Map<string, string>>();
const MAX_MEMO = 10_000;
function macText(key: string | Uint8Array, body: string): string {
  // Byte keys could be changed in place by their owner: only string keys (immutable) are memoised.
  if (typeof key !== 'string') return mac(key, body).toString('base64url');
  let memo = macTexts.get(key);
  if (!memo) {
    if (macTexts.size >= 16) macTexts.clear();
    macTexts.set(key, (memo = new Map()));
  }
  let text = memo.get(body);
  if (text === undefined) {
    text = mac(key, body).toString('base64url');
    if (memo.size >= MAX_MEMO) memo.clear();
    memo.set(body, text);
  }
  return text;
}

/**
 * Encodes and signs a cursor. The result matches `[A-Za-z0-9_-]+` (safe in a URL without escaping).
 * @param key HMAC key of at least 16 bytes (a deployment secret, identical on every instance).
 */
export function encodeCursor(payload: CursorPayload, key: string | Uint8Array): string {
  checkKey(key);
  const json = JSON.stringify(payload.scope === undefined ? [payload.direction, payload.values] : [payload.direction, payload.values, payload.scope]);
  const body = Buffer.from(json, 'utf8').toString('base64url');
  return body + macText(key, body);
}

/**
 * Verifies and decodes a cursor made by {@link encodeCursor}.
 * @param expectedScope when given, the cursor must have been made for the same scope.
 * @throws FhirError 400 `SEARCH_CURSOR_INVALID` for a forged, altered, truncated or foreign cursor.
 */
export function decodeCursor(cursor: string, key: string | Uint8Array, expectedScope?: string): CursorPayload {
  checkKey(key);
  const fail = () => invalid('The paging cursor is invalid or expired; repeat the search from the first page', {
    messageCode: 'SEARCH_CURSOR_INVALID',
    expression: '_cursor',
  });
  if (typeof cursor !== 'string' || cursor.length <= MAC_CHARS || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw fail();
  const body = cursor.slice(0, -MAC_CHARS);
  // Compare the text, not decoded bytes: base64url has spare bits, so two texts can decode alike.
  const given = Buffer.from(cursor.slice(-MAC_CHARS), 'latin1');
  const expected = Buffer.from(macText(key, body), 'latin1');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw fail();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw fail();
  }
  if (!Array.isArray(parsed) || (parsed[0] !== 'next' && parsed[0] !== 'prev') || !Array.isArray(parsed[1])) throw fail();
  const scope = parsed[2] as unknown;
  if (scope !== undefined && typeof scope !== 'string') throw fail();
  if (expectedScope !== undefined && scope !== expectedScope) throw fail();
  const values = parsed[1] as unknown[];
  if (!values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) throw fail();
  const out: CursorPayload = { direction: parsed[0], values: values as CursorPayload['values'] };
  if (scope !== undefined) out.scope = scope;
  return out;
}
