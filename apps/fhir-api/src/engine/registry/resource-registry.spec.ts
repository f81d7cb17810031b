import { describe, expect, it } from '@jest/globals';
import { PatientRaceTable, PatientTable, PortalProxyTable, VisitTable } from '#facade/legacy-db';
import { compositeIds, compositeKey, plainIds, PROFILE } from '#facade/mappers';
import { usCoreProfile } from '#facade/fhir';
import { SERVED_RESOURCE_TYPES } from '#facade/security/src/scopes/served-types.js';
import { resourceDefinitions } from '../../resources/index.js';
import { sourceOf, type ResourceEntry } from './resource-entry.js';
import { ResourceRegistry } from './resource-registry.js';

const config = { mrnSystem: 'urn:oid:1.2.3', ssnSystem: 'http://hl7.org/fhir/sid/us-ssn' };
const entries = resourceDefinitions(config);
const registry = new ResourceRegistry(entries);

/** A minimal Encounter entry to break in one place per test. */
function encounter(over: Partial<Parameters<ReturnType<typeof sourceOf<import('../../../../../libs/legacy-db/src/index.js').LegacyVisit>>>[0]> = {}, entry: Partial<ResourceEntry> = {}): ResourceEntry {
  const source = sourceOf(VisitTable)({
    key: 'visit', alias: 'v', profiles: [PROFILE.encounter], ids: plainIds(), patientColumn: 'v.PAT_ID',
    targets: { patient: { kind: 'reference', column: 'v.PAT_ID', to: 'Patient' } },
    map: () => ({ resourceType: 'Encounter' }),
    ...over,
  });
  return { type: 'Encounter', inPatientCompartment: true, sources: [source], notSupported: NOT_SUPPORTED_ENCOUNTER, ...entry };
}
const NOT_SUPPORTED_ENCOUNTER = Object.fromEntries(['date', 'identifier', 'type', 'class', 'status', 'location', 'discharge-disposition'].map((p) => [p, 'test']));
const patient = entries.find((e) => e.type === 'Patient')!;

