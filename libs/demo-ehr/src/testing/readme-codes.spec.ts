import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { vendoredSchemaPath, vendoredSchema } from '#facade/legacy-db';
import { README_CODES, TABLES_WITH_DELETED_YN } from './readme-codes.js';

const readme = readFileSync(vendoredSchemaPath().replace(/schema\.sql$/, 'README.md'), 'utf8');

/** The README text from a bold heading to the next blank line (the paragraph defining those codes). */
function paragraphOf(heading: string): string {
  const start = heading === 'Password formats' ? readme.indexOf('## Password formats') : readme.indexOf(`**${heading}**`);
  if (start < 0) throw new Error(`README has no **${heading}**`);
  const end = readme.indexOf('\n\n', start + heading.length + 10);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('the local-code list used by the generator tests is the README', () => {
  it.each(README_CODES.map((l) => [`${l.table}.${l.column}`, l] as const))('%s: every code is defined in the README paragraph', (_name, list) => {
    // Y/N flags are defined once, by the README's conventions table (`*_YN` = 'Y' / 'N').
    const text = list.column.endsWith('_YN') ? `${paragraphOf(list.heading)} ${/\| `\*_YN`[^\n]*/.exec(readme)?.[0].replace(/['`]/g, ' ') ?? ''}` : paragraphOf(list.heading);
    for (const code of list.codes) expect(text).toMatch(new RegExp(`(^|[\\s(|\`,])${code.replace(/[-.]/g, '\\$&')}([\\s)|\`,.]|$)`));
  });

  it('names real columns of the schema', () => {
    const tables = new Map(vendoredSchema().tables.map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
    for (const l of README_CODES) expect(tables.get(l.table)?.has(l.column)).toBe(true);
    const withDeleted = vendoredSchema().tables.filter((t) => t.columns.some((c) => c.name === 'DELETED_YN')).map((t) => t.name);
    expect([...TABLES_WITH_DELETED_YN].sort()).toEqual(withDeleted.sort());
  });
});
