/**
 * Child rows folded into the parent's version statement: per child table one correlated scalar sub-query giving an
 * ordered digest of a parent's children, `<row count>:` then the rows separated by char(30), each row its digest
 * columns as text separated by char(31). The loader computes the same text from the exact child rows a cache entry
 * was built from ({@link digestOf}) and compares strings, so a cached read is one statement.
 * - Digest columns: the key and ROW_VER for a table with versions and an identity key (every writer +1s ROW_VER on
 *   every UPDATE; an identity value is never reused, so an insert or delete changes the key list); every loaded
 *   column but the parent key for a table without versions (PATIENT_RACE: its content is its version).
 * - Text of a value: INT as its decimal text, VARCHAR/NVARCHAR as is; in a nullable column NULL is '' and a value
 *   is '=' + its text, so NULL differs from ''. Other types (date/time and decimal text differs between drivers and
 *   SQL; CHAR comes space-padded from some) are not folded: a child needing them is refused when the resource
 *   registry is built ({@link childDigest}); no table of the schema needs them.
 * - Folded only when the parent key leads an index of the child table (a seek per parent row); other children
 *   (GOAL by CP_ID, PATIENT by PCP_PROV_ID) are checked apart, one grouped statement ({@link digestAggregateSql})
 *   for all the cached rows of a page, which scans the table once instead of once per row.
 * - A value containing a separator: the entry's digest is {@link NO_DIGEST}, equal to nothing (such a resource is
 *   re-loaded on every request: correct, slower). On the database side the row count guards it: two digests with
 *   the same count and the same text have the same number of separators, all structural, so no value had any.
 */
import type { SourceChildren } from '../registry/resource-definition.js';
import { columnDef, hasRowVersions, leadsAnIndex, tableColumns, tablePrimaryKey } from './row-normalizer.js';
import type { SqlDialect } from './sql-fragment.js';

/** The digest of no child rows. */
export const EMPTY_DIGEST = '0:';
/** The digest of an entry whose children cannot be told apart from other rows by their text: matches nothing. */
export const NO_DIGEST = false;
/** What a cache entry keeps per child table: its children's digest text, or {@link NO_DIGEST}. */
export type ChildDigestValue = string | typeof NO_DIGEST;

/** The column label of the digest in a `digests` statement (children checked apart). */
export const DIGEST = '__digest';

/** The column label of the digest of a source's `ci`-th child table in a version statement. */
export function digestLabel(ci: number): string {
  return `__kid${ci}`;
}

type Kind = 'int' | 'text';

export interface ChildDigest {
  /** Digest columns, in order, and how each becomes text. */
  fields: { column: string; kind: Kind; nullable: boolean }[];
  /** The child's key after the parent key: the order of a parent's children (as the child row statements list them). */
  orderBy: readonly string[];
  /** In the version statement (the parent key leads an index of the child table), else checked apart. */
  folded: boolean;
}

const KINDS: Record<string, Kind | undefined> = { INT: 'int', VARCHAR: 'text', NVARCHAR: 'text' };
const digests = new WeakMap<SourceChildren, ChildDigest>();

/** The digest of a child declaration (made once); throws when the child cannot be folded. */
export function childDigest(child: SourceChildren): ChildDigest {
  let d = digests.get(child);
  if (d) return d;
  const key = tablePrimaryKey(child.table);
  const loaded = child.columns ?? tableColumns(child.table);
  const versioned = hasRowVersions(child.table) && key.length === 1 && columnDef(child.table, key[0]).identity === true;
  const columns = versioned ? [key[0], 'ROW_VER'] : loaded.filter((c) => c !== child.fk);
  const fields = columns.map((column) => {
    const def = columnDef(child.table, column);
    const kind = KINDS[def.type];
    if (!kind || !loaded.includes(column)) {
      throw new Error(`${child.table} children cannot be folded into their parent's version statement: ${column} (${def.type}) ${kind ? 'is not loaded' : 'has no exact text in SQL'}`);
    }
    return { column, kind, nullable: def.nullable };
  });
  digests.set(child, (d = { fields, orderBy: key.filter((c) => c !== child.fk), folded: leadsAnIndex(child.table, child.fk) }));
  return d;
}

const SEP: Record<SqlDialect, { field: string; row: string }> = {
  sqlite: { field: 'char(31)', row: 'char(30)' },
  postgres: { field: 'chr(31)', row: 'chr(30)' },
  mssql: { field: 'CHAR(31)', row: 'CHAR(30)' },
};

