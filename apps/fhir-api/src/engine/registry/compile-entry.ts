/**
 * Compiles registry entries (resource-entry.ts) into the definitions the engine reads, deriving everything an
 * entry does not say and refusing at start-up what cannot work: unknown columns, reference targets that are not
 * registered, parameter types that disagree with US Core, and US Core SHALL/SHOULD searches or includes of the
 * claimed profiles that are neither served nor listed in `notSupported`.
 */
import { ID_PARAM, LAST_UPDATED_PARAM, type SearchParamDefinition, type SearchParamType, searchParameterUrl, usCoreProfile, usCoreSearchParameter, type Expectation } from '#facade/fhir';
import type { RowKey } from '#facade/mappers';
import { columnNormalizer, hasRowVersions, tableColumns, tablePrimaryKey } from '../sql/row-normalizer.js';
import { childDigest } from '../sql/child-digest.js';
import type { AuditInfo, IncludeDefinition, ParamTarget, ResourceDefinition, ResourceSource, SourceRow } from './resource-definition.js';
import type { AnyIdScheme, ReferenceTo, ResourceEntry, SourceEntry, TargetSpec } from './resource-entry.js';

const unversioned = (p: string) => p.split('|')[0];
const RANK: Record<string, number> = { SHALL: 3, SHOULD: 2, MAY: 1 };
const AUDIT = ['CREATED_AT', 'CREATED_BY', 'UPDATED_AT', 'UPDATED_BY', 'ROW_VER'];

/** Reads `alias.COLUMN` from a row (base columns at top level, joined ones under their alias). */
function getter(baseAlias: string, path: string): (row: SourceRow) => unknown {
  const [alias, column] = path.split('.');
  return alias === baseAlias ? (row) => row[column] : (row) => (row[alias] as SourceRow | undefined)?.[column];
}

/** Every `alias.COLUMN` a source names must exist in the customer DDL. */
function checkColumns(type: string, e: SourceEntry): void {
  const { spec } = e;
  const tables = new Map([[spec.alias, e.table], ...e.joins.map((j) => [j.alias, j.table] as [string, string])]);
  const check = (path: string | undefined) => {
    if (path === undefined) return;
    const [alias, column] = path.split('.');
    const table = tables.get(alias);
    if (!table || !column) throw new Error(`${type}/${spec.key}: column ${path} is not on the source's tables`);
    try {
      columnNormalizer(table, column);
    } catch {
      throw new Error(`${type}/${spec.key}: ${table} has no column ${column} (${path})`);
    }
  };
  const sqlPaths = (sql: string | undefined) => [...(sql ?? '').matchAll(/\b([a-z][a-z0-9_]*)\.([A-Z][A-Z0-9_]*)\b/g)].map((m) => `${m[1]}.${m[2]}`);
  for (const c of spec.columns ?? []) check(`${spec.alias}.${c}`);
  for (const j of e.joins) for (const c of j.columns ?? []) check(`${j.alias}.${c}`);
  for (const p of [...e.joins.flatMap((j) => sqlPaths(j.on)), ...sqlPaths(spec.baseWhere), ...Object.values(spec.itemPresence ?? {}).flatMap(sqlPaths)]) check(p);
  const items = spec.ids.items;
  if (items && !items.every((i) => spec.itemPresence?.[i])) throw new Error(`${type}/${spec.key}: a wide-row source needs an itemPresence predicate per item (${items.join(', ')})`);
  for (const c of e.children) {
    columnNormalizer(c.table, c.fk);
    if (!c.columns) continue;
    for (const col of c.columns) columnNormalizer(c.table, col);
    const needed = [c.fk, ...tablePrimaryKey(c.table), ...(hasRowVersions(c.table) ? ['ROW_VER', 'UPDATED_AT'] : [])];
    const missing = needed.filter((n) => !c.columns!.includes(n));
    if (missing.length) throw new Error(`${type}/${spec.key}: child ${c.as} (${c.table}) must load ${missing.join(', ')}`);
  }
  for (const p of [spec.deletedColumn, spec.patientColumn, spec.practiceColumn, spec.lastUpdatedColumn, ...Object.values(spec.sort ?? {})]) check(p);
  for (const t of Object.values(spec.targets) as TargetSpec<string>[]) {
    if (t.kind === 'string') t.columns.forEach(check);
    else if (t.kind === 'token') [...t.columns.map((c) => c.column), ...(t.textColumns ?? [])].forEach(check);
    else if (t.kind === 'date') [t.column, t.endColumn].forEach(check);
    else if (t.kind === 'reference' || t.kind === 'quantity') check(t.column);
  }
}

