import type { ValueTransformer } from 'typeorm';

/** The engines the facade store runs on. */
export type FacadeDialect = 'sqlite' | 'postgres' | 'mssql';

/** Maps a TypeORM driver type to our dialect name. */
export function dialectOfDriver(type: string): FacadeDialect {
  if (type === 'better-sqlite3' || type === 'sqlite') return 'sqlite';
  if (type === 'postgres') return 'postgres';
  if (type === 'mssql') return 'mssql';
  throw new Error(`Unsupported facade store driver: ${type}`);
}

/** Column type names that exist (with the same meaning) in each engine; shared by migrations and entity schemas. */
export interface PortableTypes {
  /** Short bounded string (identifiers, codes). */
  str: string;
  /** Unbounded text (JSON documents). */
  text: string;
  /** `length` to use with `text` (SQL Server needs nvarchar(MAX)). */
  textLength: string | undefined;
  int: string;
  /** Epoch milliseconds. */
  bigint: string;
  /** 0/1 flags (portable: no boolean/bit differences). */
  flag: string;
}

/** Column types per dialect. */
export function portableTypes(dialect: FacadeDialect): PortableTypes {
  switch (dialect) {
    case 'sqlite':
      return { str: 'varchar', text: 'text', textLength: undefined, int: 'integer', bigint: 'bigint', flag: 'smallint' };
    case 'postgres':
      return { str: 'varchar', text: 'text', textLength: undefined, int: 'integer', bigint: 'bigint', flag: 'smallint' };
    case 'mssql':
      return { str: 'nvarchar', text: 'nvarchar', textLength: 'MAX', int: 'int', bigint: 'bigint', flag: 'smallint' };
  }
}

/** bigint columns come back as strings from pg and mssql: always hand numbers to the code. */
export const epochMs: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)),
};

/** 0/1 smallint <-> boolean. */
export const flag: ValueTransformer = {
  to: (v: boolean | null | undefined) => (v === null || v === undefined ? v : v ? 1 : 0),
  from: (v: number | string | null) => (v === null || v === undefined ? null : Number(v) === 1),
};