/** A child row's digest text (its digest columns joined by the field separator) and the children's order, as SQL. */
function rowSql(dialect: SqlDialect, quote: (name: string) => string, child: SourceChildren, alias: string): { row: string; order: string } {
  const d = childDigest(child);
  const col = (c: string) => `${quote(alias)}.${quote(c)}`;
  const mssql = dialect === 'mssql';
  const text = (f: ChildDigest['fields'][number]): string => {
    const c = col(f.column);
    const t = f.kind === 'int' ? `CAST(${c} AS ${mssql ? 'VARCHAR(11)' : 'TEXT'})` : c;
    return f.nullable ? `CASE WHEN ${c} IS NULL THEN '' ELSE '=' ${mssql ? '+' : '||'} ${t} END` : t;
  };
  const sep = SEP[dialect].field;
  const fields = d.fields.map(text);
  const order = d.orderBy.map((c) => `${col(c)} ASC`).join(', ');
  // SQL Server: NVARCHAR(MAX) rows (STRING_AGG of shorter types stops at 8,000 bytes).
  const row = mssql ? [`CAST(${fields[0]} AS NVARCHAR(MAX))`, ...fields.slice(1)].join(` + ${sep} + `) : fields.join(` || ${sep} || `);
  return { row, order };
}

/**
 * The digest aggregate of a child's rows in the FROM as `alias` (one group: one parent's children); `quote` quotes an
 * identifier as the query builder does.
 */
export function digestAggregateSql(dialect: SqlDialect, quote: (name: string) => string, child: SourceChildren, alias: string): string {
  const { row, order } = rowSql(dialect, quote, child, alias);
  const sep = SEP[dialect].row;
  if (dialect === 'mssql') return `CONCAT(COUNT(*), ':', STRING_AGG(${row}, ${sep})${order ? ` WITHIN GROUP (ORDER BY ${order})` : ''})`;
  const agg = `${dialect === 'sqlite' ? 'group_concat' : 'string_agg'}(${row}, ${sep}${order ? ` ORDER BY ${order}` : ''})`;
  return `CAST(COUNT(*) AS TEXT) || ':' || COALESCE(${agg}, '')`;
}

/**
 * The correlated sub-query (in parentheses) of a folded child's digest for the parent row `parentKey` (quoted).
 * SQLite: the rows are ordered in an inner query, whose ORDER BY the child's index satisfies (the parent key leads
 * it, the child key follows it or is the rowid), and concatenated as they come; `group_concat(... ORDER BY ...)`
 * would sort them in a temporary B-tree per parent row (opened, its pages zeroed, filled and sorted: ~8k machine
 * instructions each, two per cached Patient read). SQLite does not promise that an aggregate sees an inner query's
 * rows in its order; it is how its co-routines run, and were it ever not so, a digest would differ from the cached
 * one and the resource be read again: a miss, never a stale hit.
 */
export function childDigestSql(dialect: SqlDialect, quote: (name: string) => string, child: SourceChildren, alias: string, parentKey: string): string {
  const where = `${quote(alias)}.${quote(child.fk)} = ${parentKey}`;
  if (dialect === 'sqlite') {
    const { row, order } = rowSql(dialect, quote, child, alias);
    const inner = `SELECT ${row} AS r FROM ${quote(child.table)} ${quote(alias)} WHERE ${where}${order ? ` ORDER BY ${order}` : ''}`;
    return `(SELECT CAST(COUNT(*) AS TEXT) || ':' || COALESCE(group_concat(r, ${SEP.sqlite.row}), '') FROM (${inner}))`;
  }
  return `(SELECT ${digestAggregateSql(dialect, quote, child, alias)} FROM ${quote(child.table)} ${quote(alias)} WHERE ${where})`;
}

/**
 * The digest of one parent's child rows (raw rows in statement order; `at`: positions of the digest columns in
 * them, in {@link ChildDigest.fields} order), the same text the sub-query gives for the same rows.
 */
export function digestOf(d: ChildDigest, rows: readonly (readonly unknown[])[], at: readonly number[]): ChildDigestValue {
  let out = `${rows.length}:`;
  for (let r = 0; r < rows.length; r++) {
    if (r > 0) out += '\u001e';
    for (let k = 0; k < at.length; k++) {
      if (k > 0) out += '\u001f';
      const f = d.fields[k];
      const v = rows[r][at[k]];
      if (v === null || v === undefined) {
        if (!f.nullable) return NO_DIGEST;
        continue;
      }
      const t = f.kind === 'int' ? String(typeof v === 'number' ? v : Number(v)) : String(v);
      if (f.kind === 'text' && (t.includes('\u001e') || t.includes('\u001f'))) return NO_DIGEST;
      out += f.nullable ? `=${t}` : t;
    }
  }
  return out;
}
