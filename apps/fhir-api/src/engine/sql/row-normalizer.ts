import { LEGACY_TABLES, normalizeDbDate, normalizeDbDateTime, vendoredSchema, type LegacyColumnDef, type LegacyTableDef } from '#facade/legacy-db';

type Normalize = (v: unknown) => unknown;

const num: Normalize = (v) => (v === null || v === undefined ? null : typeof v === 'number' ? v : Number(v));
const text: Normalize = (v) => (v === null || v === undefined ? null : String(v));
const fixedText: Normalize = (v) => (v === null || v === undefined ? null : String(v).trimEnd()); // CHAR(n) comes space-padded from PG/SQL Server
// VARBINARY stays bytes (drivers return a Buffer or a Uint8Array); text conversion would corrupt non-UTF-8 files.
const bytes: Normalize = (v) => (v === null || v === undefined ? null : Buffer.isBuffer(v) ? v : v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : Buffer.from(String(v), 'binary'));

const byTable = new Map<string, Map<string, Normalize>>();
const nullable = new Set<string>();
const keys = new Map<string, readonly string[]>();
const defs = new Map<string, LegacyTableDef>();
for (const table of LEGACY_TABLES as unknown as LegacyTableDef[]) {
  keys.set(table.name, table.primaryKey);
  defs.set(table.name, table);
  const cols = new Map<string, Normalize>();
  for (const [name, def] of Object.entries(table.columns)) {
    if (def.nullable) nullable.add(`${table.name}.${name}`);
    cols.set(
      name,
      def.type === 'DATETIME' ? normalizeDbDateTime :
      def.type === 'DATE' ? normalizeDbDate :
      def.type === 'INT' || def.type === 'DECIMAL' ? num :
      def.type === 'CHAR' ? fixedText :
      def.type === 'VARBINARY' ? bytes :
      text,
    );
  }
  byTable.set(table.name, cols);
}

/** All column names of a legacy table, in DDL order. */
export function tableColumns(table: string): string[] {
  const cols = byTable.get(table);
  if (!cols) throw new Error(`Unknown legacy table ${table}`);
  return [...cols.keys()];
}

/**
 * A compiled normaliser for raw driver rows of one table: DATETIME -> wall-clock text, DATE -> `YYYY-MM-DD`,
 * numbers -> JS numbers, CHAR -> trimmed, so the mappers see the `Legacy*` row interfaces on every engine.
 */
export function columnNormalizer(table: string, column: string): Normalize {
  const f = byTable.get(table)?.get(column);
  if (!f) throw new Error(`Unknown legacy column ${table}.${column}`);
  return f;
}

/** Whether a legacy column allows NULL (per the customer DDL). */
export function isNullableColumn(table: string, column: string): boolean {
  columnNormalizer(table, column);
  return nullable.has(`${table}.${column}`);
}

/** A legacy column's declaration (type, nullability, identity) per the customer DDL. */
export function columnDef(table: string, column: string): LegacyColumnDef {
  columnNormalizer(table, column);
  return defs.get(table)!.columns[column];
}

/** Whether a column leads the table's primary key or one of its indexes (per the customer DDL): a seek per value. */
export function leadsAnIndex(table: string, column: string): boolean {
  return tablePrimaryKey(table)[0] === column || vendoredSchema().indexes.some((i) => i.table === table && i.columns[0] === column);
}

/** The primary key columns of a legacy table (per the customer DDL). */
export function tablePrimaryKey(table: string): readonly string[] {
  tableColumns(table);
  return keys.get(table)!;
}

/**
 * Whether a legacy table carries the schema's row versions (ROW_VER and UPDATED_AT, bumped by every writer on
 * every update): such rows are identified by (primary key, ROW_VER, UPDATED_AT); others only by their content.
 */
export function hasRowVersions(table: string): boolean {
  const cols = byTable.get(table);
  return !!cols && cols.has('ROW_VER') && cols.has('UPDATED_AT');
}
