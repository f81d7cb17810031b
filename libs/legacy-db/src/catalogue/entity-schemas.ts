import { EntitySchema, type EntitySchemaColumnOptions, type ValueTransformer } from 'typeorm';
import { normalizeDbDate, normalizeDbDateTime } from '../time/db-values.js';
import { LEGACY_TABLES } from '../entities/index.js';
import type { LegacyColumnDef, LegacyTableDef } from './define-table.js';

/** The engines the legacy layer runs on. */
export type LegacyDialect = 'mssql' | 'sqlite' | 'postgres';

const decimalTransformer: ValueTransformer = {
  to: (v: unknown) => v,
  from: (v: unknown) => (v === null || v === undefined ? v : Number(v)),
};
const dateTimeTransformer: ValueTransformer = {
  // Values are written as wall-clock text; SQL Server and PostgreSQL convert ISO-8601 text to DATETIME/DATE
  // themselves, so no JS Date (and no process time zone) is involved on the way in.
  to: (v: unknown) => (typeof v === 'string' ? v.replace('T', ' ') : v),
  from: (v: unknown) => normalizeDbDateTime(v),
};
const dateTransformer: ValueTransformer = { to: (v: unknown) => v, from: (v: unknown) => normalizeDbDate(v) };

/**
 * The TypeORM column type an entity declares for a DDL type family on a given engine.
 *
 * DATE and DATETIME are declared as character data on purpose: TypeORM's own date handling converts through the
 * process time zone, which corrupts wall-clock values. The real column types are the DDL's; the transformers
 * above normalise whatever the driver returns (text, or an mssql `Date` in UTC mode).
 */
export function entityColumnType(def: LegacyColumnDef, dialect: LegacyDialect): string {
  switch (def.type) {
    case 'INT':
      return 'int';
    case 'DECIMAL':
      return 'decimal';
    case 'CHAR':
      return dialect === 'sqlite' ? 'character' : 'char';
    case 'VARCHAR':
      return def.length === 'MAX' && dialect !== 'mssql' ? 'text' : 'varchar';
    case 'NVARCHAR':
      if (def.length === 'MAX' && dialect !== 'mssql') return 'text';
      return dialect === 'postgres' ? 'varchar' : 'nvarchar';
    case 'DATE':
    case 'DATETIME':
      return 'varchar';
    case 'VARBINARY':
      return dialect === 'mssql' ? 'varbinary' : dialect === 'postgres' ? 'bytea' : 'blob';
  }
}

function columnOptions(name: string, def: LegacyColumnDef, table: LegacyTableDef, dialect: LegacyDialect): EntitySchemaColumnOptions {
  const options: EntitySchemaColumnOptions = {
    name,
    type: entityColumnType(def, dialect) as EntitySchemaColumnOptions['type'],
    nullable: def.nullable,
    primary: (table.primaryKey as readonly string[]).includes(name),
  };
  if (def.identity) options.generated = 'increment';
  if (def.unique) options.unique = true;
  if (def.type === 'DECIMAL') {
    options.precision = def.precision;
    options.scale = def.scale;
    options.transformer = decimalTransformer;
  } else if (def.type === 'DATETIME') {
    options.length = 23;
    options.transformer = dateTimeTransformer;
  } else if (def.type === 'DATE') {
    options.length = 10;
    options.transformer = dateTransformer;
  } else if (def.length !== undefined && def.length !== 'MAX') {
    options.length = def.length;
  } else if (def.length === 'MAX' && dialect === 'mssql') {
    options.length = 'MAX';
  }
  if (def.defaultValue !== undefined) options.default = def.defaultValue;
  return options;
}

const cache = new Map<LegacyDialect, EntitySchema[]>();

/**
 * TypeORM entity schemas of every legacy table for one engine. Entity names equal the table names, so
 * `dataSource.getRepository<LegacyPatient>('PATIENT')` works.
 */
export function legacyEntitySchemas(dialect: LegacyDialect): EntitySchema[] {
  let schemas = cache.get(dialect);
  if (!schemas) {
    schemas = LEGACY_TABLES.map((table) => {
      const t = table as unknown as LegacyTableDef;
      const columns: Record<string, EntitySchemaColumnOptions> = {};
      for (const [name, def] of Object.entries(t.columns) as [string, LegacyColumnDef][]) {
        columns[name] = columnOptions(name, def, t, dialect);
      }
      return new EntitySchema({ name: t.name, tableName: t.name, columns, synchronize: false });
    });
    cache.set(dialect, schemas);
  }
  return schemas;
}
