import { describe, expect, it } from '@jest/globals';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { vendoredSchema } from '../ddl/vendored-schema.js';
import { LEGACY_TABLES } from '../entities/index.js';
import { metadataOnlyDataSource } from '../datasource/legacy-data-source.js';
import { entityColumnType, type LegacyDialect } from './entity-schemas.js';
import type { LegacyColumnDef, LegacyTableDef } from './define-table.js';

const ddl = vendoredSchema();
const tables = LEGACY_TABLES as unknown as LegacyTableDef[];

describe('legacy entities match the customer DDL (libs/legacy-db/ddl/schema.sql)', () => {
  it('declares exactly the tables of the DDL', () => {
    expect(tables.map((t) => t.name).sort()).toEqual(ddl.tables.map((t) => t.name).sort());
    expect(ddl.tables.length).toBe(31);
  });

  it.each(ddl.tables.map((t) => [t.name, t] as const))('%s: same columns, type families, lengths, nullability, keys, defaults', (_name, ddlTable) => {
    const table = tables.find((t) => t.name === ddlTable.name)!;
    const declared = Object.entries(table.columns) as [string, LegacyColumnDef][];
    expect(declared.map(([n]) => n)).toEqual(ddlTable.columns.map((c) => c.name));
    for (const c of ddlTable.columns) {
      const def = table.columns[c.name as keyof typeof table.columns] as LegacyColumnDef;
      expect({ column: c.name, type: def.type, nullable: def.nullable, length: def.length, precision: def.precision, scale: def.scale })
        .toEqual({ column: c.name, type: c.type, nullable: c.nullable, length: c.length, precision: c.precision, scale: c.scale });
      expect({ column: c.name, identity: !!def.identity, unique: !!def.unique, default: def.defaultValue })
        .toEqual({ column: c.name, identity: c.identity, unique: c.unique, default: c.defaultValue });
    }
    expect([...table.primaryKey]).toEqual(ddlTable.primaryKey);
  });

  describe.each(['mssql', 'sqlite', 'postgres'] as LegacyDialect[])('TypeORM metadata on %s', (dialect) => {
    it('maps every DDL column with the right name, nullability, key and type', async () => {
      const ds = await metadataOnlyDataSource(dialect);
      for (const t of ddl.tables) {
        const meta = ds.getMetadata(t.name);
        expect(meta.tableName).toBe(t.name);
        expect(meta.columns.map((c: ColumnMetadata) => c.databaseName)).toEqual(t.columns.map((c) => c.name));
        for (const c of t.columns) {
          const m = meta.findColumnWithDatabaseName(c.name)!;
          expect({ col: `${t.name}.${c.name}`, nullable: m.isNullable, primary: m.isPrimary, generated: m.isGenerated })
            .toEqual({ col: `${t.name}.${c.name}`, nullable: c.nullable, primary: t.primaryKey.includes(c.name), generated: c.identity });
          expect(m.type).toBe(entityColumnType(c as LegacyColumnDef, dialect));
        }
      }
    });
  });
});
