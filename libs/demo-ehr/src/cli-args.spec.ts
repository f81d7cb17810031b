import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { parseCliArgs, UsageError } from './cli-args.js';

describe('demo:generate command line', () => {
  it('parses the documented forms, with defaults', () => {
    expect(parseCliArgs(['--patients', '10000', '--seed', '7', '--out', 'sqlite:./data/x.sqlite'])).toEqual({
      target: { kind: 'sqlite', path: resolve('./data/x.sqlite') }, out: 'sqlite:./data/x.sqlite', patients: 10000, seed: 7,
    });
    expect(parseCliArgs(['--out', 'postgres://postgres@127.0.0.1:5432/newdb'])).toEqual({
      target: { kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/newdb' }, out: 'postgres://postgres@127.0.0.1:5432/newdb', patients: 500, seed: 1,
    });
    expect(parseCliArgs(['--help'])).toBe('help');
  });

  it.each([
    [[], /--out is required/],
    [['--out', 'x.sqlite'], /--out must be sqlite:<path> or postgres:/],
    [['--out', 'sqlite:'], /needs a file path/],
    [['--out', 'sqlite::memory:'], /needs a file path/],
    [['--out', 'postgres://127.0.0.1:5432'], /needs a database name/],
    [['--out', 'sqlite:a', '--patients', 'ten'], /--patients must be a non-negative integer/],
    [['--out', 'sqlite:a', '--patients', '-5'], /--patients/],
    [['--out', 'sqlite:a', '--patients', '2'], /--patients must be from 3/],
    [['--out', 'sqlite:a', '--seed', '1.5'], /--seed must be a non-negative integer/],
    [['--out', 'sqlite:a', '--seed', '4294967296'], /--seed must be from 0 to 4294967295/],
    [['--out', 'sqlite:a', '--bogus'], /Unknown option '--bogus'/],
    [['--out', 'sqlite:a', 'extra'], /positional/],
  ])('rejects %j with a usage error', (argv, message) => {
    let error: unknown;
    try {
      parseCliArgs(argv as string[]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
  });
});
