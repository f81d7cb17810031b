/**
 * The isolation fuzz's oracle (test/fhir-api/isolation-fuzz.e2e-spec.ts): who owns a served resource, read from the
 * legacy database through the registry's own source descriptions (table, joins, primary key, patient and practice
 * columns), and whether a token may see it. Independent of the engine's WHERE building: the row behind `Type/id` is
 * looked up by primary key and its patient/practice compared with the token's.
 */
import type { DataSource } from 'typeorm';
import { parseProvenanceId } from '#facade/mappers';
import type { ResourceRegistry } from '../../../apps/fhir-api/src/engine/registry/resource-registry.js';
import type { ResourceSource } from '../../../apps/fhir-api/src/engine/registry/resource-definition.js';
import { keyParts, type RowKey } from '#facade/mappers';

/** One token kind of the fuzz: what it may reach. */
export interface FuzzToken {
  name: string;
  token: string;
  base: 'fhir' | 'open';
  /** Patient-context tokens: the one patient. */
  patient?: number;
  /** User and backend tokens: the practices. */
  practices?: number[];
  /** Resource types the scopes name (`*` = all). */
  types: Set<string>;
}

interface Owner {
  patient: number | null;
  practice: number | null;
}

/** Looks up owners of rows by (type, id), cached. */
export class IsolationOracle {
  private readonly cache = new Map<string, Owner[]>();

  constructor(private readonly ds: DataSource, private readonly registry: ResourceRegistry) {}

  /** The owners (patient, practice) of the rows that can produce `type/id` (one per source whose id scheme fits). */
  async owners(type: string, id: string): Promise<Owner[]> {
    const key = `${type}/${id}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const def = this.registry.get(type)?.def;
    const out: Owner[] = [];
    for (const source of def?.sources ?? []) {
      const parsed = source.parseId(id);
      if (!parsed) continue;
      out.push(...(await this.rowOwners(source, parsed.pk)));
    }
    this.cache.set(key, out);
    return out;
  }

  private async rowOwners(s: ResourceSource, pk: RowKey): Promise<Owner[]> {
    const qb = this.ds.createQueryBuilder().from(s.table, s.alias);
    for (const j of s.joins ?? []) {
      if (j.optional) qb.leftJoin(j.table, j.alias, j.on);
      else qb.innerJoin(j.table, j.alias, j.on);
    }
    const practice = s.practiceColumn ?? (s.patientColumn ? 'own.PRACTICE_ID' : undefined);
    if (!s.practiceColumn && s.patientColumn) qb.leftJoin('PATIENT', 'own', `own.PAT_ID = ${s.patientColumn}`);
    qb.select(s.patientColumn ?? 'NULL', 'pat').addSelect(practice ?? 'NULL', 'prac');
    // A composite key (PORTAL_PROXY) matches on every key column.
    if (typeof pk === 'string') keyParts(pk).forEach((part, i) => qb.andWhere(`${s.alias}.${s.keyColumns![i]} = :k${i}`, { [`k${i}`]: part }));
    else qb.where(`${s.alias}.${s.pk} = :pk`, { pk });
    if (s.baseWhere) qb.andWhere(s.baseWhere);
    const rows: { pat: unknown; prac: unknown }[] = await qb.getRawMany();
    return rows.map((r) => ({ patient: r.pat == null ? null : Number(r.pat), practice: r.prac == null ? null : Number(r.prac) }));
  }

  /**
   * Why `token` must not see `type/id`, or undefined when it may: types outside the patient compartment are public
   * (except practice data such as Group); Provenance needs a Provenance scope and follows its target; Binary needs
   * its DocumentReference's scope.
   */
  async violation(t: FuzzToken, type: string, id: string): Promise<string | undefined> {
    if (type === 'Provenance') {
      const target = parseProvenanceId(id);
      if (!target) return `unparseable Provenance id ${id}`;
      if (!t.types.has('*') && !t.types.has('Provenance')) return `Provenance is outside the scopes of ${t.name}`;
      return this.violation(t, target.targetType, target.targetId);
    }
    const def = this.registry.get(type)?.def;
    if (!def) return `unregistered type ${type}`;
    if (def.constant) return undefined;
    if (!def.inPatientCompartment && !def.practiceOnly) return undefined;
    const scopeType = type === 'Binary' ? 'DocumentReference' : type;
    if (!t.types.has('*') && !t.types.has(scopeType)) return `${type} is outside the scopes of ${t.name}`;
    if (def.practiceOnly && t.patient !== undefined) return `${type} is practice data, ${t.name} has a patient context`;
    const owners = await this.owners(type, id);
    if (owners.length === 0) return `no legacy row owns ${type}/${id}`;
    if (t.patient !== undefined) return owners.some((o) => o.patient === t.patient) ? undefined : `${type}/${id} belongs to patient ${owners.map((o) => o.patient).join('/')}, not ${t.patient}`;
    return owners.some((o) => o.practice !== null && t.practices!.includes(o.practice)) ? undefined : `${type}/${id} belongs to practice ${owners.map((o) => o.practice).join('/')}, not ${t.practices!.join(',')}`;
  }
}

/** A seeded PRNG (mulberry32): the same seed gives the same queries. */
export function prng(seed: number): { next(): number; int(n: number): number; pick<T>(xs: readonly T[]): T; chance(p: number): boolean } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)], chance: (p) => next() < p };
}

type Json = Record<string, unknown>;

/** Leaves of a resource: strings, codings, identifiers, dates, numbers (search values are drawn from them). */
export interface Leaves {
  strings: string[];
  codings: { system?: string; code: string }[];
  dates: string[];
  numbers: number[];
  references: string[];
}

/** Walks a resource for values to search with. */
export function leavesOf(resource: Json): Leaves {
  const out: Leaves = { strings: [], codings: [], dates: [], numbers: [], references: [] };
  const walk = (v: unknown, key: string) => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') {
      const o = v as Json;
      if (typeof o.code === 'string') out.codings.push({ system: typeof o.system === 'string' ? o.system : undefined, code: o.code });
      if (typeof o.value === 'string' && typeof o.system === 'string') out.codings.push({ system: o.system, code: o.value });
      if (typeof o.reference === 'string') out.references.push(o.reference);
      for (const [k, x] of Object.entries(o)) if (k !== 'text' && k !== 'data' && k !== 'div') walk(x, k);
    } else if (typeof v === 'string') {
      if (/^\d{4}-\d{2}-\d{2}/.test(v)) out.dates.push(v.slice(0, 10));
      else if (key !== 'reference' && key !== 'url' && key !== 'system' && /^[A-Za-z][A-Za-z '-]{2,}$/.test(v)) out.strings.push(v);
    } else if (typeof v === 'number') out.numbers.push(v);
    else if (typeof v === 'boolean') out.codings.push({ code: String(v) });
  };
  walk(resource, '');
  return out;
}