/** Registered sources by type, to resolve reference targets. */
type SourceIndex = ReadonlyMap<string, readonly SourceEntry[]>;

function resolveReference(type: string, code: string, to: ReferenceTo, index: SourceIndex): { type: string; ids: AnyIdScheme } {
  const target = typeof to === 'string' ? { type: to, source: undefined } : to;
  const sources = index.get(target.type);
  if (!sources) throw new Error(`${type}.${code}: references ${target.type}, which is not registered`);
  const chosen = target.source ? sources.filter((s) => s.spec.key === target.source) : sources;
  if (chosen.length !== 1) throw new Error(`${type}.${code}: name one source of ${target.type} (${sources.map((s) => s.spec.key).join(', ')})`);
  if ((chosen[0].spec.ids.arity ?? 1) > 1) throw new Error(`${type}.${code}: one reference column cannot hold ${target.type}/${chosen[0].spec.key}'s composite key`);
  return { type: target.type, ids: chosen[0].spec.ids };
}

function compileTarget(type: string, code: string, t: TargetSpec<string>, index: SourceIndex): ParamTarget {
  if (t.kind !== 'reference') return t.kind === 'custom' ? { kind: 'custom', build: t.build } : t;
  const refs = (Array.isArray(t.to) ? t.to : [t.to]).map((to: ReferenceTo) => resolveReference(type, code, to, index));
  const byType = new Map(refs.map((r) => [r.type, r.ids]));
  return {
    kind: 'reference',
    column: t.column,
    targetTypes: [...byType.keys()],
    toKey: (refType, id) => {
      const parsed = byType.get(refType)?.parse(id);
      // A reference column holds one INT key: a composite-key target's ids cannot be stored in it.
      return parsed && parsed.sub === undefined && typeof parsed.key === 'number' ? parsed.key : undefined;
    },
  };
}

function defaultAudit(e: SourceEntry): ((row: SourceRow) => AuditInfo) | undefined {
  const { spec } = e;
  if (spec.audit === false) return undefined;
  if (spec.audit) return spec.audit as (row: SourceRow) => AuditInfo;
  const cols = tableColumns(e.table);
  if (!AUDIT.every((c) => cols.includes(c))) return undefined;
  const patient = spec.patientColumn ? getter(spec.alias, spec.patientColumn) : undefined;
  const practice = spec.practiceColumn ? getter(spec.alias, spec.practiceColumn) : undefined;
  return (row) => ({
    CREATED_AT: row.CREATED_AT as string,
    CREATED_BY: (row.CREATED_BY as number | null) ?? null,
    UPDATED_AT: row.UPDATED_AT as string,
    UPDATED_BY: (row.UPDATED_BY as number | null) ?? null,
    ROW_VER: row.ROW_VER as number,
    ...(practice ? { practiceId: practice(row) as number } : {}),
    ...(patient ? { patientId: patient(row) as number } : {}),
  });
}

interface DerivedReference {
  code: string;
  get: (row: SourceRow) => unknown;
  type: string;
  ids: AnyIdScheme;
}

/** `_include` values of the row: every single-type reference target, then the entry's own. */
function referencesOf(derived: readonly DerivedReference[], own: ((row: SourceRow) => Readonly<Record<string, readonly string[]>>) | undefined): ResourceSource['references'] {
  return (row) => {
    const out: Record<string, readonly string[]> = {};
    for (const d of derived) {
      const key = d.get(row);
      if (typeof key === 'number' && key > 0) out[d.code] = [`${d.type}/${(d.ids.format as (k: number) => string)(key)}`];
    }
    return own ? { ...out, ...own(row) } : out;
  };
}

