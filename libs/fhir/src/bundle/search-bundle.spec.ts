import { describe, expect, it } from '@jest/globals';
import { ID_PARAM, type ResourceSearchSpec } from '../search/search-param-definition.js';
import { parseSearch } from '../search/search-parser.js';
import { buildSearchBundle } from './search-bundle.js';

const spec: ResourceSearchSpec = {
  resourceType: 'Observation',
  params: [ID_PARAM, { code: 'patient', type: 'reference' }, { code: 'date', type: 'date', sortable: true }],
  includes: ['Observation:patient'],
};
const base = 'https://ehr.example/fhir';
const obs = (id: string) => ({ resourceType: 'Observation', id, status: 'final' });
const patient = { resourceType: 'Patient', id: 'p1' };

describe('buildSearchBundle', () => {
  it('lists matches then includes with fullUrl and search.mode, and a self link keeping every parameter', () => {
    const request = parseSearch('patient=p1&date=ge2024-01-01T00:00:00%2B10:00&_sort=-date&_include=Observation:patient&_count=2', spec, {
      timeZone: 'UTC',
    });
    const bundle = buildSearchBundle({ baseUrl: base, request, matches: [obs('o1'), obs('o2')], includes: [patient], total: 7 });
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 7 });
    expect(bundle.link).toEqual([
      {
        relation: 'self',
        url: `${base}/Observation?patient=p1&date=ge2024-01-01T00:00:00%2B10:00&_include=Observation:patient&_sort=-date&_count=2`,
      },
    ]);
    expect(bundle.entry?.map((e) => [e.fullUrl, e.search.mode])).toEqual([
      [`${base}/Observation/o1`, 'match'],
      [`${base}/Observation/o2`, 'match'],
      [`${base}/Patient/p1`, 'include'],
    ]);
  });

  it('adds next and previous links carrying their cursors, self keeping the current one', () => {
    const request = parseSearch('patient=p1&_cursor=CUR', spec, { timeZone: 'UTC' });
    const bundle = buildSearchBundle({ baseUrl: `${base}/`, request, matches: [obs('o1')], nextCursor: 'NEXT', previousCursor: 'PREV' });
    expect(bundle.link).toEqual([
      { relation: 'self', url: `${base}/Observation?patient=p1&_count=50&_cursor=CUR` },
      { relation: 'next', url: `${base}/Observation?patient=p1&_count=50&_cursor=NEXT` },
      { relation: 'previous', url: `${base}/Observation?patient=p1&_count=50&_cursor=PREV` },
    ]);
  });

  it('drops includes that duplicate a match or another include', () => {
    const request = parseSearch('', spec, { timeZone: 'UTC' });
    const bundle = buildSearchBundle({ baseUrl: base, request, matches: [obs('o1')], includes: [obs('o1'), patient, patient] });
    expect(bundle.entry?.map((e) => e.fullUrl)).toEqual([`${base}/Observation/o1`, `${base}/Patient/p1`]);
  });

  it('omits total when unknown or when _total=none, and entry when there are none', () => {
    const none = parseSearch('_total=none', spec, { timeZone: 'UTC' });
    expect(buildSearchBundle({ baseUrl: base, request: none, matches: [], total: 3 })).not.toHaveProperty('total');
    const plain = parseSearch('', spec, { timeZone: 'UTC' });
    const empty = buildSearchBundle({ baseUrl: base, request: plain, matches: [] });
    expect(empty).not.toHaveProperty('total');
    expect(empty).not.toHaveProperty('entry');
    expect(buildSearchBundle({ baseUrl: base, request: plain, matches: [], total: 0 }).total).toBe(0);
  });

  it('reports ignored parameters and extra warnings in an outcome entry, and leaves them out of links', () => {
    const request = parseSearch('foo=1&patient=p1', spec, { timeZone: 'UTC', lenient: true });
    const bundle = buildSearchBundle({
      baseUrl: base,
      request,
      matches: [],
      warnings: [{ severity: 'warning', code: 'processing', diagnostics: 'Some codes are unmapped' }],
    });
    expect(bundle.link?.[0].url).toBe(`${base}/Observation?patient=p1&_count=50`);
    expect(bundle.entry).toHaveLength(1);
    expect(bundle.entry?.[0].search.mode).toBe('outcome');
    expect(bundle.entry?.[0].resource).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [
        { severity: 'warning', code: 'not-supported', diagnostics: "Search parameter 'foo' was ignored", expression: ['foo'] },
        { severity: 'warning', code: 'processing', diagnostics: 'Some codes are unmapped' },
      ],
    });
  });

  it('passes id and timestamp through without reading a clock', () => {
    const request = parseSearch('', spec, { timeZone: 'UTC' });
    const b = buildSearchBundle({ baseUrl: base, request, matches: [], id: 'req-1', timestamp: '2024-01-01T00:00:00Z' });
    expect(b.id).toBe('req-1');
    expect(b.timestamp).toBe('2024-01-01T00:00:00Z');
    expect(buildSearchBundle({ baseUrl: base, request, matches: [] })).not.toHaveProperty('timestamp');
  });
});
