import { describe, expect, it } from '@jest/globals';
import { fhirJson, fhirJsonBytes, resourceJson } from './json-text.js';

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
