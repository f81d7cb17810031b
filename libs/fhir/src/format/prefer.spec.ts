import { describe, expect, it } from '@jest/globals';
import { parsePrefer } from './prefer.js';

describe('parsePrefer', () => {
  it.each([
    [undefined, { handling: 'strict', respondAsync: false }],
    ['', { handling: 'strict', respondAsync: false }],
    ['handling=lenient', { handling: 'lenient', respondAsync: false }],
    ['HANDLING = "lenient"', { handling: 'lenient', respondAsync: false }],
    ['return=minimal, handling=lenient', { handling: 'lenient', return: 'minimal', respondAsync: false }],
    ['return=OperationOutcome; foo=bar', { handling: 'strict', return: 'OperationOutcome', respondAsync: false }],
    ['respond-async', { handling: 'strict', respondAsync: true }],
    ['handling=sloppy', { handling: 'strict', respondAsync: false }],
    ['handling=strict, handling=lenient', { handling: 'strict', respondAsync: false }],
    [['return=representation', 'handling=lenient'], { handling: 'lenient', return: 'representation', respondAsync: false }],
  ])('%j -> %j', (header, expected) => {
    expect(parsePrefer(header as string | string[] | undefined)).toEqual(expected);
  });
});
