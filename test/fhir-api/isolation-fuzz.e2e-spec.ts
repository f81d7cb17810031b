/**
 * Isolation fuzz (issue 12): for every registered type x search parameter x `_include`/`_revinclude` x token kind
 * (patient, proxy, user of each of two practices, backend service of a practice, plus a user token with a few
 * resource scopes and the patient on `/open` to pair paging links), seeded random queries with values drawn from
 * the demo EHR both inside and outside the token's reach run through the real HTTP app; no returned resource
 * (matches and includes) may lie outside the token's patient, practice or scopes (oracle: the owning legacy row,
 * support/isolation-oracle.ts), no answer may be a 5xx, every refusal is an OperationOutcome, and every paging
 * `next` link replayed with another token is refused or confined to that token. Reads of in- and out-of-reach ids
 * of every type (Binary and Provenance included) are checked the same way.
 *
 * Seed: ISOLATION_FUZZ_SEED (printed; CI uses the fixed default) replays a failure exactly; the suite runs on SQLite,
 * ISOLATION_FUZZ_ENGINE=postgres runs it on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { generateDemoEhr } from '#facade/demo-ehr';
import type { ResourceDefinition } from '../../apps/fhir-api/src/engine/registry/resource-definition.js';
import { ResourceRegistry } from '../../apps/fhir-api/src/engine/registry/resource-registry.js';
import { resourceDefinitions } from '../../apps/fhir-api/src/resources/index.js';
import { FHIR_URL, startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';
import { IsolationOracle, leavesOf, prng, type FuzzToken } from './support/isolation-oracle.js';

type Json = Record<string, any>;
const SEED = Number(process.env.ISOLATION_FUZZ_SEED ?? 20261202);
/** SQLite in the suite; ISOLATION_FUZZ_ENGINE=postgres runs the same fuzz on PostgreSQL. */
const ENGINE = process.env.ISOLATION_FUZZ_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
const COUNTS = ['1', '2', '3', '50'];
const PREFIXES = ['', 'eq', 'ge', 'le', 'gt', 'lt', 'ne', 'sa', 'eb', 'ap'];

