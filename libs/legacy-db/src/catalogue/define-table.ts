import type { SqlTypeFamily } from '../ddl/ddl-parser.js';

/** One column of a legacy table, as the facade knows it (mirrors the customer DDL). */
export interface LegacyColumnDef {
  type: SqlTypeFamily;
  length?: number | 'MAX';
  precision?: number;
  scale?: number;
  nullable: boolean;
  identity?: boolean;
  unique?: boolean;
  defaultValue?: string | number;
}

/** A legacy table: its exact name, columns (exact names) and primary key. `TRow` is the row shape. */
export interface LegacyTableDef<TRow = Record<string, unknown>> {
  readonly name: string;
  readonly columns: { readonly [K in keyof TRow & string]: LegacyColumnDef };
  readonly primaryKey: readonly (keyof TRow & string)[];
}

/** Declares a legacy table; the row interface and the column map must name the same columns. */
export function defineLegacyTable<TRow>(
  name: string,
  primaryKey: readonly (keyof TRow & string)[],
  columns: { readonly [K in keyof TRow & string]: LegacyColumnDef },
): LegacyTableDef<TRow> {
  return Object.freeze({ name, primaryKey, columns });
}

/** Compact column constructors used by the table declarations. */
export const col = {
  int: (nullable = false, extra: Partial<LegacyColumnDef> = {}): LegacyColumnDef => ({ type: 'INT', nullable, ...extra }),
  char: (length: number, nullable = false, extra: Partial<LegacyColumnDef> = {}): LegacyColumnDef => ({ type: 'CHAR', length, nullable, ...extra }),
  varchar: (length: number | 'MAX', nullable = false, extra: Partial<LegacyColumnDef> = {}): LegacyColumnDef => ({ type: 'VARCHAR', length, nullable, ...extra }),
  nvarchar: (length: number | 'MAX', nullable = false, extra: Partial<LegacyColumnDef> = {}): LegacyColumnDef => ({ type: 'NVARCHAR', length, nullable, ...extra }),
  decimal: (precision: number, scale: number, nullable = false): LegacyColumnDef => ({ type: 'DECIMAL', precision, scale, nullable }),
  date: (nullable = false): LegacyColumnDef => ({ type: 'DATE', nullable }),
  datetime: (nullable = false): LegacyColumnDef => ({ type: 'DATETIME', nullable }),
  varbinary: (length: number | 'MAX', nullable = false): LegacyColumnDef => ({ type: 'VARBINARY', length, nullable }),
};