describe('ResourceRegistry', () => {
  it('accepts every shipped entry, one per type, in entry order', () => {
    expect(registry.all().map((e) => e.def.type)).toEqual(entries.map((e) => e.type));
    expect(registry.all().map((e) => e.def.type)).toEqual(expect.arrayContaining(['Patient', 'Observation', 'Provenance', 'Endpoint']));
  });

  it('serves exactly the types the authorization server offers on its consent screen (libs/security SERVED_RESOURCE_TYPES)', () => {
    const served = registry.all().map((e) => e.def.type);
    expect({ missingFromServedTypes: served.filter((t) => !SERVED_RESOURCE_TYPES.includes(t)), notServed: SERVED_RESOURCE_TYPES.filter((t) => !served.includes(t)) })
      .toEqual({ missingFromServedTypes: [], notServed: [] });
  });

  it('refuses two sources with one key (compiled statements are cached by source key)', () => {
    const e = encounter();
    expect(() => new ResourceRegistry([patient, e])).not.toThrow();
    expect(() => new ResourceRegistry([patient, { ...e, sources: [e.sources[0], e.sources[0]] }])).toThrow(/source key 'visit' is already used by Encounter/);
  });

  it('refuses a constant type with sources or searches', () => {
    const endpoint = entries.find((e) => e.type === 'Endpoint')!;
    expect(() => new ResourceRegistry([endpoint])).not.toThrow();
    expect(() => new ResourceRegistry([{ ...endpoint, interactions: ['read', 'search-type'] }])).toThrow(/read-only/);
  });

  it('serves every SHALL/SHOULD search and include of every claimed profile, or names why not', () => {
    for (const { def } of registry.all()) {
      const codes = new Set(def.params.map((p) => p.code));
      for (const url of def.profiles) {
        const req = usCoreProfile(url);
        expect({ url, known: !!req }).toEqual({ url, known: true });
        for (const s of req!.searchParams.filter((p) => p.expectation !== 'MAY')) expect({ url, p: s.name, ok: codes.has(s.name) || !!def.notSupported?.[s.name] }).toEqual({ url, p: s.name, ok: true });
        for (const c of req!.combinations.filter((x) => x.expectation !== 'MAY')) {
          const served = c.names.every((n) => codes.has(n));
          expect({ url, c: c.names, ok: served || c.names.some((n) => !!def.notSupported?.[n]) }).toEqual({ url, c: c.names, ok: true });
          if (served) expect(def.combinations?.some((x) => [...x.params].sort().join() === [...c.names].sort().join())).toBe(true);
        }
      }
      // Binary is no US Core profile and has no audit of its own (its DocumentReference has the Provenance); Group
      // (base R4 patient panels) is no US Core profile and its rows carry no authoring columns.
      if (def.type !== 'Provenance' && def.type !== 'Binary' && def.type !== 'Group' && !def.constant) expect(def.revincludes).toEqual([{ sourceType: 'Provenance', param: 'target', targetType: def.type }]);
    }
  });

  it('derives parameter types, canonical URLs, reference targets and sortability from US Core and the targets', () => {
    const enc = registry.get('Encounter')!.def;
    expect(enc.params.find((p) => p.code === 'patient')).toEqual({ code: 'patient', type: 'reference', targetTypes: ['Patient'], definition: 'http://hl7.org/fhir/us/core/SearchParameter/us-core-encounter-patient' });
    expect(enc.params.find((p) => p.code === 'subject')?.definition).toBe('http://hl7.org/fhir/SearchParameter/Encounter-subject');
    expect(enc.params.find((p) => p.code === 'date')).toMatchObject({ type: 'date', sortable: true });
    expect(registry.get('PractitionerRole')!.def.includes).toEqual([{ sourceType: 'PractitionerRole', param: 'practitioner', targetType: 'Practitioner' }]);
    const loc = registry.get('Location')!.def.sources[0];
    const target = loc.targets.organization;
    expect(target.kind === 'reference' && [target.toKey('Organization', 'practice-3'), target.toKey('Organization', 'payer-3'), target.toKey('Organization', '3')]).toEqual([3, undefined, undefined]);
  });

  it('derives reads and include references from the id schemes', () => {
    const obs = registry.get('Observation')!.def;
    const [lab, vitals] = obs.sources;
    expect([lab.parseId('lab-5'), lab.parseId('vitals-5-bp'), vitals.parseId('vitals-5-bp')]).toEqual([{ pk: 5 }, undefined, { pk: 5, sub: 3 }]);
    expect(lab.references?.({ PAT_ID: 7, o: { VISIT_ID: 9 } })).toEqual({ patient: ['Patient/7'], subject: ['Patient/7'], encounter: ['Encounter/9'] });
    const loc = registry.get('Location')!.def.sources[0];
    expect(loc.references?.({ PRACTICE_ID: 2 })).toEqual({ organization: ['Organization/practice-2'] });
  });

  it('composite keys: the id scheme must take every key column; no children, no single-column reference to it', () => {
    const proxyEntry = entries.find((e) => e.type === 'RelatedPerson')!;
    const proxy = registry.get('RelatedPerson')!.def.sources.find((s) => s.key === 'proxy')!;
    expect(proxy.keyColumns).toEqual(['PORTAL_ID', 'PAT_ID']);
    expect(proxy.parseId('proxy-160-12')).toEqual({ pk: compositeKey([160, 12]) });
    expect(proxy.formatId!(compositeKey([160, 12]))).toBe('proxy-160-12');
    const proxies = sourceOf(PortalProxyTable)({
      key: 'proxy-x', alias: 'pp', profiles: [], ids: plainIds(), patientColumn: 'pp.PAT_ID', lastUpdatedColumn: 'pp.START_DATE', targets: {}, map: () => ({ resourceType: 'RelatedPerson' }),
    });
    expect(() => new ResourceRegistry([patient, { ...proxyEntry, sources: [proxies] }])).toThrow(/primary key has 2 column\(s\); its id scheme takes 1/);
    const withChildren = sourceOf(PortalProxyTable, { children: { races: { table: PatientRaceTable, fk: 'PAT_ID' } } })({
      key: 'proxy-x', alias: 'pp', profiles: [], ids: compositeIds('px', 2), patientColumn: 'pp.PAT_ID', lastUpdatedColumn: 'pp.START_DATE', targets: {}, map: () => ({ resourceType: 'RelatedPerson' }),
    });
    expect(() => new ResourceRegistry([patient, { ...proxyEntry, sources: [withChildren] }])).toThrow(/child rows are keyed by one parent column/);
    const byProxy = encounter({ targets: { patient: { kind: 'reference', column: 'v.PAT_ID', to: { type: 'RelatedPerson', source: 'proxy' } } } });
    expect(() => new ResourceRegistry([patient, proxyEntry, byProxy])).toThrow(/cannot hold RelatedPerson\/proxy's composite key/);
  });

  it('refuses at start-up what cannot work', () => {
    expect(() => new ResourceRegistry([patient, encounter()])).not.toThrow();
    expect(() => new ResourceRegistry([patient, patient])).toThrow(/twice/);
    // A nullable sort column would lose rows in keyset paging.
    expect(() => new ResourceRegistry([patient, encounter({ sort: { date: 'v.END_DT' } })])).toThrow(/nullable/);
    // Columns are checked against the DDL (a cast stands for a typo the compiler would catch).
    expect(() => new ResourceRegistry([patient, encounter({ patientColumn: 'v.PATIENT_ID' as 'v.PAT_ID' })])).toThrow(/VISIT has no column PATIENT_ID/);
    expect(() => new ResourceRegistry([patient, encounter({ baseWhere: "v.VISIT_KIND = 'X'" })])).toThrow(/VISIT has no column VISIT_KIND/);
    // A reference to a type that is not registered.
    expect(() => new ResourceRegistry([encounter()])).toThrow(/references Patient, which is not registered/);
    // US Core's type for the parameter wins.
    expect(() => new ResourceRegistry([patient, encounter({ targets: { patient: { kind: 'string', columns: ['v.REASON_TEXT'] } } })])).toThrow(/US Core defines a reference parameter/);
    // A parameter nobody defines.
    expect(() => new ResourceRegistry([patient, encounter({ targets: { patient: { kind: 'reference', column: 'v.PAT_ID', to: 'Patient' }, reason: { kind: 'string', columns: ['v.REASON_TEXT'] } } })])).toThrow(/neither US Core nor FHIR R4/);
    // A SHALL search that is neither served nor excused.
    expect(() => new ResourceRegistry([patient, encounter({}, { notSupported: { ...NOT_SUPPORTED_ENCOUNTER, date: undefined as never } })])).toThrow(/US Core asks for the SHALL search date\+patient/);
    // Stale excuses.
    expect(() => new ResourceRegistry([patient, encounter({}, { notSupported: { ...NOT_SUPPORTED_ENCOUNTER, patient: 'x' } })])).toThrow(/patient is served, yet listed/);
    expect(() => new ResourceRegistry([patient, encounter({}, { notSupported: { ...NOT_SUPPORTED_ENCOUNTER, 'favourite-colour': 'x' } })])).toThrow(/do not ask for/);
  });

  it('refuses children the version statement cannot check: a table without versions and with a DATE column', () => {
    const withChildren = (table: typeof PortalProxyTable | typeof PatientRaceTable) => encounter({}, {
      sources: [sourceOf(VisitTable, { children: { kids: { table, fk: 'PAT_ID' } } })({
        key: 'visit', alias: 'v', profiles: [PROFILE.encounter], ids: plainIds(), patientColumn: 'v.PAT_ID',
        targets: { patient: { kind: 'reference', column: 'v.PAT_ID', to: 'Patient' } }, map: () => ({ resourceType: 'Encounter' }),
      })],
    });
    expect(() => new ResourceRegistry([patient, withChildren(PatientRaceTable)])).not.toThrow();
    expect(() => new ResourceRegistry([patient, withChildren(PortalProxyTable)])).toThrow(/PORTAL_PROXY children cannot be folded .*: START_DATE \(DATE\) has no exact text in SQL/);
  });

  it('types column paths against the entity rows', () => {
    sourceOf(VisitTable, { joins: { pt: { table: PatientTable, on: 'pt.PAT_ID = v.PAT_ID', columns: ['PRACTICE_ID'] } } })({
      key: 'k', alias: 'v', profiles: [], ids: plainIds(),
      // @ts-expect-error VISIT has no PATIENT_ID column
      patientColumn: 'v.PATIENT_ID',
      // @ts-expect-error the join's alias is pt
      practiceColumn: 'p.PRACTICE_ID',
      targets: { patient: { kind: 'reference', column: 'pt.PAT_ID', to: 'Patient' } },
      map: (row) => ({ resourceType: 'Encounter', id: String(row.VISIT_ID + row.pt.PRACTICE_ID) }),
    });
    // @ts-expect-error PATIENT has no NICKNAME column
    sourceOf(VisitTable, { joins: { pt: { table: PatientTable, on: 'pt.PAT_ID = v.PAT_ID', columns: ['NICKNAME'] } } });
  });
});