describe('isolation fuzz over the demo EHR', () => {
  let t: FhirTestApp;
  let registry: ResourceRegistry;
  let oracle: IsolationOracle;
  let tokens: FuzzToken[];
  /** Harvested resources per type (all practices). */
  const pool = new Map<string, Json[]>();

  beforeAll(async () => {
    t = await startFhirTestApp({ engine: ENGINE, create: (url) => generateDemoEhr(url, { patients: 30, seed: 11 }) });
    registry = new ResourceRegistry(resourceDefinitions({ mrnSystem: t.config.mrnSystem, ssnSystem: t.config.ssnSystem }));
    oracle = new IsolationOracle(t.ds, registry);
    const q = (sql: string) => t.ds.query(sql) as Promise<Json[]>;
    const practices = (await q('SELECT "PRACTICE_ID" AS id, COUNT(*) AS n FROM "PATIENT" GROUP BY "PRACTICE_ID" ORDER BY COUNT(*) DESC, "PRACTICE_ID"')).map((r) => Number(r.id));
    expect(practices.length).toBeGreaterThanOrEqual(2);
    const [a, b] = practices;
    const patient = Number((await q(`SELECT MIN("PAT_ID") AS id FROM "PATIENT" WHERE "PRACTICE_ID" = ${a} AND "MERGED_INTO_PAT_ID" IS NULL`))[0].id);
    const proxy = (await q('SELECT x."PAT_ID" AS pat, p."PRACTICE_ID" AS prac FROM "PORTAL_PROXY" x JOIN "PATIENT" p ON p."PAT_ID" = x."PAT_ID" WHERE x."END_DATE" IS NULL ORDER BY x."PAT_ID"'))[0];
    const child = Number(proxy.pat);
    const all = new Set(['*']);
    const mint = (claims: Json, aud: 'fhir' | 'open' = 'fhir') => t.mint(claims, { aud: `${FHIR_URL}/${aud}` });
    tokens = [
      { name: 'patient', base: 'fhir', patient, types: all, token: await mint({ scope: 'patient/*.rs', patient: String(patient), practice: a }) },
      { name: 'patient-open', base: 'open', patient, types: all, token: await mint({ scope: 'patient/*.rs', patient: String(patient), practice: a }, 'open') },
      { name: 'proxy', base: 'open', patient: child, types: all, token: await mint({ scope: 'patient/*.rs', patient: String(child), practice: Number(proxy.prac), fhirUser: `${FHIR_URL}/open/RelatedPerson/proxy-1` }, 'open') },
      { name: 'user-A', base: 'fhir', practices: [a], types: all, token: await mint({ scope: 'user/*.rs', practice: a, fhirUser: `${FHIR_URL}/fhir/Practitioner/1` }) },
      { name: 'user-B', base: 'fhir', practices: [b], types: all, token: await mint({ scope: 'user/*.rs', practice: b }) },
      { name: 'backend-B', base: 'fhir', practices: [b], types: all, token: await mint({ scope: 'system/*.rs', practice: b }) },
      {
        name: 'user-A-narrow', base: 'fhir', practices: [a], types: new Set(['Patient', 'Encounter', 'Condition']),
        token: await mint({ scope: 'user/Patient.rs user/Encounter.rs user/Condition.rs', practice: a }),
      },
    ];
    // Harvest: the first page of every searchable type over every practice, and Provenance / Binary ids.
    const harvester = await mint({ scope: 'system/*.rs', practices });
    for (const { def } of registry.all()) {
      if (!def.interactions.includes('search-type')) continue;
      const res = await request(t.server as never).get(`/fhir/${def.type}?_count=60`).set('Authorization', `Bearer ${harvester}`);
      expect({ type: def.type, status: res.status }).toEqual({ type: def.type, status: 200 });
      pool.set(def.type, (res.body.entry ?? []).map((e: Json) => e.resource));
    }
    pool.set('Binary', (pool.get('DocumentReference') ?? []).map((d) => ({ resourceType: 'Binary', id: d.id })));
    pool.set('Provenance', [...pool.entries()].flatMap(([type, rs]) => (type === 'Binary' ? [] : rs.slice(0, 4).map((r) => ({ resourceType: 'Provenance', id: `${type}-${r.id}` })))));
  }, 600_000);
  afterAll(async () => t?.close());

  it('never returns a resource outside the token\'s patient, practice or scopes', async () => {
    const rng = prng(SEED);
    console.log(`isolation fuzz seed ${SEED} on ${ENGINE} (replay: ISOLATION_FUZZ_SEED=${SEED})`);
    const started = Date.now();
    const failures: string[] = [];
    const stats = { requests: 0, ok: 0, refused: 0, replays: 0, seen: new Map<string, number>() };
    const get = (tok: FuzzToken, path: string) => request(t.server as never).get(path).set('Authorization', `Bearer ${tok.token}`);

    /** Pool resources of a type inside and outside the token's reach. */
    const reach = new Map<string, { inside: Json[]; outside: Json[] }>();
    const split = async (tok: FuzzToken, type: string) => {
      const key = `${tok.name}|${type}`;
      let s = reach.get(key);
      if (!s) {
        s = { inside: [], outside: [] };
        for (const r of pool.get(type) ?? []) ((await oracle.violation(tok, type, r.id)) ? s.outside : s.inside).push(r);
        reach.set(key, s);
      }
      return s;
    };
    const sample = async (tok: FuzzToken, type: string): Promise<Json | undefined> => {
      const s = await split(tok, type);
      const side = (rng.chance(0.5) && s.inside.length) || !s.outside.length ? s.inside : s.outside;
      return side.length ? rng.pick(side) : undefined;
    };

    const check = async (tok: FuzzToken, path: string, body: Json) => {
      const resources: Json[] = body.resourceType === 'Bundle' ? (body.entry ?? []).map((e: Json) => e.resource) : [body];
      for (const r of resources) {
        const why = await oracle.violation(tok, r.resourceType, r.id);
        if (why) failures.push(`${tok.name} GET ${path} -> ${r.resourceType}/${r.id}: ${why}`);
      }
      stats.seen.set(tok.name, (stats.seen.get(tok.name) ?? 0) + resources.length);
    };
    const run = async (tok: FuzzToken, path: string) => {
      stats.requests++;
      const res = await get(tok, path);
      if (res.status >= 500) return void failures.push(`${tok.name} GET ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      if (res.status !== 200 && res.status !== 304) {
        stats.refused++;
        if (res.body?.resourceType !== 'OperationOutcome') failures.push(`${tok.name} GET ${path}: ${res.status} without an OperationOutcome`);
        return;
      }
      stats.ok++;
      await check(tok, path, res.body);
      const next = (res.body.link ?? []).find((l: Json) => l.relation === 'next')?.url as string | undefined;
      if (!next) return;
      const others = tokens.filter((o) => o !== tok);
      const other = rng.pick(others.filter((o) => o.base === tok.base).length ? others.filter((o) => o.base === tok.base) : others);
      const u = new URL(next);
      const replayPath = `${u.pathname}${u.search}`;
      stats.replays++;
      const again = await get(other, replayPath);
      if (again.status >= 500) failures.push(`${other.name} replaying ${tok.name}'s next ${replayPath}: ${again.status}`);
      else if (again.status === 200) await check(other, `${replayPath} (next link of ${tok.name})`, again.body);
    };

    const value = async (tok: FuzzToken, def: ResourceDefinition, code: string, type: string, targets?: readonly string[]): Promise<[string, string] | undefined> => {
      if (code === '_id') {
        const r = await sample(tok, def.type);
        return r ? ['_id', r.id] : undefined;
      }
      if (type === 'reference') {
        const target = rng.pick(targets?.length ? targets : ['Patient']);
        const r = await sample(tok, target);
        if (!r) return undefined;
        return [code, rng.chance(0.5) ? `${target}/${r.id}` : r.id];
      }
      const r = await sample(tok, def.type);
      if (!r) return undefined;
      const leaves = leavesOf(r);
      if (type === 'token') {
        const c = leaves.codings.length ? rng.pick(leaves.codings) : { code: 'x' };
        const mod = rng.chance(0.15) ? ':not' : '';
        return [`${code}${mod}`, c.system && rng.chance(0.7) ? `${c.system}|${c.code}` : c.code];
      }
      if (type === 'date') return [code, `${rng.pick(PREFIXES)}${leaves.dates.length ? rng.pick(leaves.dates) : '2020-01-01'}`];
      if (type === 'quantity' || type === 'number') return [code, `${rng.pick(['gt', 'lt', 'ge', ''])}${leaves.numbers.length ? rng.pick(leaves.numbers) : 1}`];
      const s = leaves.strings.length ? rng.pick(leaves.strings) : 'a';
      const mod = rng.pick(['', '', ':exact', ':contains']);
      return [`${code}${mod}`, mod === ':exact' ? s : s.slice(0, 1 + rng.int(4))];
    };

    const searchable = registry.all().map((r) => r.def).filter((d) => d.interactions.includes('search-type'));
    for (const tok of tokens) {
      for (const def of searchable) {
        const base = `/${tok.base}/${def.type}`;
        const extra = async (): Promise<[string, string][]> => {
          if (!rng.chance(0.3)) return [];
          const p = rng.pick(def.params);
          const v = await value(tok, def, p.code, p.type, p.targetTypes);
          return v ? [v] : [];
        };
        for (const p of def.params) {
          const v = await value(tok, def, p.code, p.type, p.targetTypes);
          if (!v) continue;
          const qs = new URLSearchParams([v, ...(await extra()), ['_count', rng.pick(COUNTS)]]);
          await run(tok, `${base}?${qs}`);
        }
        const incs = [
          ...(def.includes ?? []).map((i) => ['_include', `${i.sourceType}:${i.param}:${i.targetType}`]),
          ...(def.includes ?? []).map((i) => ['_include', `${i.sourceType}:${i.param}`]),
          ...(def.revincludes ?? []).map((i) => ['_revinclude', `${i.sourceType}:${i.param}`]),
        ] as [string, string][];
        for (const inc of incs) {
          const qs = new URLSearchParams([inc, ...(await extra()), ['_count', rng.pick(COUNTS)]]);
          await run(tok, `${base}?${qs}`);
        }
      }
      // Reads of in- and out-of-reach ids of every type (Binary and Provenance too).
      for (const { def } of registry.all()) {
        if (def.constant) continue;
        for (const side of ['inside', 'outside'] as const) {
          const rs = (await split(tok, def.type))[side];
          if (rs.length) await run(tok, `/${tok.base}/${def.type}/${rng.pick(rs).id}`);
        }
        // The Provenance of a resource the token reaches (a Provenance scope is needed as well).
        const inside = (await split(tok, def.type)).inside;
        if (def.revincludes?.length && inside.length) await run(tok, `/${tok.base}/Provenance/${def.type}-${rng.pick(inside).id}`);
      }
    }
    console.log(`isolation fuzz: ${stats.requests} requests (${stats.ok} answered, ${stats.refused} refused), ${stats.replays} next links replayed, ${Math.round((Date.now() - started) / 1000)} s; resources seen per token: ${[...stats.seen].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    expect(failures.slice(0, 30)).toEqual([]);
    // The fuzz is not vacuous: every token saw data, paging links were replayed.
    for (const tok of tokens) expect({ token: tok.name, sawData: (stats.seen.get(tok.name) ?? 0) > 20 }).toEqual({ token: tok.name, sawData: true });
    expect(stats.replays).toBeGreaterThan(50);
    // The oracle tells inside from outside: each token has Patients on both sides of its reach.
    for (const tok of tokens) {
      const s = await split(tok, 'Patient');
      expect({ token: tok.name, inside: s.inside.length > 0, outside: s.outside.length > 0 }).toEqual({ token: tok.name, inside: true, outside: true });
    }
  }, 900_000);
});
