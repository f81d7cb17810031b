/**
 * Test tooling driven by the registry: every resource of every registered type, read through the engine exactly as
 * a search without a patient would (same SQL, normalisation, mapping, keyset paging), with the Provenance of each
 * audited row; and the legacy fixture rows of every mapper folder (`libs/mappers/src/** /*.fixture-rows.ts`),
 * discovered on disk so a new type's rows are loaded without editing any suite.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DataSource } from 'typeorm';
import { LEGACY_TABLES, type LegacyTableDef } from '#facade/legacy-db';
import type { MapperContext } from '#facade/mappers';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import type { ResourceRegistry } from '../engine/registry/resource-registry.js';
import { SearchExecutor, type FoundResource } from '../engine/search/search-executor.js';
import { ProvenanceBuilder } from '../service/provenance.js';

/** Legacy rows by table, as one mapper folder's fixtures declare them (keys given explicitly). */
export type FixtureRows = Readonly<Record<string, readonly object[]>>;

const MAPPERS_SRC = fileURLToPath(new URL('../../../../libs/mappers/src/', import.meta.url));

/** Every `*.fixture-rows.ts` under libs/mappers/src, merged per table (in DDL order: parents before children). */
export async function loadFixtureRows(): Promise<[string, object[]][]> {
  const files = (readdirSync(MAPPERS_SRC, { recursive: true }) as string[]).filter((f) => /\.fixture-rows\.[jt]s$/.test(f) && !f.endsWith('.d.ts')).sort();
  const byTable = new Map<string, object[]>();
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(MAPPERS_SRC, file)).href)) as { FIXTURE_ROWS?: FixtureRows };
    if (!mod.FIXTURE_ROWS) throw new Error(`${file} exports no FIXTURE_ROWS`);
    for (const [table, rows] of Object.entries(mod.FIXTURE_ROWS)) byTable.set(table, [...(byTable.get(table) ?? []), ...rows]);
  }
  const order = (LEGACY_TABLES as unknown as LegacyTableDef[]).map((t) => t.name);
  for (const table of byTable.keys()) if (!order.includes(table)) throw new Error(`Fixture rows for unknown table ${table}`);
  return order.filter((t) => byTable.has(t)).map((t) => [t, byTable.get(t)!]);
}

/**
 * Plain INSERTs with the fixtures' keys (TypeORM's insert leaves identity keys to the database); DATETIME values are
 * written as the EHR (and the entities' transformer) writes them: `YYYY-MM-DD HH:mm:ss`.
 */
export async function insertRows(ds: DataSource, rows: [string, object[]][]): Promise<void> {
  const pg = ds.options.type === 'postgres';
  const defs = new Map((LEGACY_TABLES as unknown as LegacyTableDef[]).map((t) => [t.name, t]));
  for (const [table, list] of rows) {
    const columns = defs.get(table)!.columns;
    for (const row of list) {
      const cols = Object.keys(row);
      const values = Object.entries(row).map(([c, v]) => (columns[c]?.type === 'DATETIME' && typeof v === 'string' ? v.replace('T', ' ') : v));
      const marks = cols.map((_, i) => (pg ? `$${i + 1}` : '?')).join(', ');
      await ds.query(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${marks})`, values);
    }
  }
}

/** One found resource with the profiles its source claims. */
export interface MappedResource {
  type: string;
  source: string;
  resource: FhirResource;
  profiles: readonly string[];
}

/** Every resource of every registered type (deleted rows excluded) and the Provenance of every audited one. */
export async function mapRegistryRows(registry: ResourceRegistry, ds: DataSource, ctx: MapperContext, zone: string): Promise<MappedResource[]> {
  const engine = new SearchExecutor(ds, zone, 0);
  const provenance = new ProvenanceBuilder(engine);
  const out: MappedResource[] = [];
  for (const { def } of registry.all()) {
    if (!def.interactions.includes('search-type')) continue;
    const found: FoundResource[] = [];
    let cursor;
    do {
      const page = await engine.search({ def, clauses: [], access: {}, count: 1000, cursor }, ctx);
      found.push(...page.found);
      cursor = page.next;
    } while (cursor);
    for (const f of found) out.push({ type: def.type, source: f.source.key, resource: f.resource, profiles: f.source.profiles ?? [] });
    for (const p of await provenance.build(found, ctx)) out.push({ type: 'Provenance', source: 'provenance', resource: p, profiles: registry.get('Provenance')?.def.profiles ?? [] });
  }
  return out;
}

/**
 * Profiles the registry claims that no mapped resource carries: the suites fail on them (a profile without data
 * is an untested profile).
 */
export function profilesWithoutData(registry: ResourceRegistry, mapped: readonly MappedResource[]): string[] {
  const seen = new Set(mapped.flatMap((m) => ((m.resource.meta as { profile?: string[] } | undefined)?.profile ?? []).map((p) => p.split('|')[0])));
  return registry.all().flatMap(({ def }) => def.profiles.filter((p) => !seen.has(p)));
}
