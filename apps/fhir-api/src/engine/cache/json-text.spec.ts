import { describe, expect, it } from '@jest/globals';
import { fhirJson, fhirJsonBytes, isShared, resourceJson } from './json-text.js';

describe('fhirJson', () => {
  const patient = { resourceType: 'Patient', id: 'p1', name: [{ family: 'Ünïcode "quoted"', given: ['A'] }], active: true };
  const lab = { resourceType: 'Observation', id: 'o1', valueQuantity: { value: 1.5, unit: 'mg/dL' }, note: undefined };

  it('writes a Bundle exactly as JSON.stringify does, undefined members and empty arrays included', () => {
    const bundle = {
      resourceType: 'Bundle', type: 'searchset', total: undefined,
      link: [{ relation: 'self', url: 'http://x/fhir/Observation?patient=1' }],
      entry: [
        { fullUrl: 'http://x/fhir/Observation/o1', resource: lab, search: { mode: 'match' } },
        { resource: patient, search: { mode: 'include' } },
      ],
    };
    expect(fhirJson(bundle)).toBe(JSON.stringify(bundle));
    expect(fhirJson({ ...bundle, entry: [] })).toBe(JSON.stringify({ ...bundle, entry: [] }));
    expect(fhirJson(patient)).toBe(JSON.stringify(patient));
  });

  it('fhirJsonBytes: the same text as UTF-8 bytes, whatever the member order around entry', () => {
    const entry = [{ fullUrl: 'http://x/fhir/Observation/o1', resource: lab, search: { mode: 'match' } }, null, { resource: patient, search: { mode: 'include' } }];
    const shapes = [
      { resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'self', url: 'http://x/fhir/Observation?patient=1' }], entry },
      { resourceType: 'Bundle', entry, type: 'searchset', total: 3, meta: undefined },
      { resourceType: 'Bundle', type: 'searchset', entry: [] },
      patient,
    ];
    for (const b of shapes) expect(fhirJsonBytes(b).toString('utf8')).toBe(JSON.stringify(b));
    expect(fhirJsonBytes({ resourceType: 'Bundle', entry }).toString('utf8')).toBe(JSON.stringify({ resourceType: 'Bundle', entry }));
  });

  it('reuses match entry texts only for the same URL, and serialises other entry shapes member by member', () => {
    const r = { resourceType: 'Observation', id: 'o9', status: 'final' };
    const page = (base: string) => ({ resourceType: 'Bundle', type: 'searchset', entry: [{ fullUrl: `${base}/Observation/o9`, resource: r, search: { mode: 'match' } }] });
    expect(fhirJson(page('http://a/fhir'))).toBe(JSON.stringify(page('http://a/fhir')));
    expect(fhirJson(page('http://b/open'))).toBe(JSON.stringify(page('http://b/open')));
    expect(fhirJson(page('http://a/fhir'))).toBe(JSON.stringify(page('http://a/fhir')));
    const odd = [
      { resource: r, fullUrl: 'http://a/fhir/Observation/o9', search: { mode: 'match' } },
      { fullUrl: 'http://a/fhir/Observation/o9', resource: r, search: { mode: 'match', score: 1 } },
      { fullUrl: 'http://a/fhir/Observation/o9', resource: r, search: { mode: 'match' }, extra: true },
      { fullUrl: 'http://a/fhir/Observation/o9', resource: r, search: { mode: 'include' } },
    ];
    const bundle = { resourceType: 'Bundle', type: 'searchset', entry: odd };
    expect(fhirJson(bundle)).toBe(JSON.stringify(bundle));
  });

  it('reuses the text of a resource object it has serialised before (the cache contract: never mutated)', () => {
    const r = { resourceType: 'Patient', id: 'p2' };
    expect(resourceJson(r)).toBe('{"resourceType":"Patient","id":"p2"}');
    r.id = 'changed';
    expect(resourceJson(r)).toBe('{"resourceType":"Patient","id":"p2"}');
    expect(resourceJson({ ...r })).toBe('{"resourceType":"Patient","id":"changed"}');
  });
});

describe('memoisation only for shared (cached) resources', () => {
  it('keeps no text for a resource never registered with resourceJson, and reuses the text of registered ones', () => {
    const fresh = { resourceType: 'Patient', id: 'f1' };
    expect(fhirJson(fresh)).toBe('{"resourceType":"Patient","id":"f1"}');
    fresh.id = 'f2';
    expect(fhirJson(fresh)).toBe('{"resourceType":"Patient","id":"f2"}');
    expect(isShared(fresh)).toBe(false);
    const shared = { resourceType: 'Patient', id: 's1' };
    resourceJson(shared);
    expect(isShared(shared)).toBe(true);
    shared.id = 'mutated';
    expect(fhirJson(shared)).toBe('{"resourceType":"Patient","id":"s1"}');
  });

  it('fhirJsonBytes: Bundles of fresh, shared and mixed entries, in any order, equal JSON.stringify of what was registered', () => {
    const mk = (id: string) => ({ resourceType: 'Observation', id, valueString: `ü ${id}` });
    const shared = [mk('s1'), mk('s2'), mk('s3')];
    for (const r of shared) resourceJson(r);
    const fresh = [mk('f1'), mk('f2')];
    const match = (r: object, id: string) => ({ fullUrl: `http://x/fhir/Observation/${id}`, resource: r, search: { mode: 'match' } });
    const layouts = [
      [match(fresh[0], 'f1'), match(fresh[1], 'f2')],
      [match(shared[0], 's1'), match(shared[1], 's2'), match(shared[2], 's3')],
      [match(fresh[0], 'f1'), match(shared[0], 's1'), match(shared[1], 's2'), match(fresh[1], 'f2'), { resource: shared[2], search: { mode: 'include' } }],
      [match(shared[0], 's1'), null, match(fresh[0], 'f1'), match(shared[2], 's3')],
    ];
    for (const entry of layouts) {
      const bundle = { resourceType: 'Bundle', type: 'searchset', entry, link: [{ relation: 'self', url: 'http://x/fhir/Observation' }] };
      const expected = JSON.stringify(bundle);
      expect(fhirJsonBytes(bundle).toString('utf8')).toBe(expected);
      expect(fhirJsonBytes(bundle).toString('utf8')).toBe(expected); // second pass: from memoised entry bytes
      expect(fhirJson(bundle)).toBe(expected);
    }
    // A fresh resource changed between two pages is written as it is now (nothing of it was kept).
    fresh[0].valueString = 'changed';
    const b = { resourceType: 'Bundle', entry: [match(fresh[0], 'f1'), match(shared[0], 's1')] };
    expect(fhirJsonBytes(b).toString('utf8')).toBe(JSON.stringify(b));
  });
});
