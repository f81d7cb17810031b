import { describe, expect, it } from '@jest/globals';
import { FhirError } from '../errors/fhir-error.js';
import { decodeCursor, encodeCursor, type CursorPayload } from './cursor.js';

const key = 'a-test-key-of-32-bytes-----------';
const other = 'another-key-of-32-bytes----------';

function rejects(fn: () => unknown): FhirError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FhirError);
    return e as FhirError;
  }
  throw new Error('expected a FhirError');
}

describe('encodeCursor / decodeCursor', () => {
  it.each<CursorPayload>([
    { values: ['2024-03-10T10:00:00', 17], direction: 'next' },
    { values: [null, 'ü€/+=', 1.5, true], direction: 'prev' },
    { values: [], direction: 'next', scope: 'Observation:abc' },
  ])('round-trips %j as a URL-safe token', (payload) => {
    const token = encodeCursor(payload, key);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(token, key, payload.scope)).toEqual(payload);
  });

  it('is deterministic for the same payload and key', () => {
    const p: CursorPayload = { values: [1], direction: 'next' };
    expect(encodeCursor(p, key)).toBe(encodeCursor(p, key));
    expect(encodeCursor(p, key)).not.toBe(encodeCursor(p, other));
  });

  it('rejects a cursor signed with another key', () => {
    const token = encodeCursor({ values: [1], direction: 'next' }, other);
    const e = rejects(() => decodeCursor(token, key));
    expect(e.status).toBe(400);
    expect(e.messageCode).toBe('SEARCH_CURSOR_INVALID');
  });

  it('rejects any single-character change of the cursor', () => {
    const token = encodeCursor({ values: ['2024-01-01', 99], direction: 'next' }, key);
    for (let i = 0; i < token.length; i++) {
      for (const c of ['A', 'B', '_']) {
        if (c === token[i]) continue;
        const tampered = token.slice(0, i) + c + token.slice(i + 1);
        rejects(() => decodeCursor(tampered, key));
      }
    }
  });

  it('rejects a forged body with a copied signature, truncation and garbage', () => {
    const token = encodeCursor({ values: [1], direction: 'next' }, key);
    const forgedBody = Buffer.from(JSON.stringify(['next', [2]])).toString('base64url');
    rejects(() => decodeCursor(forgedBody + token.slice(-22), key));
    rejects(() => decodeCursor(token.slice(0, -1), key));
    rejects(() => decodeCursor('', key));
    rejects(() => decodeCursor('not a cursor!', key));
  });

  it('rejects a cursor used in another scope, or without the scope asked for', () => {
    const scoped = encodeCursor({ values: [1], direction: 'next', scope: 'Patient:q1' }, key);
    expect(decodeCursor(scoped, key).scope).toBe('Patient:q1');
    rejects(() => decodeCursor(scoped, key, 'Patient:q2'));
    rejects(() => decodeCursor(encodeCursor({ values: [1], direction: 'next' }, key), key, 'Patient:q1'));
  });

  it('refuses keys shorter than 16 bytes', () => {
    expect(() => encodeCursor({ values: [], direction: 'next' }, 'short')).toThrow(RangeError);
  });
});