function compileSource(type: string, e: SourceEntry, index: SourceIndex): ResourceSource {
  checkColumns(type, e);
  const { spec } = e;
  const targets: Record<string, ParamTarget> = {};
  const derived: DerivedReference[] = [];
  for (const [code, t] of Object.entries(spec.targets) as [string, TargetSpec<string>][]) {
    targets[code] = compileTarget(type, code, t, index);
    const to = t.kind === 'reference' ? (Array.isArray(t.to) ? (t.to as readonly ReferenceTo[]) : [t.to as ReferenceTo]) : [];
    if (to.length === 1) derived.push({ code, get: getter(spec.alias, (t as { column: string }).column), ...resolveReference(type, code, to[0], index) });
  }
  const ids = spec.ids;
  const map = spec.map as (row: SourceRow, ctx: Parameters<ResourceSource['map']>[1]) => ReturnType<ResourceSource['map']> | ReturnType<ResourceSource['map']>[number]['resource'];
  const keyColumns = tablePrimaryKey(e.table);
  const pk = keyColumns[0];
  const composite = keyColumns.length > 1;
  if ((ids.arity ?? 1) !== keyColumns.length) throw new Error(`${type}/${spec.key}: ${e.table}'s primary key has ${keyColumns.length} column(s); its id scheme takes ${ids.arity ?? 1} (compositeIds for a composite key)`);
  if (composite && e.children.length) throw new Error(`${type}/${spec.key}: child rows are keyed by one parent column; ${e.table}'s key is composite`);
  for (const child of e.children) childDigest(child); // throws for children the version statement cannot check
  const missingKey = spec.columns ? keyColumns.filter((c) => !spec.columns!.includes(c)) : [];
  if (missingKey.length) throw new Error(`${type}/${spec.key}: the selected columns must include the key (${missingKey.join(', ')})`);
  if (composite && ids.items) throw new Error(`${type}/${spec.key}: wide rows over a composite key are not supported`);
  return {
    key: spec.key,
    profiles: spec.profiles.map(unversioned),
    formatId: (key, item) => (ids.format as (k: RowKey, i?: string) => string)(key, item),
    table: e.table,
    alias: spec.alias,
    pk,
    ...(composite ? { keyColumns } : {}),
    columns: spec.columns,
    joins: e.joins.map((j) => ({ ...j, columns: j.columns ?? tableColumns(j.table) })),
    children: e.children.length ? e.children : undefined,
    baseWhere: spec.baseWhere,
    audit: defaultAudit(e),
    deletedColumn: spec.deletedColumn,
    patientColumn: spec.patientColumn,
    practiceColumn: spec.practiceColumn,
    lastUpdatedColumn: spec.lastUpdatedColumn ?? `${spec.alias}.UPDATED_AT`,
    lastUpdatedSql: spec.lastUpdatedSql,
    targets,
    itemTokens: spec.itemTokens,
    itemPresence: spec.ids.items?.map((i) => spec.itemPresence![i]),
    itemCount: spec.itemCount,
    sort: spec.sort,
    parseId: (id) => {
      const parsed = ids.parse(id);
      return parsed ? { pk: parsed.key, ...(parsed.sub !== undefined ? { sub: parsed.sub } : {}) } : undefined;
    },
    map: (row, ctx) => {
      const out = map(row, ctx);
      return Array.isArray(out) ? out : [{ sub: 0, resource: out }];
    },
    references: referencesOf(derived, spec.references as Parameters<typeof referencesOf>[1]),
  };
}

const TYPE_OF: Record<ParamTarget['kind'], SearchParamType | undefined> = { string: 'string', token: 'token', date: 'date', reference: 'reference', quantity: 'quantity', custom: undefined };

