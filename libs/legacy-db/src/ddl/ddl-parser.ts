/**
 * A parser for the customer's SQL Server DDL (`libs/legacy-db/ddl/schema.sql`), just wide enough for the
 * statements that file uses: CREATE TABLE with column and table constraints, and CREATE INDEX.
 *
 * It serves three purposes: the test that proves the TypeORM entities match the customer schema, the demo
 * tooling that recreates the schema in SQLite or PostgreSQL, and the code generator of the table catalogue.
 */

/** The SQL Server type families the schema uses. */
export type SqlTypeFamily = 'INT' | 'CHAR' | 'VARCHAR' | 'NVARCHAR' | 'DECIMAL' | 'DATE' | 'DATETIME' | 'VARBINARY';

export interface DdlColumn {
  name: string;
  type: SqlTypeFamily;
  /** Character length; `'MAX'` for (N)VARCHAR(MAX)/VARBINARY(MAX). */
  length?: number | 'MAX';
  precision?: number;
  scale?: number;
  nullable: boolean;
  identity: boolean;
  unique: boolean;
  /** The literal default as written in the DDL (`'N'`, `1`, `'LAB'`). */
  defaultValue?: string | number;
  references?: { table: string; column: string };
}

export interface DdlIndex {
  name: string;
  table: string;
  columns: string[];
}

export interface DdlTable {
  name: string;
  columns: DdlColumn[];
  primaryKey: string[];
}

export interface DdlSchema {
  tables: DdlTable[];
  indexes: DdlIndex[];
}

const TYPE_RE = /^(INT|CHAR|VARCHAR|NVARCHAR|DECIMAL|DATE|DATETIME|VARBINARY)(?:\(([^)]*)\))?$/i;

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, '');
}

/** Splits a CREATE TABLE body on top-level commas (commas inside parentheses belong to types). */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of body) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

function parseColumn(def: string): DdlColumn {
  const tokens = def.split(/\s+/);
  const name = tokens[0];
  const typeMatch = TYPE_RE.exec(tokens[1]);
  if (!typeMatch) throw new Error(`Unsupported type in column definition: ${def}`);
  const type = typeMatch[1].toUpperCase() as SqlTypeFamily;
  const column: DdlColumn = { name, type, nullable: true, identity: false, unique: false };
  const args = typeMatch[2]?.split(',').map((s) => s.trim());
  if (args) {
    if (type === 'DECIMAL') {
      column.precision = Number(args[0]);
      column.scale = Number(args[1] ?? 0);
    } else {
      column.length = args[0].toUpperCase() === 'MAX' ? 'MAX' : Number(args[0]);
    }
  }
  const rest = tokens.slice(2).join(' ');
  if (/\bNOT NULL\b/i.test(rest)) column.nullable = false;
  if (/\bIDENTITY\b/i.test(rest)) column.identity = true;
  if (/\bPRIMARY KEY\b/i.test(rest)) column.nullable = false;
  if (/\bUNIQUE\b/i.test(rest)) column.unique = true;
  const def1 = /\bDEFAULT\s+('(?:[^']*)'|-?\d+(?:\.\d+)?)/i.exec(rest);
  if (def1) {
    column.defaultValue = def1[1].startsWith("'") ? def1[1].slice(1, -1) : Number(def1[1]);
  }
  const ref = /\bREFERENCES\s+(\w+)\s*\((\w+)\)/i.exec(rest);
  if (ref) column.references = { table: ref[1], column: ref[2] };
  return column;
}

/** Parses the DDL text into tables (in file order) and indexes. */
export function parseDdl(sql: string): DdlSchema {
  const text = stripComments(sql);
  const tables: DdlTable[] = [];
  const tableRe = /CREATE\s+TABLE\s+(\w+)\s*\(([\s\S]*?)\);/gi;
  for (let m = tableRe.exec(text); m; m = tableRe.exec(text)) {
    const table: DdlTable = { name: m[1], columns: [], primaryKey: [] };
    for (const part of splitTopLevel(m[2])) {
      const pk = /^PRIMARY\s+KEY\s*\(([^)]*)\)$/i.exec(part);
      if (pk) {
        table.primaryKey = pk[1].split(',').map((s) => s.trim());
        continue;
      }
      const column = parseColumn(part);
      if (/\bPRIMARY KEY\b/i.test(part)) table.primaryKey = [column.name];
      table.columns.push(column);
    }
    for (const name of table.primaryKey) {
      const col = table.columns.find((c) => c.name === name);
      if (col) col.nullable = false;
    }
    tables.push(table);
  }
  const indexes: DdlIndex[] = [];
  const indexRe = /CREATE\s+INDEX\s+(\w+)\s+ON\s+(\w+)\s*\(([^)]*)\)\s*;/gi;
  for (let m = indexRe.exec(text); m; m = indexRe.exec(text)) {
    indexes.push({ name: m[1], table: m[2], columns: m[3].split(',').map((s) => s.trim()) });
  }
  return { tables, indexes };
}