/** The search parameters of a type: `_id`, `_lastUpdated` and every code some source targets. */
function paramsOf(entry: ResourceEntry, sources: readonly ResourceSource[], knownTypes?: ReadonlySet<string>): SearchParamDefinition[] {
  const codes = [...new Set(sources.flatMap((s) => Object.keys(s.targets)))];
  const params: SearchParamDefinition[] = [ID_PARAM, LAST_UPDATED_PARAM];
  for (const code of codes) {
    const specs = entry.sources.flatMap((s) => (s.spec.targets[code] ? [s.spec.targets[code] as TargetSpec<string>] : []));
    const types = new Set(specs.map((t) => (t.kind === 'custom' ? t.type : TYPE_OF[t.kind])));
    if (types.size !== 1) throw new Error(`${entry.type}.${code}: sources disagree on the parameter's type (${[...types].join(', ')})`);
    const type = [...types][0]!;
    const usCore = usCoreSearchParameter(entry.type, code);
    if (usCore && usCore.type !== type) throw new Error(`${entry.type}.${code}: US Core defines a ${usCore.type} parameter, the entry a ${type} one`);
    const definition = searchParameterUrl(entry.type, code);
    if (!definition) throw new Error(`${entry.type}.${code}: neither US Core nor FHIR R4 defines this search parameter`);
    const customTypes = specs.flatMap((t) => (t.kind === 'custom' ? (t.targetTypes ?? []) : []));
    for (const t of customTypes) if (!knownTypes?.has(t)) throw new Error(`${entry.type}.${code}: references ${t}, which is not registered`);
    const targetTypes = [...new Set([...customTypes, ...sources.flatMap((s) => (s.targets[code]?.kind === 'reference' ? (s.targets[code] as { targetTypes: readonly string[] }).targetTypes : []))])];
    const sortable = sources.every((s) => s.sort?.[code]);
    const canonical = specs.some((t) => t.kind === 'custom' && t.canonical);
    params.push({ code, type, definition, ...(targetTypes.length ? { targetTypes } : {}), ...(sortable ? { sortable: true } : {}), ...(canonical ? { canonical: true } : {}) });
  }
  return params;
}

interface Requirements {
  combinations: Map<string, { params: string[]; expectation: 'SHALL' | 'SHOULD' }>;
  includes: Map<string, Expectation>;
  revincludes: Map<string, Expectation>;
  params: Set<string>;
}

/** The SHALL/SHOULD searches and includes of the claimed US Core profiles (single parameters as one-name combinations). */
function requirementsOf(type: string, profiles: readonly string[]): Requirements {
  const out: Requirements = { combinations: new Map(), includes: new Map(), revincludes: new Map(), params: new Set() };
  const strong = (e: Expectation) => e === 'SHALL' || e === 'SHOULD';
  const add = (names: string[], expectation: Expectation) => {
    if (!strong(expectation)) return;
    const key = [...names].sort().join('+');
    const prev = out.combinations.get(key);
    if (!prev || RANK[expectation] > RANK[prev.expectation]) out.combinations.set(key, { params: names, expectation: expectation as 'SHALL' | 'SHOULD' });
  };
  for (const url of profiles) {
    const p = usCoreProfile(url);
    if (!p) continue;
    if (p.resourceType !== type) throw new Error(`${type}: profile ${url} is a ${p.resourceType} profile`);
    for (const s of p.searchParams) {
      out.params.add(s.name);
      add([s.name], s.expectation);
    }
    for (const c of p.combinations) add(c.names, c.expectation);
    for (const i of p.includes) if (strong(i.expectation)) out.includes.set(i.value, i.expectation);
    for (const i of p.revincludes) if (strong(i.expectation)) out.revincludes.set(i.value, i.expectation);
  }
  return out;
}

/** Compiles one entry; `index` holds every registered entry's sources (reference targets). */
export function compileEntry(entry: ResourceEntry, index: SourceIndex): ResourceDefinition {
  if (entry.constant && (entry.sources.length || (entry.interactions ?? []).some((i) => i !== 'read'))) throw new Error(`${entry.type}: a constant type has no sources and is read-only`);
  const sources = entry.sources.map((s) => compileSource(entry.type, s, index));
  if (entry.practiceOnly && (entry.inPatientCompartment || entry.sources.some((s) => !s.spec.practiceColumn))) throw new Error(`${entry.type}: a practiceOnly type is outside the patient compartment and every source names its practiceColumn`);
  const profiles = [...new Set([...(entry.profiles ?? []), ...sources.flatMap((s) => s.profiles ?? [])].map(unversioned))];
  const interactions = entry.interactions ?? ['read', 'vread', 'search-type'];
  const searchable = interactions.includes('search-type');
  const params = searchable ? paramsOf(entry, sources, new Set(index.keys())) : [];
  const supported = new Set(params.map((p) => p.code));
  const notSupported = entry.notSupported ?? {};
  const req = requirementsOf(entry.type, profiles);
  const fail = (what: string) => {
    throw new Error(`${entry.type}: US Core asks for ${what}; serve it or list it in notSupported with the reason`);
  };

  const combinations: { params: readonly string[]; expectation: 'SHALL' | 'SHOULD' }[] = [];
  if (searchable) {
    for (const c of req.combinations.values()) {
      const missing = c.params.filter((n) => !supported.has(n));
      if (missing.length === 0) combinations.push(c);
      else if (!missing.every((n) => notSupported[n])) fail(`the ${c.expectation} search ${c.params.join('+')}`);
    }
  }

  const includes: IncludeDefinition[] = [];
  const referenceTargets = (code: string) => params.find((p) => p.code === code && p.type === 'reference')?.targetTypes ?? [];
  for (const value of [...req.includes.keys(), ...(entry.extraIncludes ?? [])]) {
    const [sourceType, param, targetType] = value.split(':');
    const targets = targetType ? referenceTargets(param).filter((t) => t === targetType) : referenceTargets(param);
    if (targets.length) includes.push(...targets.map((t) => ({ sourceType, param, targetType: t })));
    else if (!notSupported[value]) fail(`_include=${value}`);
  }
  const revincludes: IncludeDefinition[] = [];
  const audited = sources.some((s) => s.audit);
  if (audited) revincludes.push({ sourceType: 'Provenance', param: 'target', targetType: entry.type });
  for (const value of req.revincludes.keys()) if (value !== 'Provenance:target' || !audited) if (!notSupported[value]) fail(`_revinclude=${value}`);

  for (const key of Object.keys(notSupported)) {
    if (!req.params.has(key) && !req.includes.has(key) && !req.revincludes.has(key)) throw new Error(`${entry.type}: notSupported names ${key}, which the claimed US Core profiles do not ask for`);
    if (supported.has(key) || includes.some((i) => `${i.sourceType}:${i.param}` === key)) throw new Error(`${entry.type}: ${key} is served, yet listed in notSupported`);
  }

  return {
    type: entry.type,
    profiles,
    interactions,
    params,
    combinations,
    sources,
    inPatientCompartment: entry.inPatientCompartment,
    ...(entry.practiceOnly ? { practiceOnly: true } : {}),
    includes: dedupe(includes),
    revincludes,
    notSupported,
    ...(entry.constant ? { constant: entry.constant } : {}),
    ...(entry.operations?.length ? { operations: entry.operations } : {}),
  };
}

function dedupe(includes: IncludeDefinition[]): IncludeDefinition[] {
  const seen = new Set<string>();
  return includes.filter((i) => {
    const k = `${i.sourceType}:${i.param}:${i.targetType}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/** Compiles every entry (each type once), resolving reference targets across them. */
export function compileEntries(entries: readonly ResourceEntry[]): ResourceDefinition[] {
  const index = new Map<string, readonly SourceEntry[]>();
  for (const e of entries) {
    if (index.has(e.type)) throw new Error(`Resource type ${e.type} registered twice`);
    index.set(e.type, e.sources);
  }
  return entries.map((e) => compileEntry(e, index));
}
